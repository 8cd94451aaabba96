/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Zeroing memory that leaves S-mode's reach (UNPLUG of a scrubbing
 * window) at the base ISA's store limit.
 */
#ifndef __SBI_SCRUB_H__
#define __SBI_SCRUB_H__

#include <sbi/sbi_types.h>

/*
 * Zero [@base, @base + @size) in M-mode (PMP does not restrict it), any
 * alignment. The memory-hotplug manager calls it with whole blocks
 * (4 KiB-aligned at least) that PMP already closes to S-mode on every
 * hart; whole 1 KiB runs take 128 stores, one add and one branch.
 */
void sbi_scrub(u64 base, u64 size);

#endif
