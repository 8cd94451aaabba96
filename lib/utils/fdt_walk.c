// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fast read-only device-tree walking (see fdt_walk.h): tokens are read
 * straight from the structure block, with one bounds check per token.
 */
#include <libfdt.h>
#include <sbi/sbi_string.h>
#include <sbi_utils/fdt_walk.h>

struct fdtw {
	const char *st;		/* structure block */
	u32 st_size;
	const char *str;	/* strings block */
	u32 str_size;
};

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "fdt_walk.c reads big-endian words with little-endian loads"
#endif

/* A 32-bit load that may alias the tree's bytes. */
typedef u32 __attribute__((may_alias)) fdtw_word;

/* A token as it is stored (big-endian), so tags compare without a swap. */
#define FDTW_RAW(x)	((((x) & 0xffU) << 24) | (((x) & 0xff00U) << 8) | \
			 (((x) >> 8) & 0xff00U) | ((x) >> 24))

/*
 * The big-endian word at @p, 4-byte aligned: the walker is used on trees
 * whose blocks fdt_helper_validate() found aligned, and fdtw_init()
 * refuses a misaligned one.
 */
static inline u32 be32_at(const void *p)
{
	u32 x = *(const fdtw_word *)p;

	return FDTW_RAW(x);
}

/* A misaligned tree or structure block reads as an empty one. */
static void fdtw_init(const void *fdt, struct fdtw *w)
{
	const struct fdt_header *h = fdt;
	u32 st_off;

	w->st = w->str = fdt;
	w->st_size = w->str_size = 0;
	if ((unsigned long)fdt & 3)
		return;
	st_off = be32_at(&h->off_dt_struct);
	if (st_off & 3)
		return;
	w->st = (const char *)fdt + st_off;
	w->st_size = be32_at(&h->size_dt_struct);
	w->str = (const char *)fdt + be32_at(&h->off_dt_strings);
	w->str_size = be32_at(&h->size_dt_strings);
}

static inline u32 rd32(const struct fdtw *w, int off)
{
	return be32_at(w->st + off);
}

/*
 * Bytes before the NUL of the node name at @p (4-byte aligned), looking
 * at most @max bytes; @max when there is none. Whole words first: a name
 * is padded with NULs to a word boundary.
 */
static inline u32 fdtw_name_len(const char *p, u32 max)
{
	u32 i, v;

	for (i = 0; i + 4 <= max; i += 4) {
		v = *(const fdtw_word *)(p + i);
		if ((v - 0x01010101U) & ~v & 0x80808080U)
			break;
	}
	for (; i < max && p[i]; i++)
		;
	return i;
}

/*
 * Token at @off: returns the tag (FDT_END on any inconsistency) and sets
 * *next to the offset after it.
 */
static u32 fdtw_tag(const struct fdtw *w, int off, int *next)
{
	u32 raw, len, n;

	if (off < 0 || (u32)off + 4 > w->st_size)
		goto bad;
	raw = *(const fdtw_word *)(w->st + off);
	if (raw == FDTW_RAW(FDT_PROP)) {
		if ((u32)off + 12 > w->st_size)
			goto bad;
		len = rd32(w, off + 4);
		if (len > w->st_size - off - 12)
			goto bad;
		*next = off + 12 + ((len + 3) & ~3);
		if ((u32)*next > w->st_size)
			goto bad;
		return FDT_PROP;
	}
	if (raw == FDTW_RAW(FDT_BEGIN_NODE)) {
		n = fdtw_name_len(w->st + off + 4, w->st_size - off - 4);
		/* The NUL and the padding must fit too. */
		if (n + 1 > w->st_size - off - 4)
			goto bad;
		*next = off + 4 + ((n + 1 + 3) & ~3);
		if ((u32)*next > w->st_size)
			goto bad;
		return FDT_BEGIN_NODE;
	}
	if (raw == FDTW_RAW(FDT_END_NODE) || raw == FDTW_RAW(FDT_NOP)) {
		*next = off + 4;
		return FDTW_RAW(raw);
	}
bad:
	*next = -1;
	return FDT_END;
}

int fdtw_next_node(const void *fdt, int node, int *depth)
{
	struct fdtw w;
	int next, off = node;
	u32 tag;

	fdtw_init(fdt, &w);
	if (off >= 0) {
		/* Step over the node's own BEGIN_NODE. */
		if (fdtw_tag(&w, off, &next) != FDT_BEGIN_NODE)
			return -FDT_ERR_BADOFFSET;
		off = next;
	} else {
		off = 0;
		tag = fdtw_tag(&w, off, &next);
		if (tag == FDT_BEGIN_NODE) {
			if (depth)
				*depth = 0;
			return 0;
		}
		return -FDT_ERR_NOTFOUND;
	}
	for (;;) {
		tag = fdtw_tag(&w, off, &next);
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth)
				(*depth)++;
			return off;
		case FDT_END_NODE:
			if (depth && --(*depth) < 0)
				return -FDT_ERR_NOTFOUND;
			break;
		case FDT_END:
			return -FDT_ERR_NOTFOUND;
		default:
			break;
		}
		off = next;
	}
}

const char *fdtw_name(const void *fdt, int node)
{
	struct fdtw w;
	int next;

	fdtw_init(fdt, &w);
	if (fdtw_tag(&w, node, &next) != FDT_BEGIN_NODE)
		return NULL;
	return w.st + node + 4;
}

/*
 * The property at or after @off (NOPs skipped), its value, name and
 * length; *next is the offset after it. NULL when the node's properties
 * end there. A property whose name lies outside the strings block is
 * stepped over.
 */
