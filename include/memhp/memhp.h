/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory-hotplug manager (MEMHP): windows of hotpluggable memory cut
 * into blocks, plugged and unplugged by S-mode through SBI calls, with the
 * PMP of every hart kept in step. A self-contained library: the firmware
 * reaches it through this header and provides struct memhp_port.
 */
#ifndef __MEMHP_H__
#define __MEMHP_H__

#include <memhp/memhp_types.h>
#include <memhp/memhp_plan.h>

#define MEMHP_SPEC_VERSION		0x01010000UL
#define MEMHP_WINDOWS_MAX		8
/* Plugged (or unavailable) runs a window can hold. */
#define MEMHP_RUNS_MAX			64
#define MEMHP_BLOCK_SIZE_MIN		0x1000ULL
#define MEMHP_BLOCK_SIZE_DEFAULT	0x8000000ULL
/* End of the RV64 physical address space (what PMP addresses can say). */
#define MEMHP_PHYS_END			(1ULL << 56)

/* SBI function IDs of the MEMHP vendor extension. */
#define MEMHP_FID_GET_ATTR		0
#define MEMHP_FID_PLUG			1
#define MEMHP_FID_UNPLUG		2
#define MEMHP_FID_BLOCK_STATE		3
#define MEMHP_FID_READ_STATE		4
#define MEMHP_FID_CHECK			5

/* CHECK's operations. */
#define MEMHP_CHECK_PLUG		0
#define MEMHP_CHECK_UNPLUG		1

/* GET_ATTR attributes. */
#define MEMHP_ATTR_SPEC_VERSION		0
#define MEMHP_ATTR_NUM_WINDOWS		1
#define MEMHP_ATTR_MAX_PFN		2
#define MEMHP_ATTR_WINDOW_BASE		3
#define MEMHP_ATTR_WINDOW_SIZE		4
#define MEMHP_ATTR_BLOCK_SIZE		5
#define MEMHP_ATTR_WINDOW_FLAGS		6
#define MEMHP_ATTR_NUMA_NODE		7
#define MEMHP_ATTR_PLUGGED_BLOCKS	8
#define MEMHP_ATTR_GENERATION		9

/* WINDOW_FLAGS bits. */
#define MEMHP_FLAG_EMULATED		0x1UL
#define MEMHP_FLAG_SCRUB_ON_UNPLUG	0x2UL
#define MEMHP_FLAG_NUMA_NODE_VALID	0x4UL

/* BLOCK_STATE values. */
#define MEMHP_BLOCK_UNPLUGGED		0
#define MEMHP_BLOCK_PLUGGED		1
#define MEMHP_BLOCK_UNAVAILABLE		2

/* Errors: the SBI error codes the contract names. */
#define MEMHP_OK			0
#define MEMHP_ERR_FAILED		-1
#define MEMHP_ERR_NOT_SUPPORTED		-2
#define MEMHP_ERR_INVALID_PARAM		-3
#define MEMHP_ERR_DENIED		-4
#define MEMHP_ERR_INVALID_ADDRESS	-5
#define MEMHP_ERR_ALREADY_AVAILABLE	-6
#define MEMHP_ERR_ALREADY_STOPPED	-8

/* A run of blocks [first, first + count). */
struct memhp_run {
	u64 first;
	u64 count;
};

/* A sorted set of disjoint, non-adjacent runs. */
struct memhp_runs {
	unsigned int n;
	struct memhp_run r[MEMHP_RUNS_MAX];
};

struct memhp_window {
	u64 base;
	u64 size;
	u64 block_size;
	u64 nblocks;
	unsigned long flags;
	unsigned long numa_node;
	unsigned long generation;
	u64 plugged_blocks;
	struct memhp_runs plugged;
	struct memhp_runs unavailable;
};

