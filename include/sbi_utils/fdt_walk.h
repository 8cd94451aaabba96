/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fast read-only device-tree walking for boot: the same offsets and
 * results as libfdt's lookups, one pass over the structure block each,
 * without libfdt's per-character checks. Only for trees that passed
 * fdt_helper_validate(); every access is still bounds-checked.
 */
#ifndef __FDT_WALK_H__
#define __FDT_WALK_H__

#include <sbi/sbi_types.h>

/* Like fdt_next_node(): the next node after @node, depth updated. */
int fdtw_next_node(const void *fdt, int node, int *depth);
/* Like fdt_getprop(). */
const void *fdtw_getprop(const void *fdt, int node, const char *name,
			 int *lenp);
/*
 * A node's properties in order, one token read each:
 *	for (pos = fdtw_props_start(fdt, node);
 *	     (v = fdtw_props_next(fdt, &pos, &name, &len));)
 * fdtw_props_start() gives -1 when @node is not a node, and
 * fdtw_props_next() NULL (and *pos = -1) after the last property.
 */
int fdtw_props_start(const void *fdt, int node);
const void *fdtw_props_next(const void *fdt, int *pos, const char **name,
			    int *lenp);
/* Name of the node at @node (without unit address stripping). */
const char *fdtw_name(const void *fdt, int node);
/* Like fdt_path_offset() for absolute paths. */
int fdtw_path(const void *fdt, const char *path);
/* True when node name @name is @base, with or without a unit address. */
bool fdtw_name_is(const char *name, const char *base);
/* True when the string list @list (@len bytes, e.g. compatible) has @s. */
bool fdtw_stringlist_has(const char *list, int len, const char *s);
/* True when node @node's compatible list has @compat. */
bool fdtw_compatible(const void *fdt, int node, const char *compat);
/* Like fdt_node_offset_by_compatible(). */
int fdtw_find_compatible(const void *fdt, int start, const char *compat);
/*
 * Walk the whole structure block of a tree whose header libfdt accepted:
 * every token in bounds, names terminated, nodes balanced, one root.
 * Returns NULL or what is wrong.
 */
const char *fdtw_check(const void *fdt);
/* Like fdt_parent_offset(). */
int fdtw_parent(const void *fdt, int node);

#endif
