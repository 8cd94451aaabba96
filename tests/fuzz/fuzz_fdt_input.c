// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target fuzz-fdt-input: the input is a device tree blob, run
 * through the firmware's whole input path of cold boot (validation,
 * platform scan with /memory and /cpus, memhp board windows and the
 * emulated card, boot PMP plan); fuzz_fdt_boot.c lists the invariants
 * checked on every tree the firmware accepts.
 */
#include <stdio.h>
#include <stdlib.h>
#include "fuzz_common.h"
#include "fuzz_fdt_boot.h"

static void report(void)
{
	fprintf(stderr, "fuzz-fdt-input: %lu inputs, %lu valid, %lu platform found, %lu booted, %lu windows, %lu cards\n",
		fuzz_fdt_stats.inputs, fuzz_fdt_stats.valid,
		fuzz_fdt_stats.platform_ok, fuzz_fdt_stats.booted,
		fuzz_fdt_stats.windows, fuzz_fdt_stats.cards);
}

int LLVMFuzzerInitialize(int *argc __unused, char ***argv __unused)
{
	atexit(report);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_boot b;

	fuzz_fdt_boot(data, size, &b);
	free(b.fdt);
	return 0;
}
