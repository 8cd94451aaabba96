// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unplugging every block of a window whatever the PMP budget, for the
 * clean-ups of the payload's stress and of the soak program.
 *
 * A PLUG or UNPLUG may be refused with -1 (SBI_ERR_FAILED) when the
 * resulting set of plugged blocks needs more PMP entries than the harts
 * have, and removing a whole run can need more entries, not fewer: a hole
 * in a mostly plugged window costs one deny entry, two holes two. Each
 * change of a whole run, or of a whole gap between two runs, removes one
 * run, so trying those (unplugs first) until one is accepted ends with
 * nothing plugged after at most twice as many calls as there were runs.
 */
#include "memhp.h"

static unsigned char drain_state[MH_MAX_BLOCKS + 8] __aligned(64);

/* One accepted call on a whole run or gap; 0, 1 if none was, -1 on error. */
static int drain_step(unsigned long w, unsigned long n, bool gaps,
		      unsigned long *refused)
{
	unsigned long b, e;
	struct sbiret r;

	for (b = 0; b < n; b = e) {
		for (e = b; e < n && drain_state[e] == drain_state[b]; e++)
			;
		if (!gaps && drain_state[b] != MEMHP_PLUGGED)
			continue;
		if (gaps && (drain_state[b] != MEMHP_UNPLUGGED || !b || e == n))
			continue;
		r = mh_op(gaps ? MEMHP_PLUG : MEMHP_UNPLUG, w, b, e - b);
		if (!r.error)
			return 0;
		if (r.error != SBI_ERR_FAILED)
			return -1;
		(*refused)++;
	}
	return 1;
}

long mh_drain(unsigned long w, unsigned long n, unsigned long *refused)
{
	unsigned long b, calls = 0, step;
	bool any;
	int rc;

	if (n > MH_MAX_BLOCKS)
		return -1;
	for (step = 0; step <= 2 * n; step++) {
		if (mh_read_state(w, 0, n, (unsigned long)drain_state, 0).error)
			return -1;
		for (any = false, b = 0; b < n; b++)
			any |= drain_state[b] == MEMHP_PLUGGED;
		if (!any)
			return calls;
		rc = drain_step(w, n, false, refused);
		if (rc > 0)
			rc = drain_step(w, n, true, refused);
		if (rc)
			return -1;
		calls++;
	}
	return -1;
}
