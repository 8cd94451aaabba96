/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One-pass copy of a device tree with edits: nodes dropped, properties
 * replaced, properties and child nodes added. Cost is linear in the size
 * of the tree however many edits there are (libfdt's in-place editing
 * moves the rest of the tree on every insertion).
 */
#ifndef __FDT_REBUILD_H__
#define __FDT_REBUILD_H__

#include <sbi/sbi_types.h>

/* The output being written; use only through the fdt_out_* calls. */
struct fdt_out;

int fdt_out_begin_node(struct fdt_out *o, const char *name);
int fdt_out_prop(struct fdt_out *o, const char *name, const void *val, int len);
int fdt_out_prop_u32(struct fdt_out *o, const char *name, u32 v);
int fdt_out_prop_string(struct fdt_out *o, const char *name, const char *s);
int fdt_out_end_node(struct fdt_out *o);

#define FDT_REBUILD_KEEP	0
#define FDT_REBUILD_DROP	1
#define FDT_REBUILD_REPLACE	2

struct fdt_rebuild_ops {
	void *ctx;
	/* A node of the input: keep it or drop its whole subtree. */
	int (*node)(void *ctx, const void *fdt, int node, int depth);
	/*
	 * A property of a kept node: keep, drop, or replace it with
	 * (*val, *len) (the buffer must live until the property is written).
	 */
	int (*prop)(void *ctx, const void *fdt, int node, int depth,
		    const char *name, const void **val, int *len);
	/* After a kept node's properties: add properties. */
	int (*props_done)(void *ctx, struct fdt_out *o, const void *fdt,
			  int node, int depth);
	/* Before a kept node's end: add child nodes. */
	int (*node_end)(void *ctx, struct fdt_out *o, const void *fdt, int node,
			int depth);
};

/*
 * Copy the validated tree @in into @out (@out_size bytes, not
 * overlapping @in) applying @ops. Returns the new tree's size, or a
 * negative libfdt error (-FDT_ERR_NOSPACE when @out is too small).
 */
int fdt_rebuild(const void *in, void *out, u32 out_size,
		const struct fdt_rebuild_ops *ops);

#endif
