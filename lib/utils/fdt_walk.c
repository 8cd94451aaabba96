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

static void fdtw_init(const void *fdt, struct fdtw *w)
{
	w->st = (const char *)fdt + fdt_off_dt_struct(fdt);
	w->st_size = fdt_size_dt_struct(fdt);
	w->str = (const char *)fdt + fdt_off_dt_strings(fdt);
	w->str_size = fdt_size_dt_strings(fdt);
}

static u32 rd32(const struct fdtw *w, int off)
{
	return fdt32_to_cpu(*(const fdt32_t *)(w->st + off));
}

/*
 * Token at @off: returns the tag (FDT_END on any inconsistency) and sets
 * *next to the offset after it.
 */
static u32 fdtw_tag(const struct fdtw *w, int off, int *next)
{
	u32 tag, len;
	int n;

	if (off < 0 || (u32)off + 4 > w->st_size) {
		*next = -1;
		return FDT_END;
	}
	tag = rd32(w, off);
	switch (tag) {
	case FDT_BEGIN_NODE:
		n = strnlen(w->st + off + 4, w->st_size - off - 4);
		*next = off + 4 + ((n + 1 + 3) & ~3);
		break;
	case FDT_PROP:
		if ((u32)off + 12 > w->st_size) {
			*next = -1;
			return FDT_END;
		}
		len = rd32(w, off + 4);
		if (len > w->st_size) {
			*next = -1;
			return FDT_END;
		}
		*next = off + 12 + ((len + 3) & ~3);
		break;
	case FDT_END_NODE:
	case FDT_NOP:
		*next = off + 4;
		break;
	default:
		*next = -1;
		return FDT_END;
	}
	if (*next < 0 || (u32)*next > w->st_size) {
		*next = -1;
		return FDT_END;
	}
	return tag;
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

/* First property of the node at @node, skipping NOPs; -1 when none. */
int fdtw_first_prop(const void *fdt, int node)
{
	struct fdtw w;
	int off, next;
	u32 tag;

	fdtw_init(fdt, &w);
	if (fdtw_tag(&w, node, &off) != FDT_BEGIN_NODE)
		return -1;
	while ((tag = fdtw_tag(&w, off, &next)) == FDT_NOP)
		off = next;
	return tag == FDT_PROP ? off : -1;
}

int fdtw_next_prop(const void *fdt, int prop)
{
	struct fdtw w;
	int off, next;
	u32 tag;

	fdtw_init(fdt, &w);
	if (fdtw_tag(&w, prop, &off) != FDT_PROP)
		return -1;
	while ((tag = fdtw_tag(&w, off, &next)) == FDT_NOP)
		off = next;
	return tag == FDT_PROP ? off : -1;
}

const void *fdtw_prop(const void *fdt, int prop, const char **name, int *lenp)
{
	struct fdtw w;
	u32 nameoff;
	int next;

	fdtw_init(fdt, &w);
	if (fdtw_tag(&w, prop, &next) != FDT_PROP)
		return NULL;
	nameoff = rd32(&w, prop + 8);
	if (nameoff >= w.str_size)
		return NULL;
	if (name)
		*name = w.str + nameoff;
	if (lenp)
		*lenp = rd32(&w, prop + 4);
	return w.st + prop + 12;
}

const void *fdtw_getprop(const void *fdt, int node, const char *name,
			 int *lenp)
{
	int prop;

	for (prop = fdtw_first_prop(fdt, node); prop >= 0;
	     prop = fdtw_next_prop(fdt, prop)) {
		const char *pname;
		const void *v = fdtw_prop(fdt, prop, &pname, lenp);

		if (v && !strcmp(pname, name))
			return v;
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
