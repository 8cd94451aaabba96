/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PMP planning: from "each window's plugged blocks allowed and the rest
 * of it denied" to the fewest PMP entries, in priority order (entry 0
 * wins). The host places the plan after its own deny entries (the
 * firmware, M-mode-only registers) and before its final allow-all; each
 * window's entries stand alone (none takes its base from an entry before
 * the window's first).
 */
#ifndef __MEMHP_PLAN_H__
#define __MEMHP_PLAN_H__

#include <memhp/memhp_types.h>

#define MEMHP_PLAN_ENTRIES_MAX	64

/* PMP configuration bits as the privileged spec defines them. */
#define MEMHP_PMP_R		0x01
#define MEMHP_PMP_W		0x02
#define MEMHP_PMP_X		0x04
#define MEMHP_PMP_RWX		0x07
#define MEMHP_PMP_A_OFF		0x00
#define MEMHP_PMP_A_TOR		0x08
#define MEMHP_PMP_A_NAPOT	0x18
#define MEMHP_PMP_A_MASK	0x18

struct memhp_pmp_entry {
	u8 cfg;
	unsigned long addr; /* pmpaddr value (physical address >> 2 form) */
};

struct memhp_plan {
	unsigned int count;
	struct memhp_pmp_entry e[MEMHP_PLAN_ENTRIES_MAX];
};

/* One window as the planner sees it: plugged runs in block units. */
struct memhp_plan_window {
	u64 base;
	u64 block_size;
	u64 nblocks;
	unsigned int nruns;
	const u64 (*runs)[2]; /* sorted [first, count] pairs, non-adjacent */
};

/*
 * The planner's working memory. It keeps nothing between calls; callers
 * that may plan at the same time need one each (the manager keeps one,
 * used under its lock).
 */
#define MEMHP_PLAN_WORK_WORDS	2560
struct memhp_plan_work {
	u64 space[MEMHP_PLAN_WORK_WORDS];
};

/*
 * Plan the windows' entries in at most @max_entries entries, working in
 * @work. Returns 0, or -1 when they need more (@out->count then says how
 * many).
 */
int memhp_plan_build(struct memhp_plan_work *work,
		     const struct memhp_plan_window *windows,
		     unsigned int nwindows, unsigned int max_entries,
		     struct memhp_plan *out);

/* Entries one window needs (its share of a plan). */
unsigned int memhp_plan_window_cost(struct memhp_plan_work *work,
				    const struct memhp_plan_window *w);

/* Cost of the NAPOT encoding of [base, base + size) (pmpaddr value). */
unsigned long memhp_napot_addr(u64 base, u64 size);

/* The inverse: the first and last byte a NAPOT pmpaddr value covers. */
void memhp_napot_range(unsigned long addr, u64 *base, u64 *last);

/*
 * Simulate a plan: the permissions (MEMHP_PMP_RWX bits, 0 = denied) an
 * S-mode access to @addr gets, following the priority rules; 0 when no
 * entry matches (the host's allow-all decides there).
 */
unsigned int memhp_plan_check(const struct memhp_plan *plan, u64 addr);

#endif
