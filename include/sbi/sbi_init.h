/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot: cold init on one hart, warm init on every hart, and the
 * description of the next stage that the firmware variant provides.
 */
#ifndef __SBI_INIT_H__
#define __SBI_INIT_H__

#include <sbi/sbi_types.h>

struct sbi_next_stage {
	unsigned long addr;
	unsigned long mode; /* PRV_S */
	unsigned long fdt;
	bool quiet;
	const char *fw_name;
};

/*
 * Provided by firmware/fw_<variant>.c: read what the previous stage
 * passed. Returns 0, or prints why and returns an error.
 */
int fw_next_stage(unsigned long a1, unsigned long a2,
		  struct sbi_next_stage *next);

struct sbi_platform_operations;

/*
 * Cold boot on hart @hartid, called by the firmware's entry (fw_base.S)
 * with what the previous stage passed (@fdt, @info) and the platform's
 * operations.
 */
void sbi_cold_boot(unsigned long hartid, unsigned long fdt,
		   unsigned long info, const struct sbi_platform_operations *ops);
void __noreturn sbi_warm_boot(void);

#endif
