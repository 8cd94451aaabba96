// SPDX-License-Identifier: BSD-2-Clause
/*
 * One-pass device-tree copy with edits (see fdt_rebuild.h). The output
 * keeps the input's memory reservation map and strings block (so kept
 * properties keep their name offsets); names new to the tree are
 * appended to the strings block.
 */
#include <libfdt.h>
#include <sbi/sbi_string.h>
#include <sbi_utils/fdt_rebuild.h>

#define FDT_REBUILD_DEPTH_MAX	32
#define NEW_NAMES_BYTES	768

struct fdt_out {
	char *buf;
	u32 size;
	u32 st_start;	/* offset of the structure block in buf */
	u32 pos;	/* write position in buf */
	int err;
	const char *in_str;
	u32 in_str_size;
	/* Names appended to the strings block. */
	char names[NEW_NAMES_BYTES];
	u32 names_len;
};

static void out_bytes(struct fdt_out *o, const void *p, u32 len)
{
	u32 pad = (4 - (len & 3)) & 3;

	if (o->err)
		return;
	if (len > o->size || o->pos > o->size - len - pad) {
		o->err = -FDT_ERR_NOSPACE;
		return;
	}
	memcpy(o->buf + o->pos, p, len);
	memset(o->buf + o->pos + len, 0, pad);
	o->pos += len + pad;
}

/* A token or cell: one store at the (4-byte aligned) write position. */
static void out_u32(struct fdt_out *o, u32 v)
{
	if (o->err)
		return;
	if (o->pos > o->size - 4 || o->size < 4) {
		o->err = -FDT_ERR_NOSPACE;
		return;
	}
	*(fdt32_t *)(o->buf + o->pos) = cpu_to_fdt32(v);
	o->pos += 4;
}

/* Offset of @name in the output strings block, adding it when new. */
static int name_offset(struct fdt_out *o, const char *name)
{
	u32 len = strlen(name), i = 0;

	while (i < o->in_str_size) {
		u32 l = strnlen(o->in_str + i, o->in_str_size - i);

		if (l == len && !memcmp(o->in_str + i, name, len))
			return i;
		i += l + 1;
	}
	for (i = 0; i < o->names_len;) {
		u32 l = strlen(o->names + i);

		if (l == len && !memcmp(o->names + i, name, len))
			return o->in_str_size + i;
		i += l + 1;
	}
	if (o->names_len + len + 1 > sizeof(o->names)) {
		o->err = -FDT_ERR_NOSPACE;
		return 0;
	}
	memcpy(o->names + o->names_len, name, len + 1);
	o->names_len += len + 1;
	return o->in_str_size + o->names_len - len - 1;
}

int fdt_out_begin_node(struct fdt_out *o, const char *name)
{
	out_u32(o, FDT_BEGIN_NODE);
	out_bytes(o, name, strlen(name) + 1);
	return o->err;
}

static void out_prop_nameoff(struct fdt_out *o, u32 nameoff, const void *val,
			     int len)
{
	out_u32(o, FDT_PROP);
	out_u32(o, len);
	out_u32(o, nameoff);
	if (len)
		out_bytes(o, val, len);
}

int fdt_out_prop(struct fdt_out *o, const char *name, const void *val, int len)
{
	int off = name_offset(o, name);

	out_prop_nameoff(o, off, val, len);
	return o->err;
}

int fdt_out_prop_u32(struct fdt_out *o, const char *name, u32 v)
{
	fdt32_t b = cpu_to_fdt32(v);

	return fdt_out_prop(o, name, &b, 4);
}

int fdt_out_prop_string(struct fdt_out *o, const char *name, const char *s)
{
	return fdt_out_prop(o, name, s, strlen(s) + 1);
}

int fdt_out_end_node(struct fdt_out *o)
{
	out_u32(o, FDT_END_NODE);
	return o->err;
}

static u32 rd32(const char *p)
{
	return fdt32_to_cpu(*(const fdt32_t *)p);
}

