// SPDX-License-Identifier: BSD-2-Clause
/*
 * Scrubbing unplugged memory: zero a range as close to one 8-byte store
 * per instruction as the base ISA allows (128 stores, one add and one
 * branch per 1 KiB), with byte and word stores for unaligned ends.
 */
#include <sbi/sbi_scrub.h>

/* Bytes per iteration of the unrolled store loop: 128 8-byte stores. */
#define SCRUB_CHUNK	1024UL

/* [start, end), both SCRUB_CHUNK-aligned, start < end. */
static void zero_chunks(unsigned long start, unsigned long end)
{
	volatile u64 *p = (volatile u64 *)start;
	unsigned int i;

	do {
#pragma GCC unroll 128
		for (i = 0; i < SCRUB_CHUNK / 8; i++)
			p[i] = 0;
		p += SCRUB_CHUNK / 8;
	} while ((unsigned long)p != end);
}

/* [start, end) with any alignment: bytes, then words, then bytes. */
static void zero_small(unsigned long start, unsigned long end)
{
	for (; start < end && (start & 7); start++)
		*(volatile u8 *)start = 0;
	for (; end - start >= 8; start += 8)
		*(volatile u64 *)start = 0;
	for (; start < end; start++)
		*(volatile u8 *)start = 0;
}

void sbi_scrub(u64 base, u64 size)
{
	unsigned long start = base, end = base + size;
	unsigned long mid = ROUNDUP(start, SCRUB_CHUNK);
	unsigned long last = ROUNDDOWN(end, SCRUB_CHUNK);

	if (start >= end)
		return;
	if (mid >= last) {
		zero_small(start, end);
		return;
	}
	zero_small(start, mid);
	zero_chunks(mid, last);
	zero_small(last, end);
}