/* What the firmware gives the manager. */
struct memhp_port {
	/* Serialize every call; waiting must keep serving cross-hart calls. */
	void (*lock)(void);
	void (*unlock)(void);
	/*
	 * Program @plan on every hart that runs S-mode code and return when
	 * each has written its PMP and fenced. Harts that are stopped or
	 * suspended must load memhp_current_plan() before they run S-mode.
	 */
	void (*apply_plan)(const struct memhp_plan *plan);
	/* Zero [base, base + size) (M-mode access). */
	void (*scrub)(u64 base, u64 size);
	/* Console output, printf-like. */
	int (*log)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
};

/*
 * Set up the manager. @pmp_entries is the number of PMP entries every
 * hart has; [@fw_base, @fw_base + @fw_size) is denied to S/U-mode.
 * @max_ram_end is one past the highest boot RAM byte (for MAX_PFN).
 */
void memhp_init(const struct memhp_port *port, unsigned int pmp_entries,
		u64 fw_base, u64 fw_size, u64 max_ram_end);

/* M-mode-only regions besides the firmware (memhp_deny_region()). */
#define MEMHP_DENY_MAX			4

/*
 * Deny [@base, @base + @size) to S/U-mode too: device registers only
 * M-mode may use, such as the timer and IPI device's. A naturally aligned
 * power of two of at least 8 bytes (one NAPOT entry, placed right after
 * the firmware's). Call after memhp_init(), before the windows are added.
 * Returns MEMHP_OK or MEMHP_ERR_INVALID_PARAM with a reason via @why.
 */
int memhp_deny_region(u64 base, u64 size, const char **why);

/* Add a window; returns MEMHP_OK or a reason string via @why. */
int memhp_add_window(u64 base, u64 size, u64 block_size, unsigned long flags,
		     unsigned long numa_node, const char **why);

unsigned int memhp_window_count(void);
const struct memhp_window *memhp_window_get(unsigned int idx);

/* Build and return the boot plan (every block unplugged); MEMHP_ERR_*. */
int memhp_boot_plan(void);
/* The plan currently in force (for harts that start or resume). */
const struct memhp_plan *memhp_current_plan(void);

/* The SBI functions. Values through @value. */
int memhp_get_attr(unsigned long attr, unsigned long win, unsigned long *value);
int memhp_plug(unsigned long win, unsigned long first, unsigned long count);
int memhp_unplug(unsigned long win, unsigned long first, unsigned long count);
/*
 * CHECK (spec 1.1): what PLUG (@op MEMHP_CHECK_PLUG) or UNPLUG
 * (MEMHP_CHECK_UNPLUG) of the range would return now; changes nothing.
 */
int memhp_check(unsigned long win, unsigned long first, unsigned long count,
		unsigned long op);
int memhp_block_state(unsigned long win, unsigned long block,
		      unsigned long *state);
/*
 * Write one state byte per block to @out. @buffer_ok is called (under
 * the manager's lock) to check the output buffer; false gives
 * MEMHP_ERR_INVALID_ADDRESS and nothing is written.
 */
int memhp_read_state(unsigned long win, unsigned long first,
		     unsigned long count, u8 *out,
		     bool (*buffer_ok)(u64 addr, u64 size));

/*
 * End of the plugged run that holds @addr (the first byte after it), or
 * @addr when @addr is not in a plugged block (no lock).
 */
u64 memhp_plugged_end(u64 addr);
/* True when [addr, addr + size) touches any window. */
bool memhp_range_in_windows(u64 addr, u64 size);
/* Window and block of @addr, for fault logging; false when none. */
bool memhp_locate(u64 addr, unsigned int *win, u64 *block, unsigned long *state);

/* Run-set helpers (memhp_runs.c). */
bool memhp_runs_contains(const struct memhp_runs *s, u64 block);
bool memhp_runs_intersects(const struct memhp_runs *s, u64 first, u64 count);
bool memhp_runs_covers(const struct memhp_runs *s, u64 first, u64 count);
int memhp_runs_add(struct memhp_runs *s, u64 first, u64 count);
int memhp_runs_remove(struct memhp_runs *s, u64 first, u64 count);

#endif
