// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree access for the memory hotplug windows at boot.
 *
 * Reading: the answers of libfdt's fdt_next_node(), fdt_getprop(),
 * fdt_parent_offset(), fdt_path_offset() and
 * fdt_node_offset_by_compatible(), from token scans with aligned word
 * loads. libfdt re-validates every token it steps over; on QEMU virt one
 * whole-tree walk through it costs over 100,000 instructions, and
 * adopting the windows takes several, which alone would add more than 5%
 * to OpenSBI's boot. Every offset and length is still checked against
 * the blocks the header gives.
 *
 * Writing: the hotplug-memory container goes in as the last child of the
 * root with one move of the strings block, where one fdt_setprop() per
 * property would move the whole tree behind its node every time.
 */

#include <libfdt.h>
#include <sbi/sbi_string.h>
#include <sbi_utils/memhp/fdt_memhp_tree.h>

#define TAG(t)		cpu_to_fdt32(t)
#define TREE_ALIGN(x)	(((x) + 3) & ~3)
/* Nesting fdt_memhp_tree_parent() follows. */
#define TREE_MAX_DEPTH	32
/* Distinct property names fdt_memhp_tree_append() writes. */
#define TREE_MAX_NAMES	24

struct tree {
	const char *dt;		/* the structure block */
	int dt_size;
	const char *str;	/* the strings block */
	int str_size;
};

static u32 hdr(const void *fdt, unsigned int field)
{
	return fdt32_to_cpu(((const fdt32_t *)fdt)[field]);
}

#define HDR_TOTALSIZE		1
#define HDR_OFF_DT_STRUCT	2
#define HDR_OFF_DT_STRINGS	3
#define HDR_VERSION		5
#define HDR_SIZE_DT_STRINGS	8
#define HDR_SIZE_DT_STRUCT	9

static bool tree_get(const void *fdt, struct tree *t)
{
	u32 total, off_dt, dt_size, off_str, str_size;

	if ((unsigned long)fdt & 3 || *(const fdt32_t *)fdt != TAG(FDT_MAGIC) ||
	    hdr(fdt, HDR_VERSION) < 17)
		return false;
	total = hdr(fdt, HDR_TOTALSIZE);
	off_dt = hdr(fdt, HDR_OFF_DT_STRUCT);
	dt_size = hdr(fdt, HDR_SIZE_DT_STRUCT);
	off_str = hdr(fdt, HDR_OFF_DT_STRINGS);
	str_size = hdr(fdt, HDR_SIZE_DT_STRINGS);
	if (off_dt & 3 || dt_size & 3 || dt_size > 0x40000000 ||
	    off_dt > total || dt_size > total - off_dt ||
	    off_str > total || str_size > total - off_str)
		return false;
	t->dt = (const char *)fdt + off_dt;
	t->dt_size = dt_size;
	t->str = (const char *)fdt + off_str;
	t->str_size = str_size;
	return true;
}

/*
 * The tag of the token at @off in *@tag, and the offset of the next
 * token; -1 at FDT_END, and when the token is malformed or out of the
 * structure block.
 */
static __always_inline
int tree_token(const struct tree *t, int off, fdt32_t *tag)
{
	u32 len;

	*tag = TAG(FDT_END);
	if (off < 0 || off > t->dt_size - 4)
		return -1;
	*tag = *(const fdt32_t *)(t->dt + off);
	off += 4;
	if (*tag == TAG(FDT_PROP)) {
		if (off > t->dt_size - 8)
			return -1;
		len = fdt32_to_cpu(*(const fdt32_t *)(t->dt + off));
		if (len > (u32)(t->dt_size - off - 8))
			return -1;
		return TREE_ALIGN(off + 8 + (int)len);
	}
	if (*tag == TAG(FDT_BEGIN_NODE)) {
		/* The name and its NUL, padded: stop at the word with a 0 byte. */
		for (; off <= t->dt_size - 4; off += 4) {
			u32 w = *(const u32 *)(t->dt + off);

			if ((w - 0x01010101) & ~w & 0x80808080)
				return off + 4;
		}
		return -1;
	}
	if (*tag == TAG(FDT_END_NODE) || *tag == TAG(FDT_NOP))
		return off;
	return -1;
}

