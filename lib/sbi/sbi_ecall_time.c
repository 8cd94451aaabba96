// SPDX-License-Identifier: BSD-2-Clause
/*
 * TIME extension: program the next supervisor timer event.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_timer.h>

struct sbiret sbi_ecall_time(unsigned long fid, unsigned long *args)
{
	if (fid != SBI_EXT_TIME_SET_TIMER)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	sbi_timer_set(args[0]);
	return (struct sbiret){ SBI_SUCCESS, 0 };
}
