// SPDX-License-Identifier: BSD-2-Clause
/*
 * System reset (SRST) and the clean stop on fatal errors.
 */
#include <sbi/sbi_system.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_ecall_interface.h>

static const struct sbi_system_reset_device *reset_dev;

void sbi_system_reset_set_device(const struct sbi_system_reset_device *dev)
{
	reset_dev = dev;
}

const struct sbi_system_reset_device *sbi_system_reset_get_device(void)
{
	return reset_dev;
}

int sbi_system_reset(unsigned long type, unsigned long reason)
{
	type &= 0xffffffffUL;
	reason &= 0xffffffffUL;
	/* Reserved and unimplemented platform-specific values. */
	if (type > SBI_SRST_RESET_TYPE_WARM_REBOOT ||
	    reason > SBI_SRST_RESET_REASON_SYSFAIL)
		return SBI_ERR_INVALID_PARAM;
	if (!reset_dev || reset_dev->reset_check(type, reason))
		return SBI_ERR_NOT_SUPPORTED;
	reset_dev->reset(type, reason);
	return SBI_ERR_FAILED;
}

void sbi_system_stop(void)
{
	if (reset_dev &&
	    !reset_dev->reset_check(SBI_SRST_RESET_TYPE_SHUTDOWN,
				    SBI_SRST_RESET_REASON_SYSFAIL))
		reset_dev->reset(SBI_SRST_RESET_TYPE_SHUTDOWN,
				 SBI_SRST_RESET_REASON_SYSFAIL);
	sbi_hart_hang();
}

void sbi_hart_hang(void)
{
	csr_write(CSR_MIE, 0);
	for (;;)
		wfi();
}