static __always_inline
bool tree_name_is(const struct tree *t, fdt32_t nameoff, const char *name)
{
	u32 off = fdt32_to_cpu(nameoff);
	const char *s, *end = t->str + t->str_size;

	if (off >= (u32)t->str_size || t->str[off] != *name)
		return false;
	for (s = t->str + off; s < end; s++, name++) {
		if (*s != *name)
			return false;
		if (!*s)
			return true;
	}
	return false;
}

static int tree_next_node(const void *fdt, int offset, int *depth)
{
	struct tree t;
	fdt32_t tag;
	int off, next = 0;

	if (!tree_get(fdt, &t))
		return -FDT_ERR_BADSTRUCTURE;
	if (offset >= 0) {
		next = tree_token(&t, offset, &tag);
		if (next < 0 || tag != TAG(FDT_BEGIN_NODE))
			return -FDT_ERR_BADOFFSET;
	}
	for (;;) {
		off = next;
		next = tree_token(&t, off, &tag);
		if (next < 0)
			return tag == TAG(FDT_END) ? -FDT_ERR_NOTFOUND :
						     -FDT_ERR_BADSTRUCTURE;
		if (tag == TAG(FDT_BEGIN_NODE)) {
			if (depth)
				(*depth)++;
			return off;
		}
		if (tag == TAG(FDT_END_NODE) && depth && --(*depth) < 0)
			return -FDT_ERR_NOTFOUND;
	}
}

static const void *tree_getprop(const void *fdt, int node, const char *name,
				int *lenp)
{
	struct tree t;
	fdt32_t tag;
	int off, next, err = -FDT_ERR_NOTFOUND;

	if (!tree_get(fdt, &t)) {
		err = -FDT_ERR_BADSTRUCTURE;
		goto out;
	}
	off = tree_token(&t, node, &tag);
	if (off < 0 || tag != TAG(FDT_BEGIN_NODE)) {
		err = -FDT_ERR_BADOFFSET;
		goto out;
	}
	for (; (next = tree_token(&t, off, &tag)) >= 0; off = next) {
		if (tag == TAG(FDT_NOP))
			continue;
		if (tag != TAG(FDT_PROP))
			break;
		if (tree_name_is(&t, *(const fdt32_t *)(t.dt + off + 8),
				 name)) {
			if (lenp)
				*lenp = fdt32_to_cpu(*(const fdt32_t *)
						     (t.dt + off + 4));
			return t.dt + off + 12;
		}
	}
out:
	if (lenp)
		*lenp = err;
	return NULL;
}

static const char *tree_name(const void *fdt, int node)
{
	struct tree t;
	fdt32_t tag;

	if (!tree_get(fdt, &t) || tree_token(&t, node, &tag) < 0 ||
	    tag != TAG(FDT_BEGIN_NODE))
		return NULL;
	return t.dt + node + 4;
}

static int tree_parent(const void *fdt, int node)
{
	int stack[TREE_MAX_DEPTH], depth = 0, off = 0, next;
	struct tree t;
	fdt32_t tag;

	if (!tree_get(fdt, &t))
		return -FDT_ERR_BADSTRUCTURE;
	for (; (next = tree_token(&t, off, &tag)) >= 0; off = next) {
		if (tag == TAG(FDT_BEGIN_NODE)) {
			if (off == node)
				return depth ? stack[depth - 1] :
					       -FDT_ERR_NOTFOUND;
			if (depth == TREE_MAX_DEPTH)
				return -FDT_ERR_BADSTRUCTURE;
			stack[depth++] = off;
		} else if (tag == TAG(FDT_END_NODE)) {
			if (!depth--)
				return -FDT_ERR_BADSTRUCTURE;
		}
	}
	return -FDT_ERR_BADOFFSET;
}

