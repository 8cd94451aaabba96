/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware's device-tree input path as cold boot runs it (validation,
 * platform scan, memhp windows and card), with the invariants of what it
 * accepts checked; shared by fuzz-fdt-input and fuzz-fdt-publish.
 */
#ifndef __FUZZ_FDT_BOOT_H__
#define __FUZZ_FDT_BOOT_H__

#include <stddef.h>
#include <sbi/sbi_types.h>
#include <sbi/sbi_platform.h>
#include <libfdt.h>

/* Where the firmware sits and where the next stage starts (QEMU virt). */
#define FUZZ_FW_BASE	0x80000000ULL
#define FUZZ_FW_SIZE	0x80000ULL
#define FUZZ_NEXT_ADDR	0x80200000ULL
/* PMP entries of every hart (QEMU virt has 16). */
#define FUZZ_FDT_PMP	16

struct fuzz_boot {
	void *fdt;		/* the input copy (free with free()) */
	unsigned int boot;	/* boot hart index */
	/* RAM banks as the platform scan found them, before the card. */
	struct sbi_mem_bank ram[SBI_PLATFORM_MEM_BANKS_MAX];
	unsigned int nram;
};

/*
 * Run the input path on @data. Returns true when cold boot would go on
 * (tree valid, platform found, windows set up, boot plan fits); b->fdt
 * is set whenever the tree was copied (free it in every case).
 */
bool fuzz_fdt_boot(const u8 *data, size_t size, struct fuzz_boot *b);

/* Statistics for the final report (printed at exit). */
struct fuzz_fdt_stats {
	unsigned long inputs, valid, platform_ok, booted, windows, cards;
};
extern struct fuzz_fdt_stats fuzz_fdt_stats;

/* A big-endian value of @n cells (the reg reader the checks share). */
u64 fuzz_cells_value(const fdt32_t *p, int n);

#endif
