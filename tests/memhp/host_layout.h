/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a host's protection layer does with the windows' plan, modelled
 * for the host tests: the firmware's deny entry and any other deny
 * entries first, the plan, then the allow-all (HotSBI's sbi_pmp does
 * this on the harts). memhp_plan_check() on the result answers what an
 * S-mode access gets.
 */
#ifndef __HOST_LAYOUT_H__
#define __HOST_LAYOUT_H__

#include <memhp/memhp_plan.h>

/*
 * @full = the NAPOT denies [@deny[i][0], + @deny[i][1]) (the firmware
 * first), @group, the allow-all.
 */
static inline void host_layout(const u64 (*deny)[2], unsigned int ndeny,
			       const struct memhp_plan *group,
			       struct memhp_plan *full)
{
	unsigned int i, n = 0;

	for (i = 0; i < ndeny; i++) {
		full->e[n].cfg = MEMHP_PMP_A_NAPOT;
		full->e[n++].addr = memhp_napot_addr(deny[i][0], deny[i][1]);
	}
	for (i = 0; i < group->count && n < MEMHP_PLAN_ENTRIES_MAX - 1; i++)
		full->e[n++] = group->e[i];
	full->e[n].cfg = MEMHP_PMP_A_NAPOT | MEMHP_PMP_RWX;
	full->e[n++].addr = ~0UL;
	full->count = n;
}

#endif
