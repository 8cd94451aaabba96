// SPDX-License-Identifier: BSD-2-Clause
/*
 * Scrubbing unplugged memory: the range is split among the live harts
 * through one cross-hart call, and each hart zeroes its share as close
 * to one 8-byte store per instruction as the base ISA allows (128 stores,
 * one add and one branch per 1 KiB), or with cbo.zero (Zicboz), with
 * byte and word stores for unaligned ends.
 */
#include <sbi/sbi_scrub.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_ipi.h>

/*
 * The stores go through volatile pointers: nothing reads the memory
 * afterwards in this program, and the compiler must neither drop them nor
 * turn the loops into a memset call (-fno-builtin does not prevent that).
 */

/* Bytes per iteration of the unrolled store loop: 128 8-byte stores. */
#define SCRUB_CHUNK	1024UL
/* cbo.zero instructions per loop iteration. */
#define SCRUB_CBOZ_UNROLL	8

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

/*
 * [start, end), both aligned to @block * SCRUB_CBOZ_UNROLL, start < end:
 * cbo.zero, block by block.
 */
static void zero_cboz(unsigned long start, unsigned long end,
		      unsigned long block)
{
	unsigned int i;

	do {
#pragma GCC unroll 8
		for (i = 0; i < SCRUB_CBOZ_UNROLL; i++)
			cbo_zero(start + i * block);
		start += SCRUB_CBOZ_UNROLL * block;
	} while (start != end);
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

void sbi_scrub_range(unsigned long start, unsigned long end,
		     unsigned long cboz_block)
{
	unsigned long run = cboz_block ? cboz_block * SCRUB_CBOZ_UNROLL :
					 SCRUB_CHUNK;
	unsigned long mid = ROUNDUP(start, run), last = ROUNDDOWN(end, run);

	if (start >= end)
		return;
	if (mid >= last) {
		zero_small(start, end);
		return;
	}
	zero_small(start, mid);
	if (cboz_block) {
		/* cbo.zero is a store: ordered like one for other harts. */
		zero_cboz(mid, last, cboz_block);
	} else {
		zero_chunks(mid, last);
	}
	zero_small(last, end);
}

unsigned long sbi_scrub_split(unsigned long base, unsigned long end,
			      unsigned int k, unsigned int n)
{
	unsigned long at;

	if (k >= n)
		return end;
	at = ROUNDDOWN(base + (end - base) / n * k, SBI_SCRUB_SHARE_ALIGN);
	return MAX(at, base);
}

struct scrub_job {
	unsigned long base;
	unsigned long end;
	sbi_hartmask_t harts;
	unsigned int n;
};

/* Runs on every hart of job->harts: zero this hart's share. */
static void scrub_share(void *arg)
{
	const struct scrub_job *job = arg;
	struct sbi_hart *self = sbi_hart_self();
	sbi_hartmask_t below = job->harts & (BIT(self->index) - 1);
	unsigned int k = 0;

	for (; below; below &= below - 1)
		k++;
	sbi_scrub_range(sbi_scrub_split(job->base, job->end, k, job->n),
			sbi_scrub_split(job->base, job->end, k + 1, job->n),
			self->cboz_block_size);
}

void sbi_scrub(u64 base, u64 size)
{
	struct scrub_job job = {
		.base = base,
		.end = base + size,
		.harts = sbi_ipi_live_harts() | BIT(sbi_hart_self()->index),
	};
	sbi_hartmask_t m;

	for (m = job.harts; m; m &= m - 1)
		job.n++;
	sbi_ipi_call(job.harts, scrub_share, &job);
}