/* As libfdt: "name" matches "name@unit" when it has no unit itself. */
static bool tree_name_matches(const char *name, const char *s, int len)
{
	if (!name || sbi_memcmp(name, s, len))
		return false;
	return !name[len] ||
	       (name[len] == '@' && !sbi_memchr(s, '@', len));
}

static int tree_path(const void *fdt, const char *path)
{
	int off, next, depth = 0, len = 0, level = 0;
	struct tree t;
	fdt32_t tag;

	if (*path != '/')
		return -FDT_ERR_BADPATH;
	if (!tree_get(fdt, &t))
		return -FDT_ERR_BADSTRUCTURE;
	/* @level: the depth of the last node of @path matched so far */
	for (off = 0; (next = tree_token(&t, off, &tag)) >= 0; off = next) {
		if (tag == TAG(FDT_END_NODE) && --depth < level)
			return -FDT_ERR_NOTFOUND;
		if (tag != TAG(FDT_BEGIN_NODE) || ++depth != level + 1)
			continue;
		if (depth > 1 &&
		    !tree_name_matches(t.dt + off + 4, path, len))
			continue;
		path += len;
		while (*path == '/')
			path++;
		if (!*path)
			return off;
		for (len = 0; path[len] && path[len] != '/'; len++)
			;
		level = depth;
	}
	return -FDT_ERR_NOTFOUND;
}

static int tree_find_compatible(const void *fdt, int start,
				const char *compat)
{
	int off = 0, next, node = -1, len;
	struct tree t;
	fdt32_t tag;

	if (!tree_get(fdt, &t))
		return -FDT_ERR_BADSTRUCTURE;
	if (start >= 0) {
		off = tree_token(&t, start, &tag);
		if (off < 0 || tag != TAG(FDT_BEGIN_NODE))
			return -FDT_ERR_BADOFFSET;
	}
	for (; (next = tree_token(&t, off, &tag)) >= 0; off = next) {
		if (tag == TAG(FDT_BEGIN_NODE))
			node = off;
		if (tag != TAG(FDT_PROP) || node < 0 ||
		    !tree_name_is(&t, *(const fdt32_t *)(t.dt + off + 8),
				  "compatible"))
			continue;
		len = fdt32_to_cpu(*(const fdt32_t *)(t.dt + off + 4));
		if (fdt_stringlist_contains(t.dt + off + 12, len, compat))
			return node;
	}
	return tag == TAG(FDT_END) ? -FDT_ERR_NOTFOUND : -FDT_ERR_BADSTRUCTURE;
}

int fdt_memhp_tree_scan(const void *fdt, const char *compat,
			struct fdt_memhp_tree_scan *scan)
{
	int off, next, node = -1, depth = 0, len;
	const char *val;
	struct tree t;
	fdt32_t tag;

	scan->nmemory = 0;
	scan->chosen = -1;
	scan->window = -1;
	if (!tree_get(fdt, &t))
		return -FDT_ERR_BADSTRUCTURE;
	for (off = 0; (next = tree_token(&t, off, &tag)) >= 0; off = next) {
		if (tag == TAG(FDT_BEGIN_NODE)) {
			node = off;
			if (++depth == 2 &&
			    tree_name_matches(t.dt + off + 4, "chosen", 6))
				scan->chosen = off;
			continue;
		}
		if (tag == TAG(FDT_END_NODE))
			depth--;
		if (tag != TAG(FDT_PROP))
			continue;
		val = t.dt + off + 12;
		len = fdt32_to_cpu(*(const fdt32_t *)(t.dt + off + 4));
		if (depth == 2 && scan->nmemory < FDT_MEMHP_TREE_MEMORY_MAX &&
		    tree_name_is(&t, *(const fdt32_t *)(t.dt + off + 8),
				 "device_type") &&
		    len == 7 && !sbi_memcmp(val, "memory", 7))
			scan->memory[scan->nmemory++] = node;
		if (scan->window < 0 &&
		    tree_name_is(&t, *(const fdt32_t *)(t.dt + off + 8),
				 "compatible") &&
		    fdt_stringlist_contains(val, len, compat))
			scan->window = node;
	}
	return tag == TAG(FDT_END) && !depth ? 0 : -FDT_ERR_BADSTRUCTURE;
}

