/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The device tree handed to the next stage: the input copied once with
 * the firmware's edits (fdt_rebuild).
 */
#ifndef __FDT_FIXUP_H__
#define __FDT_FIXUP_H__

#include <sbi/sbi_types.h>

struct fdt_out;

/* Room added to the tree for the firmware's edits. */
#define FDT_FIXUP_EXTRA_SPACE	4096

/*
 * Copy @in to @out with these edits:
 *  - /reserved-memory/hotsbi@<base> (no-map) covers the firmware region
 *    [@fw_base, @fw_base + @fw_size), /reserved-memory created if absent;
 *  - /memory reg entries end where the platform's RAM banks now end
 *    (windows carved from RAM are no longer boot memory);
 *  - CPUs that cannot run S-mode get status = "disabled";
 *  - nodes compatible with @drop_compat and root children named
 *    @root_node are dropped, and @emit (when set) writes new root
 *    children in their place.
 * Returns the new size or a negative libfdt error.
 */
int fdt_fixup_rebuild(const void *in, void *out, u32 out_size, u64 fw_base,
		      u64 fw_size, const char *drop_compat,
		      const char *root_node,
		      int (*emit)(struct fdt_out *o));

#endif
