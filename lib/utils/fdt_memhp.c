// SPDX-License-Identifier: BSD-2-Clause
/*
 * The memory-hotplug manager's device-tree side in the firmware: the
 * fast walker as its read-only tree access, and the rebuild's output as
 * the sink its hotplug-memory node is written to.
 */
#include <memhp/memhp_fdt.h>
#include <sbi/sbi_memhp.h>
#include <sbi_utils/fdt_memhp.h>
#include <sbi_utils/fdt_rebuild.h>
#include <sbi_utils/fdt_walk.h>

const struct memhp_fdt_ro fdt_memhp_tree = {
	.find_compatible = fdtw_find_compatible,
	.path = fdtw_path,
	.getprop = fdtw_getprop,
	.parent = fdtw_parent,
	.name = fdtw_name,
	.next_node = fdtw_next_node,
};

static int sink_begin_node(void *o, const char *name)
{
	return fdt_out_begin_node(o, name);
}

static int sink_prop(void *o, const char *name, const void *val, int len)
{
	return fdt_out_prop(o, name, val, len);
}

static int sink_end_node(void *o)
{
	return fdt_out_end_node(o);
}

int fdt_memhp_emit(struct fdt_out *o)
{
	const struct memhp_fdt_sink sink = {
		.ctx = o,
		.begin_node = sink_begin_node,
		.prop = sink_prop,
		.end_node = sink_end_node,
	};

	return memhp_fdt_emit(&sink, sbi_memhp_eid());
}
