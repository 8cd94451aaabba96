// SPDX-License-Identifier: BSD-2-Clause
/*
 * SRST extension: shutdown and reboot.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_system.h>

struct sbiret sbi_ecall_srst(unsigned long fid, unsigned long *args)
{
	if (fid != SBI_EXT_SRST_RESET)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	return (struct sbiret){ sbi_system_reset(args[0], args[1]), 0 };
}
