// SPDX-License-Identifier: BSD-2-Clause
/*
 * fw_jump: the next stage sits at the build-time FW_JUMP_ADDR; the FDT
 * is the one passed in a1, else the one at FW_JUMP_FDT_ADDR.
 */
#include <sbi/riscv_encoding.h>
#include <sbi/sbi_init.h>

/* Any hart may win the cold-boot lottery. */
__asm__(".section .text\n"
	".globl fw_boot_hart\n"
	"fw_boot_hart:\n"
	"	li	a0, -1\n"
	"	ret\n");

int fw_next_stage(unsigned long a1, unsigned long a2 __unused,
		  struct sbi_next_stage *next)
{
	next->fw_name = "fw_jump";
	next->addr = FW_JUMP_ADDR;
	next->mode = PRV_S;
	next->fdt = a1 ? a1 : FW_JUMP_FDT_ADDR;
	next->quiet = false;
	return 0;
}
