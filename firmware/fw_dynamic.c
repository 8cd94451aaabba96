// SPDX-License-Identifier: BSD-2-Clause
/*
 * fw_dynamic: the previous stage passes struct fw_dynamic_info in a2,
 * naming the next stage, its mode, boot options and the boot hart.
 */
#include <sbi/fw_dynamic.h>
#include <sbi/riscv_encoding.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_init.h>

/*
 * unsigned long fw_boot_hart(info): the boot hart named by a version 2
 * info block, else -1 (lottery). Runs before any stack exists: a0-a2,
 * t0-t1 only. Offsets and magic as in struct fw_dynamic_info.
 */
__asm__(".section .text\n"
	".globl fw_boot_hart\n"
	"fw_boot_hart:\n"
	"	beqz	a0, 1f\n"
	"	andi	t0, a0, 7\n"
	"	bnez	t0, 1f\n"
	"	ld	t0, 0(a0)\n"
	"	li	t1, 0x4942534f\n"
	"	bne	t0, t1, 1f\n"
	"	ld	t0, 8(a0)\n"
	"	li	t1, 2\n"
	"	bltu	t0, t1, 1f\n"
	"	ld	a0, 40(a0)\n"
	"	ret\n"
	"1:	li	a0, -1\n"
	"	ret\n");

int fw_next_stage(unsigned long a1, unsigned long a2,
		  struct sbi_next_stage *next)
{
	const struct fw_dynamic_info *info = (const void *)a2;

	next->fw_name = "fw_dynamic";
	next->fdt = a1;
	if (!info || (a2 & 7) || info->magic != FW_DYNAMIC_INFO_MAGIC) {
		sbi_printf("hotsbi: fw_dynamic: no valid info block at a2 = 0x%lx (magic must be 0x%lx)\n",
			   a2, FW_DYNAMIC_INFO_MAGIC);
		return -1;
	}
	if (info->version < 1 || info->version > FW_DYNAMIC_INFO_VERSION_MAX) {
		sbi_printf("hotsbi: fw_dynamic: info version %lu not supported (1..%d)\n",
			   info->version, FW_DYNAMIC_INFO_VERSION_MAX);
		return -1;
	}
	if (info->next_mode != PRV_S) {
		sbi_printf("hotsbi: fw_dynamic: next_mode %lu not supported (only S-mode, 1)\n",
			   info->next_mode);
		return -1;
	}
	next->addr = info->next_addr;
	next->mode = info->next_mode;
	next->quiet = info->options & FW_DYNAMIC_INFO_NO_BOOT_PRINTS;
	return 0;
}
