// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_scrub.c on host memory: the per-hart zeroing routine clears
 * exactly [start, end) for every alignment of either end, and the split
 * among harts gives contiguous shares in order that cover the range, so
 * zeroing every share zeroes the range and nothing around it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include <sbi/sbi_scrub.h>

#define BUF_SIZE	(80 * 1024)
#define FILL		0xa5

static unsigned char *buf;

static void fill(void)
{
	memset(buf, FILL, BUF_SIZE);
}

/* Bytes of [from, to) of the buffer that are not @val. */
static size_t count_not(size_t from, size_t to, unsigned char val)
{
	size_t i, bad = 0;

	for (i = from; i < to; i++)
		bad += buf[i] != val;
	return bad;
}

/* Offsets [lo, hi) zero, everything else still FILL. */
static bool only_zeroed(size_t lo, size_t hi)
{
	return !count_not(0, lo, FILL) && !count_not(lo, hi, 0) &&
	       !count_not(hi, BUF_SIZE, FILL);
}

static const size_t offsets[] = { 0, 1, 7, 8, 9, 1016, 1023, 1024, 1025,
				  4095, 4096, 4100 };
static const size_t lengths[] = { 0, 1, 7, 8, 9, 15, 1023, 1024, 1025,
				  2047, 2048, 3000, 4096, 8192 + 24, 65536 };

static void test_range(void)
{
	unsigned int i, j, bad = 0;

	host_section("sbi_scrub_range: exactly [start, end), any alignment");
	for (i = 0; i < array_size(offsets); i++) {
		for (j = 0; j < array_size(lengths); j++) {
			size_t lo = 4096 + offsets[i], hi = lo + lengths[j];
			unsigned long b = (unsigned long)buf;

			fill();
			sbi_scrub_range(b + lo, b + hi);
			if (!only_zeroed(lo, hi) && !bad++)
				CHECK_MSG(false, "offset %zu length %zu", lo,
					  lengths[j]);
		}
	}
	CHECK_MSG(!bad, "%zu ranges zeroed exactly (%u wrong)",
		  array_size(offsets) * array_size(lengths), bad);
}

static void test_split(void)
{
	unsigned int n, k, i, j, bad_order = 0, bad_align = 0, bad_zero = 0;
	unsigned long b = (unsigned long)buf;

	host_section("sbi_scrub_split: shares in order, cover the range");
	for (n = 1; n <= 9; n++) {
		for (i = 0; i < array_size(offsets); i++) {
			for (j = 0; j < array_size(lengths); j++) {
				size_t lo = 4096 + offsets[i];
				size_t hi = lo + lengths[j];
				unsigned long prev = b + lo;

				fill();
				if (sbi_scrub_split(b + lo, b + hi, 0, n) !=
				    b + lo ||
				    sbi_scrub_split(b + lo, b + hi, n, n) !=
				    b + hi)
					bad_order++;
				for (k = 0; k < n; k++) {
					unsigned long s = sbi_scrub_split(
						b + lo, b + hi, k, n);
					unsigned long e = sbi_scrub_split(
						b + lo, b + hi, k + 1, n);

					if (s != prev || e < s)
						bad_order++;
					if (k && s != b + lo &&
					    s % SBI_SCRUB_SHARE_ALIGN)
						bad_align++;
					sbi_scrub_range(s, e);
					prev = e;
				}
				if (!only_zeroed(lo, hi))
					bad_zero++;
			}
		}
	}
	CHECK_MSG(!bad_order, "each share starts where the one before ends, first at base, last ends at end (%u wrong)",
		  bad_order);
	CHECK_MSG(!bad_align, "inner shares start page-aligned (%u wrong)",
		  bad_align);
	CHECK_MSG(!bad_zero, "zeroing every share zeroes exactly the range, 1 to 9 harts (%u wrong)",
		  bad_zero);
}

int main(void)
{
	buf = aligned_alloc(4096, BUF_SIZE);
	if (!buf)
		return 1;
	test_range();
	test_split();
	free(buf);
	return host_summary("scrub");
}