const struct memhp_fdt_ro fdt_memhp_tree_ro = {
	.find_compatible = tree_find_compatible,
	.path = tree_path,
	.getprop = tree_getprop,
	.parent = tree_parent,
	.name = tree_name,
	.next_node = tree_next_node,
};

int fdt_memhp_tree_move(const void *fdt, void *dst, unsigned long size)
{
	unsigned long used, i;
	struct tree t;

	/* The common case, blocks in order and nothing behind the strings */
	if (!tree_get(fdt, &t) || dst > fdt ||
	    ((unsigned long)fdt | (unsigned long)dst) & 7 ||
	    hdr(fdt, HDR_OFF_DT_STRUCT) + t.dt_size >
	    hdr(fdt, HDR_OFF_DT_STRINGS))
		return fdt_open_into(fdt, dst, size);

	used = hdr(fdt, HDR_OFF_DT_STRINGS) + t.str_size;
	if (used > size)
		return -FDT_ERR_NOSPACE;
	for (i = 0; i + 8 <= used; i += 8)
		*(u64 *)((char *)dst + i) = *(const u64 *)((const char *)fdt + i);
	for (; i < used; i++)
		((char *)dst)[i] = ((const char *)fdt)[i];
	fdt_set_totalsize(dst, size);

	return 0;
}

/* ------------------------------------------------------------ writing */

struct tree_out {
	char *dt;		/* where the nodes go; NULL: measure only */
	int dt_len;
	int depth;
	int nameoff;		/* the first new string's offset */
	const char *names[TREE_MAX_NAMES];
	int name_off[TREE_MAX_NAMES];
	int nnames;
	int str_len;
};

static void out_word(struct tree_out *o, u32 v)
{
	if (o->dt)
		*(fdt32_t *)(o->dt + o->dt_len) = cpu_to_fdt32(v);
	o->dt_len += 4;
}

static void out_bytes(struct tree_out *o, const void *src, int len)
{
	const char *from = src;
	char *dst;
	int i = 0;

	if (o->dt) {
		dst = o->dt + o->dt_len;
		if (!((unsigned long)from & 3))
			for (; i + 4 <= len; i += 4)
				*(u32 *)(dst + i) = *(const u32 *)(from + i);
		for (; i < len; i++)
			dst[i] = from[i];
		for (; i < TREE_ALIGN(len); i++)
			dst[i] = 0;
	}
	o->dt_len += TREE_ALIGN(len);
}

static int out_nameoff(struct tree_out *o, const char *name)
{
	int i;

	for (i = 0; i < o->nnames; i++)
		if (o->names[i] == name || !sbi_strcmp(o->names[i], name))
			return o->nameoff + o->name_off[i];
	if (o->nnames == TREE_MAX_NAMES)
		return -FDT_ERR_NOSPACE;
	o->names[o->nnames] = name;
	o->name_off[o->nnames++] = o->str_len;
	o->str_len += sbi_strlen(name) + 1;
	return o->nameoff + o->name_off[i];
}

static int out_begin_node(void *ctx, const char *name)
{
	struct tree_out *o = ctx;

	out_word(o, FDT_BEGIN_NODE);
	out_bytes(o, name, sbi_strlen(name) + 1);
	o->depth++;
	return 0;
}