static const void *prop_at(const struct fdtw *w, int off, int *next,
			   const char **name, int *lenp)
{
	u32 tag, nameoff;

	for (;; off = *next) {
		tag = fdtw_tag(w, off, next);
		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP)
			return NULL;
		nameoff = rd32(w, off + 8);
		if (nameoff >= w->str_size)
			continue;
		*name = w->str + nameoff;
		*lenp = rd32(w, off + 4);
		return w->st + off + 12;
	}
}

/* Offset just after the BEGIN_NODE token of @node, or -1. */
static int props_start(const struct fdtw *w, int node)
{
	int off;

	return fdtw_tag(w, node, &off) == FDT_BEGIN_NODE ? off : -1;
}

int fdtw_props_start(const void *fdt, int node)
{
	struct fdtw w;

	fdtw_init(fdt, &w);
	return props_start(&w, node);
}

const void *fdtw_props_next(const void *fdt, int *pos, const char **name,
			    int *lenp)
{
	struct fdtw w;
	const void *v;

	fdtw_init(fdt, &w);
	v = prop_at(&w, *pos, pos, name, lenp);
	if (!v)
		*pos = -1;
	return v;
}

const void *fdtw_getprop(const void *fdt, int node, const char *name,
			 int *lenp)
{
	struct fdtw w;
	const char *pname;
	const void *v;
	int off, len;

	fdtw_init(fdt, &w);
	off = props_start(&w, node);
	while (off >= 0 && (v = prop_at(&w, off, &off, &pname, &len))) {
		if (!strcmp(pname, name)) {
			if (lenp)
				*lenp = len;
			return v;
		}
	}
	if (lenp)
		*lenp = -FDT_ERR_NOTFOUND;
	return NULL;
}

/* The child of @parent called @name (with or without unit address). */
static int fdtw_subnode(const void *fdt, int parent, const char *name,
			int namelen)
{
	int depth = 0, node;

	for (node = fdtw_next_node(fdt, parent, &depth); node >= 0 && depth > 0;
	     node = fdtw_next_node(fdt, node, &depth)) {
		const char *n;

		if (depth != 1)
			continue;
		n = fdtw_name(fdt, node);
		if (n && !strncmp(n, name, namelen) &&
		    (n[namelen] == '\0' ||
		     (n[namelen] == '@' && !memchr(name, '@', namelen))))
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

int fdtw_path(const void *fdt, const char *path)
{
	int node = 0;

	if (*path != '/')
		return -FDT_ERR_BADPATH;
	while (*path) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = strchr(path, '/');
		if (!end)
			end = path + strlen(path);
		node = fdtw_subnode(fdt, node, path, end - path);
		if (node < 0)
			return node;
		path = end;
	}
	return node;
}

bool fdtw_name_is(const char *name, const char *base)
{
	size_t n = strlen(base);

	return !strncmp(name, base, n) && (name[n] == '\0' || name[n] == '@');
}

bool fdtw_stringlist_has(const char *list, int len, const char *s)
{
	int want = strlen(s);

	while (list && len > 0) {
		int l = strnlen(list, len);

		if (l == want && !memcmp(list, s, l))
			return true;
		list += l + 1;
		len -= l + 1;
	}
	return false;
}

bool fdtw_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *c = fdtw_getprop(fdt, node, "compatible", &len);

	return fdtw_stringlist_has(c, len, compat);
}

int fdtw_find_compatible(const void *fdt, int start, const char *compat)
{
	int node;

	for (node = fdtw_next_node(fdt, start, NULL); node >= 0;
	     node = fdtw_next_node(fdt, node, NULL))
		if (fdtw_compatible(fdt, node, compat))
			return node;
	return -FDT_ERR_NOTFOUND;
}

int fdtw_parent(const void *fdt, int node)
{
	int stack[32], depth = 0, off;

	stack[0] = 0;
	if (node == 0)
		return -FDT_ERR_NOTFOUND;
	for (off = fdtw_next_node(fdt, 0, &depth); off >= 0;
	     off = fdtw_next_node(fdt, off, &depth)) {
		if (depth <= 0 || depth >= 32)
			return -FDT_ERR_BADSTRUCTURE;
		stack[depth] = off;
		if (off == node)
			return stack[depth - 1];
	}
	return -FDT_ERR_NOTFOUND;
}

const char *fdtw_check(const void *fdt)
{
	struct fdtw w;
	int off = 0, next, depth = 0, nodes = 0;
	u32 tag;

	fdtw_init(fdt, &w);
	for (;;) {
		tag = fdtw_tag(&w, off, &next);
		if (next < 0 && !nodes)
			return "no root node";
		if (next < 0)
			return tag == FDT_END && (u32)off + 4 <= w.st_size &&
					       rd32(&w, off) == FDT_END ?
				       (depth ? "structure block ends inside a node" :
						NULL) :
				       "truncated or corrupt structure block";
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && nodes)
				return "more than one root node";
			/* tag, then the name: the root's is empty */
			if (depth == 0 && *fdtw_name(fdt, off))
				return "root node has a name";
			depth++;
			nodes++;
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return "unbalanced nodes";
			break;
		case FDT_PROP: {
			u32 nameoff = rd32(&w, off + 8);

			if (depth < 1)
				return "property outside any node";
			if (nameoff >= w.str_size ||
			    !memchr(w.str + nameoff, 0, w.str_size - nameoff))
				return "bad property name";
			/* Zeros where the strings were: a blob cut short. */
			if (!w.str[nameoff])
				return "empty property name (blob cut short?)";
			/* One u32, or readers would disagree on the cells. */
			if ((!strcmp(w.str + nameoff, "#address-cells") ||
			     !strcmp(w.str + nameoff, "#size-cells")) &&
			    rd32(&w, off + 4) != 4)
				return "#address-cells or #size-cells is not one u32";
			break;
		}
		default:
			break;
		}
		off = next;
	}
}