int fdt_rebuild(const void *in, void *outbuf, u32 out_size,
		const struct fdt_rebuild_ops *ops)
{
	static struct fdt_out out;
	struct fdt_out *o = &out;
	const char *st = (const char *)in + fdt_off_dt_struct(in);
	u32 st_size = fdt_size_dt_struct(in), off = 0, rsv_size;
	const char *rsv = (const char *)in + fdt_off_mem_rsvmap(in);
	int depth = -1, skip_depth = -1, node = -1, rc;
	static int stack[FDT_REBUILD_DEPTH_MAX];
	bool in_props = false;
	struct fdt_header *h;

	memset(o, 0, sizeof(*o));
	o->buf = outbuf;
	o->size = out_size;
	o->in_str = (const char *)in + fdt_off_dt_strings(in);
	o->in_str_size = fdt_size_dt_strings(in);

	/*
	 * Header, then the reservation map up to its terminating entry (the
	 * first with size 0, as libfdt reads it), which must lie inside the
	 * tree.
	 */
	if (out_size < sizeof(struct fdt_header))
		return -FDT_ERR_NOSPACE;
	o->pos = ROUNDUP(sizeof(struct fdt_header), 8);
	for (rsv_size = 16;; rsv_size += 16) {
		if ((u32)(rsv - (const char *)in) + rsv_size > fdt_totalsize(in))
			return -FDT_ERR_TRUNCATED;
		if (!rd32(rsv + rsv_size - 8) && !rd32(rsv + rsv_size - 4))
			break;
	}
	out_bytes(o, rsv, rsv_size);
	o->st_start = o->pos;

	while (off + 4 <= st_size && !o->err) {
		u32 tag = rd32(st + off), len, nameoff;
		const char *name;
		const void *val;
		int action, vlen;

		/* Leaving a node's property list: let the edit add some. */
		if (in_props && tag != FDT_PROP && tag != FDT_NOP) {
			in_props = false;
			if (ops->props_done) {
				rc = ops->props_done(ops->ctx, o, in, stack[depth],
						     depth);
				if (rc)
					return rc;
			}
		}
		switch (tag) {
		case FDT_BEGIN_NODE:
			name = st + off + 4;
			len = strnlen(name, st_size - off - 4);
			depth++;
			if (depth >= FDT_REBUILD_DEPTH_MAX)
				return -FDT_ERR_BADSTRUCTURE;
			node = stack[depth] = off;
			off += 4 + ((len + 1 + 3) & ~3);
			if (skip_depth >= 0)
				break;
			action = ops->node ? ops->node(ops->ctx, in, node, depth) :
					     FDT_REBUILD_KEEP;
			if (action == FDT_REBUILD_DROP) {
				skip_depth = depth;
				break;
			}
			fdt_out_begin_node(o, name);
			in_props = true;
			break;
		case FDT_PROP:
			len = rd32(st + off + 4);
			nameoff = rd32(st + off + 8);
			val = st + off + 12;
			off += 12 + ((len + 3) & ~3);
			if (skip_depth >= 0)
				break;
			vlen = len;
			action = FDT_REBUILD_KEEP;
			if (ops->prop && nameoff < o->in_str_size)
				action = ops->prop(ops->ctx, in, node, depth,
						   o->in_str + nameoff, &val, &vlen);
			if (action != FDT_REBUILD_DROP)
				out_prop_nameoff(o, nameoff, val, vlen);
			break;
		case FDT_END_NODE:
			off += 4;
			if (skip_depth >= 0) {
				if (depth-- == skip_depth)
					skip_depth = -1;
				break;
			}
			if (ops->node_end) {
				rc = ops->node_end(ops->ctx, o, in, stack[depth],
						   depth);
				if (rc)
					return rc;
			}
			fdt_out_end_node(o);
			depth--;
			break;
		case FDT_NOP:
			off += 4;
			break;
		case FDT_END:
			off = st_size;
			break;
		default:
			return -FDT_ERR_BADSTRUCTURE;
		}
	}
	out_u32(o, FDT_END);
	if (o->err)
		return o->err;

	/* Strings: the input's, then the new names. */
	{
		u32 st_len = o->pos - o->st_start, str_start = o->pos;

		if (o->pos + o->in_str_size + o->names_len > o->size)
			return -FDT_ERR_NOSPACE;
		memcpy(o->buf + o->pos, o->in_str, o->in_str_size);
		memcpy(o->buf + o->pos + o->in_str_size, o->names, o->names_len);
		o->pos += o->in_str_size + o->names_len;

		h = outbuf;
		h->magic = cpu_to_fdt32(FDT_MAGIC);
		h->totalsize = cpu_to_fdt32(ROUNDUP(o->pos, 8));
		h->off_dt_struct = cpu_to_fdt32(o->st_start);
		h->off_dt_strings = cpu_to_fdt32(str_start);
		h->off_mem_rsvmap = cpu_to_fdt32(ROUNDUP(sizeof(struct fdt_header), 8));
		h->version = cpu_to_fdt32(17);
		h->last_comp_version = cpu_to_fdt32(16);
		h->boot_cpuid_phys = cpu_to_fdt32(fdt_boot_cpuid_phys(in));
		h->size_dt_strings = cpu_to_fdt32(o->in_str_size + o->names_len);
		h->size_dt_struct = cpu_to_fdt32(st_len);
		memset(o->buf + o->pos, 0, ROUNDUP(o->pos, 8) - o->pos);
		return ROUNDUP(o->pos, 8);
	}
}