static int out_prop(void *ctx, const char *name, const void *val, int len)
{
	struct tree_out *o = ctx;
	int nameoff = out_nameoff(o, name);

	if (nameoff < 0)
		return nameoff;
	if (len < 0 || !o->depth)
		return -FDT_ERR_BADVALUE;
	out_word(o, FDT_PROP);
	out_word(o, len);
	out_word(o, nameoff);
	out_bytes(o, val, len);
	return 0;
}

static int out_end_node(void *ctx)
{
	struct tree_out *o = ctx;

	if (!o->depth--)
		return -FDT_ERR_BADSTRUCTURE;
	out_word(o, FDT_END_NODE);
	return 0;
}

static int out_run(struct tree_out *o,
		   int (*emit)(const struct memhp_fdt_sink *sink,
			       unsigned long arg),
		   unsigned long arg)
{
	const struct memhp_fdt_sink sink = {
		.ctx = o,
		.begin_node = out_begin_node,
		.prop = out_prop,
		.end_node = out_end_node,
	};
	int rc = emit(&sink, arg);

	return rc ? rc : o->depth ? -FDT_ERR_BADSTRUCTURE : 0;
}

/* Move @len bytes at @p up by @by, a multiple of 4, a word at a time. */
static void tree_move_up(char *p, int len, int by)
{
	int i;

	for (i = TREE_ALIGN(len) - 4; i >= 0; i -= 4)
		*(u32 *)(p + by + i) = *(u32 *)(p + i);
}

int fdt_memhp_tree_append(void *fdt,
			  int (*emit)(const struct memhp_fdt_sink *sink,
				      unsigned long arg),
			  unsigned long arg)
{
	struct tree_out o = { 0 };
	struct tree t;
	u32 off_dt, off_str, total;
	int rc, end, need, i;
	char *str;

	/* Measure, and check the root's end, before anything is written. */
	o.nameoff = fdt_size_dt_strings(fdt);
	rc = out_run(&o, emit, arg);
	if (rc)
		return rc;
	need = o.dt_len + TREE_ALIGN(o.str_len) + 4;
	if (!tree_get(fdt, &t))
		return -FDT_ERR_BADSTRUCTURE;
	off_dt = hdr(fdt, HDR_OFF_DT_STRUCT);
	off_str = hdr(fdt, HDR_OFF_DT_STRINGS);
	total = hdr(fdt, HDR_TOTALSIZE);
	if (off_dt + t.dt_size > off_str ||
	    off_str + t.str_size + need > total) {
		rc = fdt_open_into(fdt, fdt, total + need);
		if (rc)
			return rc;
		if (!tree_get(fdt, &t))
			return -FDT_ERR_BADSTRUCTURE;
		off_dt = hdr(fdt, HDR_OFF_DT_STRUCT);
		off_str = hdr(fdt, HDR_OFF_DT_STRINGS);
	}
	end = t.dt_size - 8;
	if (end < 0 ||
	    *(const fdt32_t *)(t.dt + end) != TAG(FDT_END_NODE) ||
	    *(const fdt32_t *)(t.dt + end + 4) != TAG(FDT_END))
		return -FDT_ERR_BADSTRUCTURE;

	/* Make room: the strings, then the root's end and FDT_END. */
	tree_move_up((char *)fdt + off_str, t.str_size, o.dt_len);
	tree_move_up((char *)fdt + off_dt + end, 8, o.dt_len);

	/* Write: @emit gives the same nodes again (names are literals). */
	str = (char *)fdt + off_str + o.dt_len + t.str_size;
	o.dt = (char *)fdt + off_dt + end;
	o.dt_len = 0;
	o.nnames = 0;
	o.str_len = 0;
	out_run(&o, emit, arg);
	for (i = 0; i < o.nnames; i++)
		sbi_strcpy(str + o.name_off[i], o.names[i]);

	fdt_set_off_dt_strings(fdt, off_str + o.dt_len);
	fdt_set_size_dt_struct(fdt, t.dt_size + o.dt_len);
	fdt_set_size_dt_strings(fdt, t.str_size + o.str_len);

	return 0;
}
