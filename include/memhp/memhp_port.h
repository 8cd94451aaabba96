/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a host firmware gives the memory-hotplug manager: everything it
 * needs and nothing else. lib/memhp reaches its host only through these
 * operations and the values of struct memhp_config; a host test builds
 * the library against a fake port alone.
 */
#ifndef __MEMHP_PORT_H__
#define __MEMHP_PORT_H__

#include <memhp/memhp_types.h>

struct memhp_plan;

/*
 * Read-only device-tree access: libfdt's functions fit
 * (fdt_node_offset_by_compatible, fdt_path_offset, fdt_getprop,
 * fdt_parent_offset, fdt_get_name, fdt_next_node); a firmware may pass
 * faster equivalents.
 */
struct memhp_fdt_ro {
	int (*find_compatible)(const void *fdt, int start, const char *compat);
	int (*path)(const void *fdt, const char *path);
	const void *(*getprop)(const void *fdt, int node, const char *name,
			       int *lenp);
	int (*parent)(const void *fdt, int node);
	const char *(*name)(const void *fdt, int node);
	int (*next_node)(const void *fdt, int node, int *depth);
};

struct memhp_port {
	/*
	 * Serialize every call that reads or changes windows. A hart that
	 * waits for the lock must keep serving apply_plan() requests: the
	 * holder may be waiting for it.
	 */
	void (*lock)(void);
	void (*unlock)(void);
	/*
	 * Give every hart that runs S-mode code @plan as the windows' part
	 * of its PMP (between the host's own deny entries and its final
	 * allow-all) and return when each has written it and fenced
	 * (SFENCE.VMA, and HFENCE.GVMA where H is present). Harts that are
	 * stopped or suspended must load memhp_current_plan() before they
	 * run S-mode again. Called under the lock; cannot fail.
	 */
	void (*apply_plan)(const struct memhp_plan *plan);
	/* Zero [base, base + size) with M-mode accesses. Under the lock. */
	void (*scrub)(u64 base, u64 size);
	/* Console output, printf-like; may be NULL. */
	int (*log)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
	/*
	 * True when S-mode may write all of [addr, addr + size) now (boot
	 * RAM outside the firmware, plugged blocks): READ_STATE's buffer.
	 * Called under the lock.
	 */
	bool (*smode_writable)(u64 addr, u64 size);
	/*
	 * Read the page-table entry at @addr into @pte when S-mode may read
	 * it now; false otherwise. For memhp_fault_report(); may be NULL
	 * (no fault lines). Called without the lock, in a trap handler.
	 */
	bool (*read_pte)(u64 addr, unsigned long *pte);
	/* Device-tree access for memhp_fdt_parse(). */
	const struct memhp_fdt_ro *tree;
};

#define MEMHP_RESERVED_MAX	8

/* The host's configuration, passed to memhp_init(). */
struct memhp_config {
	/*
	 * PMP entries the host leaves for the windows' plan on every hart
	 * (0: no PMP to enforce a window, so none is admitted).
	 */
	unsigned int pmp_budget;
	/* One past the highest boot RAM byte (for MAX_PFN). */
	u64 ram_end;
	/* Ranges no window may touch: the firmware, M-mode-only registers. */
	struct memhp_range reserved[MEMHP_RESERVED_MAX];
	unsigned int nreserved;
};

#endif
