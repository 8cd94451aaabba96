/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Zeroing memory that leaves S-mode's reach (UNPLUG of a scrubbing
 * window): a range split among the live harts, each zeroing its share
 * with 8-byte stores at the base ISA's limit, or with cbo.zero where the
 * hart has Zicboz.
 */
#ifndef __SBI_SCRUB_H__
#define __SBI_SCRUB_H__

#include <sbi/sbi_types.h>

/* Shares start on this alignment (a page: any cbo.zero block fits). */
#define SBI_SCRUB_SHARE_ALIGN	4096UL

/*
 * Zero [@base, @base + @size) and return when every byte reads zero from
 * every hart. Each live hart (and the caller) zeroes one share, in M-mode
 * (PMP does not restrict it), inside a cross-hart call. The memory-hotplug
 * manager calls it with whole blocks (4 KiB-aligned at least) that PMP
 * already closes to S-mode on every hart.
 */
void sbi_scrub(u64 base, u64 size);

/*
 * Where share @k of @n of [@base, @end) starts (@k == @n: @end). Shares
 * are contiguous, in order, cover the range exactly, and start on
 * SBI_SCRUB_SHARE_ALIGN where they can.
 */
unsigned long sbi_scrub_split(unsigned long base, unsigned long end,
			      unsigned int k, unsigned int n);

/*
 * Zero [@start, @end) on this hart, any alignment. @cboz_block is the
 * hart's cbo.zero block size (a power of two, 8 to 4096), 0 without
 * Zicboz: then whole 1 KiB runs take 128 stores, one add and one branch.
 */
void sbi_scrub_range(unsigned long start, unsigned long end,
		     unsigned long cboz_block);

#endif
