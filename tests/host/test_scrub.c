// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_scrub.c on host memory: the per-hart zeroing routine clears
 * exactly [start, end) for every alignment of either end, with 8-byte
 * stores and with cbo.zero (a model: the whole aligned block of 32, 64 or
 * 128 bytes, as Zicboz does; QEMU 7.2 has no Zicboz, so this is the only
 * test of that path), and the split among harts gives contiguous shares
 * in order that cover the range, so zeroing every share zeroes the range
 * and nothing around it. Also lib/sbi/sbi_hart.c's reading of Zicboz and
 * its block size from /cpus.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/riscv_asm.h>
#include <sbi/sbi_hart.h>
#include <sbi_utils/fdt_cboz.h>
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

/* The cbo.zero model: zero the block of model_block bytes holding addr. */
static unsigned long model_block, model_calls, model_unaligned;

static void model_cbo_zero(unsigned long addr)
{
	model_calls++;
	model_unaligned += !!(addr & (model_block - 1));
	memset((void *)(addr & ~(model_block - 1)), 0, model_block);
}

static void test_range(unsigned long cboz)
{
	unsigned int i, j, bad = 0;

	host_section(cboz ? "sbi_scrub_range with cbo.zero (model)" :
			    "sbi_scrub_range with 8-byte stores");
	model_block = cboz;
	model_calls = model_unaligned = 0;
	for (i = 0; i < array_size(offsets); i++) {
		for (j = 0; j < array_size(lengths); j++) {
			size_t lo = 4096 + offsets[i], hi = lo + lengths[j];
			unsigned long b = (unsigned long)buf;

			fill();
			sbi_scrub_range(b + lo, b + hi, cboz);
			if (!only_zeroed(lo, hi) && !bad++)
				CHECK_MSG(false, "offset %zu length %zu", lo,
					  lengths[j]);
		}
	}
	CHECK_MSG(!bad, "block %lu: %zu ranges zeroed exactly, nothing around them (%u wrong)",
		  cboz, array_size(offsets) * array_size(lengths), bad);
	if (cboz) {
		/* 65536 bytes from an aligned start are 65536 / cboz blocks. */
		CHECK_MSG(model_calls >= 65536 / cboz,
			  "block %lu: cbo.zero does the bulk (%lu calls)",
			  cboz, model_calls);
		CHECK_MSG(!model_unaligned,
			  "block %lu: cbo.zero only at block-aligned addresses (%lu not)",
			  cboz, model_unaligned);
	} else {
		CHECK_MSG(!model_calls, "no cbo.zero without Zicboz (%lu)",
			  model_calls);
	}
}

/*
 * sbi_scrub() on one hart (the only live one: its share is the range)
 * with this hart's Zicboz block size.
 */
static void test_scrub_self(unsigned long cboz)
{
	static const unsigned long ids[] = { 0 };
	unsigned long b = (unsigned long)buf;

	host_platform_reset();
	host_harts_setup(ids, NULL, 1);
	sbi_harts[0].cboz_block_size = cboz;
	model_block = cboz;
	model_calls = 0;
	fill();
	sbi_scrub(b + 4096, 65536);
	CHECK_MSG(only_zeroed(4096, 4096 + 65536) &&
			  (cboz ? model_calls == 65536 / cboz : !model_calls),
		  "sbi_scrub of 64 KiB, hart block %lu: zeroed exactly, %lu cbo.zero",
		  cboz, model_calls);
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
					sbi_scrub_range(s, e, 0);
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

/* One cpu node: hart id @id, the two ISA properties (NULL: none), block. */
static void cpu_node(void *fdt, unsigned int id, const char *exts, int len,
		     const char *isa, int block)
{
	char name[16];

	snprintf(name, sizeof(name), "cpu@%u", id);
	fdt_begin_node(fdt, name);
	fdt_property_string(fdt, "device_type", "cpu");
	fdt_property_u32(fdt, "reg", id);
	if (exts)
		fdt_property(fdt, "riscv,isa-extensions", exts, len);
	if (isa)
		fdt_property_string(fdt, "riscv,isa", isa);
	if (block)
		fdt_property_u32(fdt, "riscv,cboz-block-size", block);
	fdt_end_node(fdt);
}

static void test_probe_fdt(void)
{
	static const unsigned long ids[] = { 0, 1, 2, 3, 4, 5, 6 };
	static const char exts[] = "i\0m\0zicbom\0zicboz\0zicsr";
	static const char no_z[] = "i\0m\0zicbom\0zicboza";
	static const unsigned long want[] = { 64, 128, 32, 0, 0, 0, 0 };
	static char fdt[4096];
	unsigned int i;

	host_section("fdt_cboz_probe: Zicboz and riscv,cboz-block-size");
	fdt_create(fdt, sizeof(fdt));
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_begin_node(fdt, "cpus");
	fdt_property_u32(fdt, "#address-cells", 1);
	fdt_property_u32(fdt, "#size-cells", 0);
	cpu_node(fdt, 0, exts, sizeof(exts), "rv64imac", 64);
	cpu_node(fdt, 1, NULL, 0, "rv64imac_zicbom_zicboz", 128);
	cpu_node(fdt, 2, NULL, 0, "rv64imac_zicboz_zicsr", 32);
	cpu_node(fdt, 3, no_z, sizeof(no_z), "rv64imac_zicboza", 64);
	cpu_node(fdt, 4, exts, sizeof(exts), NULL, 48);
	cpu_node(fdt, 5, exts, sizeof(exts), NULL, 0);
	cpu_node(fdt, 6, exts, sizeof(exts), NULL, 8192);
	cpu_node(fdt, 7, exts, sizeof(exts), NULL, 64);
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_finish(fdt);
	host_platform_reset();
	host_harts_setup(ids, NULL, 7);
	fdt_cboz_probe(fdt);
	for (i = 0; i < array_size(want); i++)
		CHECK_MSG(sbi_harts[i].cboz_block_size == want[i],
			  "hart %u: cbo.zero block %lu (want %lu)", i,
			  sbi_harts[i].cboz_block_size, want[i]);
}

int main(void)
{
	static const unsigned long blocks[] = { 32, 64, 128 };
	unsigned int i;

	buf = aligned_alloc(4096, BUF_SIZE);
	if (!buf)
		return 1;
	host_cbo_zero_hook = model_cbo_zero;
	test_range(0);
	for (i = 0; i < array_size(blocks); i++)
		test_range(blocks[i]);
	test_split();
	test_scrub_self(0);
	for (i = 0; i < array_size(blocks); i++)
		test_scrub_self(blocks[i]);
	test_probe_fdt();
	free(buf);
	return host_summary("scrub");
}
