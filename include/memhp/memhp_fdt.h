/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The manager's device-tree side: windows described by the board, the
 * emulated card carved from the top of RAM, and the hotplug-memory node
 * published to the next stage.
 */
#ifndef __MEMHP_FDT_H__
#define __MEMHP_FDT_H__

#include <memhp/memhp_types.h>

#define MEMHP_FDT_RAM_MAX	8
#define MEMHP_FDT_PROTECT_MAX	4

struct memhp_range {
	u64 base;
	u64 size;
};

struct memhp_fdt_env {
	/* Boot RAM banks; the card is carved out of the highest one. */
	struct memhp_range ram[MEMHP_FDT_RAM_MAX];
	unsigned int nram;
	u64 fw_base, fw_size;
	/* Card size when /chosen/hotsbi,emulated-card-size is absent. */
	u64 card_default;
	/* Ranges the card must not cover (next stage entry, initrd). */
	struct memhp_range protect[MEMHP_FDT_PROTECT_MAX];
	unsigned int nprotect;
	/* Out: where the card went (size 0: none). */
	struct memhp_range card;
};

/*
 * Adopt the board's windows (compatible "hotsbi,memory-hotplug-window")
 * and carve the emulated card, adding each to the manager (memhp_init()
 * must have run). Nodes that fail validation are skipped with one log
 * line. Updates env->ram. Returns the number of windows added.
 */
int memhp_fdt_parse(const void *fdt, struct memhp_fdt_env *env);

/*
 * Edit the tree for the next stage: /memory without the windows (from
 * env->ram), window nodes of the board removed, and the hotplug-memory
 * container with every window. Returns 0 or a libfdt error.
 */
int memhp_fdt_publish(void *fdt, const struct memhp_fdt_env *env,
		      unsigned long eid);

/* Where memhp_fdt_parse() reports skipped nodes (port->log). */
struct memhp_port;
void memhp_fdt_set_log(const struct memhp_port *port);

/* Room memhp_fdt_publish() may need in the tree. */
#define MEMHP_FDT_SPACE		(1024 + 320 * 8)

#endif
