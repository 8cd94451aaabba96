/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The platform as the runtime sees it: devices found in the device tree,
 * reached through a few operations, and the boot-time memory map.
 */
#ifndef __SBI_PLATFORM_H__
#define __SBI_PLATFORM_H__

#include <sbi/sbi_types.h>
#include <sbi/sbi_pmp.h>

#define SBI_PLATFORM_MEM_BANKS_MAX	8

struct sbi_mem_bank {
	u64 base;
	u64 size;
	/* The memory node's numa-node-id, when has_node. */
	u32 node;
	bool has_node;
};

#define SBI_PLATFORM_MMODE_REGS_MAX	4

struct sbi_platform {
	char model[64];
	unsigned long timebase_freq;

	struct sbi_mem_bank mem[SBI_PLATFORM_MEM_BANKS_MAX];
	unsigned int mem_count;

	/* From /chosen, so nothing carved from RAM covers them. */
	u64 initrd_start, initrd_end;

	/*
	 * Registers of the timer and IPI devices (the CLINT, or the ACLINT's
	 * MSWI and MTIMER): M-mode only, denied to S/U-mode by PMP. The
	 * ranges the tree gives outside RAM, touching ones joined.
	 */
	struct sbi_pmp_region mmode_regs[SBI_PLATFORM_MMODE_REGS_MAX];
	unsigned int mmode_regs_count;

	/* Human-readable names of the devices, for the banner. */
	char console_desc[64];
	char timer_desc[64];
	char reset_desc[64];
};

extern struct sbi_platform sbi_platform;

struct sbi_next_stage;

/*
 * What a platform does at cold boot, in this order (sbi_cold_boot()). The
 * firmware's entry passes the platform's table (fw_base.S:
 * platform_ops); the runtime never calls a platform by name.
 */
struct sbi_platform_operations {
	/*
	 * A console for a stop before the tree names one (or for nothing:
	 * then the stop is silent).
	 */
	void (*early_console_init)(void);
	/*
	 * Check and scan @fdt: fill sbi_platform, the hart table and the
	 * console. Returns 0, or prints the line the boot stops on and
	 * returns an error.
	 */
	int (*early_init)(void *fdt);
	/*
	 * Once the hart table and the PMP layout (sbi_pmp_init()) are set:
	 * the features the tree configures, and the tree handed to @next
	 * (next->fdt becomes its address). Returns 0, or prints the line
	 * the boot stops on and returns an error.
	 */
	int (*final_init)(struct sbi_next_stage *next);
};

#endif
