/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory-hotplug manager (MEMHP): windows of hotpluggable memory cut
 * into blocks, plugged and unplugged by S-mode through SBI calls, with the
 * PMP of every hart kept in step. A self-contained library: the firmware
 * reaches it through this header and provides struct memhp_port
 * (memhp_port.h).
 */
#ifndef __MEMHP_H__
#define __MEMHP_H__

#include <memhp/memhp_types.h>
#include <memhp/memhp_port.h>
#include <memhp/memhp_plan.h>

/*
 * The MEMHP version offered: 1.1, with CHECK. A firmware may be built to
 * offer 1.0 (no CHECK), so OS drivers can be tested against the older
 * interface (HotSBI: make MEMHP_SPEC_VERSION=0x01000000UL).
 */
#ifndef MEMHP_SPEC_VERSION
#define MEMHP_SPEC_VERSION		0x01010000UL
#endif
#define MEMHP_SPEC_VERSION_1_1		0x01010000UL
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

/*
 * The manager's own errors. memhp_sbi_error() maps each to the SBI error
 * the contract names for it (docs/memhp.md, section 2).
 */
enum memhp_error {
	MEMHP_OK = 0,
	/* The result would not fit the PMP budget (or the window table). */
	MEMHP_ERR_FAILED,
	/* Unknown function or attribute. */
	MEMHP_ERR_NOT_SUPPORTED,
	/* Bad window, range, operation or window description. */
	MEMHP_ERR_INVALID_PARAM,
	/*
	 * A block in the range is unavailable, or (UNPLUG) pinned: plugged
	 * for good and published as device memory (memhp_pin()).
	 */
	MEMHP_ERR_DENIED,
	/* READ_STATE's buffer is not wholly S-mode writable memory. */
	MEMHP_ERR_INVALID_ADDRESS,
	/* PLUG of a range holding a plugged block. */
	MEMHP_ERR_ALREADY_AVAILABLE,
	/* UNPLUG of a range holding an unplugged block. */
	MEMHP_ERR_ALREADY_STOPPED,
	MEMHP_ERR_COUNT
};

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
	/* Plugged blocks UNPLUG refuses: the device memory of memhp_pin(). */
	struct memhp_runs pinned;
};

/*
 * Set up the manager for @port with the host's @cfg (copied). Windows
 * come after it, from memhp_add_window() or memhp_fdt_parse().
 */
void memhp_init(const struct memhp_port *port, const struct memhp_config *cfg);

/*
 * Add a window; returns MEMHP_OK, or an error with a reason via @why. A
 * window is admitted only if the boot plan (every window unplugged)
 * still fits the PMP budget with it.
 */
int memhp_add_window(u64 base, u64 size, u64 block_size, unsigned long flags,
		     unsigned long numa_node, const char **why);

unsigned int memhp_window_count(void);
const struct memhp_window *memhp_window_get(unsigned int idx);

/*
 * Plug blocks [@first, @first + @count) of window @win for good, at cold
 * boot, before memhp_boot_plan(): they read plugged, UNPLUG (and CHECK of
 * it) answers MEMHP_ERR_DENIED, and memhp_fdt_emit() publishes them as a
 * "pmem-region" node, device memory the next stage uses without a driver
 * of ours. MEMHP_ERR_FAILED when the windows' PMP entries would not fit.
 */
int memhp_pin(unsigned long win, unsigned long first, unsigned long count);

/*
 * Mark blocks [@first, @first + @count) of window @win unavailable, at cold
 * boot: blocks the board did not populate or found faulty. They read
 * unavailable, stay closed, and PLUG (and CHECK of it) answers
 * MEMHP_ERR_DENIED. MEMHP_ERR_DENIED if one is plugged, MEMHP_ERR_FAILED
 * when the window's run table is full.
 */
int memhp_set_unavailable(unsigned long win, unsigned long first,
			  unsigned long count);

/* Build the boot plan (pinned blocks plugged, the rest unplugged). */
int memhp_boot_plan(void);
/*
 * The windows' PMP entries currently in force (for harts that start or
 * resume); the host places them between its deny entries and its
 * allow-all.
 */
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
 * Write one state byte per block to the physical buffer @lo | (@hi <<
 * XLEN). The port's smode_writable() must accept all of it, else
 * MEMHP_ERR_INVALID_ADDRESS and nothing is written.
 */
int memhp_read_state(unsigned long win, unsigned long first,
		     unsigned long count, unsigned long lo, unsigned long hi);

/*
 * The MEMHP extension's function @fid with the SBI arguments @args
 * (a0..a5): its SBI error (0 on success) and, on success, its value in
 * @value. A host's ecall handler is this call.
 */
long memhp_sbi_call(unsigned long fid, const unsigned long *args,
		    unsigned long *value);
/* The SBI error code of a manager error. */
long memhp_sbi_error(int err);

/*
 * End of the plugged run that holds @addr (the first byte after it), or
 * @addr when @addr is not in a plugged block (no lock).
 */
u64 memhp_plugged_end(u64 addr);
/* True when [addr, addr + size) touches any window. */
bool memhp_range_in_windows(u64 addr, u64 size);
/* Window and block of @addr, for fault logging; false when none. */
bool memhp_locate(u64 addr, unsigned int *win, u64 *block, unsigned long *state);

/* An S/U-mode access fault, as the host's trap handler saw it. */
struct memhp_fault {
	unsigned long hartid;
	const char *access;	/* "load", "store" or "fetch" */
	unsigned long satp;	/* S-mode's satp at the fault */
	unsigned long va;	/* the faulting address (mtval) */
	unsigned long epc;
	unsigned long second;	/* the timer's second, for the rate limit */
};

/*
 * Print the fault's line through @port->log when it hit a window
 * (memhp_fault.c): the address translated through @f->satp with
 * @port->read_pte, rate limited. No lock; nothing happens when there is
 * no window or @port has no log or read_pte.
 */
void memhp_fault_report(const struct memhp_port *port,
			const struct memhp_fault *f);
/*
 * The physical address behind @va under @satp (bare, Sv39, Sv48, Sv57),
 * reading page-table entries with @read_pte; false when it cannot be
 * translated.
 */
bool memhp_va_to_pa(unsigned long satp, unsigned long va,
		    bool (*read_pte)(u64 addr, unsigned long *pte),
		    unsigned long *pa);

/* Run-set helpers (memhp_runs.c). */
bool memhp_runs_contains(const struct memhp_runs *s, u64 block);
bool memhp_runs_intersects(const struct memhp_runs *s, u64 first, u64 count);
bool memhp_runs_covers(const struct memhp_runs *s, u64 first, u64 count);
int memhp_runs_add(struct memhp_runs *s, u64 first, u64 count);
int memhp_runs_remove(struct memhp_runs *s, u64 first, u64 count);

#endif
