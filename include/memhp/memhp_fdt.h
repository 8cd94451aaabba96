/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The manager's device-tree side: windows described by the board, the
 * emulated card carved from the top of RAM, and the hotplug-memory node
 * published to the next stage.
 */
#ifndef __MEMHP_FDT_H__
#define __MEMHP_FDT_H__

#include <memhp/memhp_port.h>

#define MEMHP_FDT_RAM_MAX	8
#define MEMHP_FDT_PROTECT_MAX	4

struct memhp_fdt_env {
	/*
	 * Boot RAM banks; the card is carved out of the highest one and is
	 * in its NUMA node: ram_node[i] is bank i's numa-node-id when
	 * ram_has_node[i].
	 */
	struct memhp_range ram[MEMHP_FDT_RAM_MAX];
	u32 ram_node[MEMHP_FDT_RAM_MAX];
	bool ram_has_node[MEMHP_FDT_RAM_MAX];
	unsigned int nram;
	u64 fw_base, fw_size;
	/*
	 * The emulated card's policy: its size when /chosen has no
	 * @card_prop (NULL: always @card_default; 0: no card), and its
	 * block size.
	 */
	u64 card_default;
	const char *card_prop;
	u64 card_block_size;
	/*
	 * The /chosen property (NULL: none) giving how many bytes at the top
	 * of the card are device memory: pinned (memhp_pin()) and published
	 * as a "pmem-region" node.
	 */
	const char *card_pmem_prop;
	/*
	 * Set when the host's own walk of the tree already looked for
	 * window nodes: the search then starts at @first_window (-1: there
	 * are none) instead of walking the tree again.
	 */
	bool windows_found;
	int first_window;
	/* Ranges the card must not cover (next stage entry, initrd). */
	struct memhp_range protect[MEMHP_FDT_PROTECT_MAX];
	unsigned int nprotect;
	/* Out: where the card went (size 0: none), and its device memory. */
	struct memhp_range card;
	struct memhp_range card_pmem;
};

/*
 * Adopt the board's windows (compatible "hotsbi,memory-hotplug-window")
 * and carve the emulated card, adding each to the manager (memhp_init()
 * must have run) and pinning the device memory of the card and of board
 * windows (static mode; before memhp_boot_plan()), reading @fdt through
 * @port's tree operations.
 * Nodes that fail validation are skipped with one line on @port's log.
 * Updates env->ram. Returns the number of windows added.
 */
int memhp_fdt_parse(const struct memhp_port *port, const void *fdt,
		    struct memhp_fdt_env *env);

/* The /chosen properties of the emulated card (docs/memhp.md, section 3). */
#define MEMHP_FDT_CARD_SIZE	"hotsbi,emulated-card-size"
#define MEMHP_FDT_CARD_PMEM	"hotsbi,emulated-card-pmem-size"

/*
 * The custom properties of the published container and its window nodes,
 * vendor-prefixed as device-tree bindings want (the contract's first draft,
 * ../shared/spec/memhp.md section 3, named them max-possible-pfn and
 * block-size; a board window's block-size is still read).
 */
#define MEMHP_FDT_MAX_PFN	"hotsbi,max-possible-pfn"
#define MEMHP_FDT_BLOCK_SIZE	"hotsbi,block-size"

/* The compatible string of window nodes (the board's are replaced). */
#define MEMHP_FDT_WINDOW_COMPAT	"hotsbi,memory-hotplug-window"
/*
 * A board window's static mode: how many bytes at its top (whole blocks)
 * are device memory, plugged for good and published as a pmem-region node.
 */
#define MEMHP_FDT_WINDOW_PMEM	"hotsbi,pmem-size"
/*
 * A board window's blocks the board did not populate or found faulty
 * (pairs of u32 cells <first count>): UNAVAILABLE, PLUG answers DENIED.
 */
#define MEMHP_FDT_WINDOW_UNAVAILABLE	"hotsbi,unavailable-blocks"

/* Where memhp_fdt_emit() writes the container node. */
struct memhp_fdt_sink {
	void *ctx;
	int (*begin_node)(void *ctx, const char *name);
	/* @val is never NULL: an empty property is a valid pointer and 0. */
	int (*prop)(void *ctx, const char *name, const void *val, int len);
	int (*end_node)(void *ctx);
};

/*
 * Write the hotplug-memory container with every window (docs/memhp.md,
 * section 3) and a "pmem-region" node for each run of pinned blocks
 * (two-cell addresses and sizes, which memhp_fdt_parse() checked the
 * root has) through @sink, as children of the node being written (the
 * root). Returns 0 or the first error of the sink.
 */
int memhp_fdt_emit(const struct memhp_fdt_sink *sink, unsigned long eid);

#endif
