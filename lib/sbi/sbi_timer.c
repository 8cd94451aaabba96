// SPDX-License-Identifier: BSD-2-Clause
/*
 * The supervisor timer for the TIME extension.
 */
#include <sbi/sbi_timer.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_platform.h>

u64 sbi_timer_value(void)
{
	return sbi_platform.timer_value ? sbi_platform.timer_value() : 0;
}

void sbi_timer_set(u64 next_event)
{
	struct sbi_hart *self = sbi_hart_self();

	if (self->has_sstc) {
		csr_write(CSR_STIMECMP, next_event);
		return;
	}
	sbi_platform.timer_set(self->index, next_event);
	csr_clear(CSR_MIP, MIP_STIP);
	csr_set(CSR_MIE, MIP_MTIP);
}

void sbi_timer_process(void)
{
	csr_clear(CSR_MIE, MIP_MTIP);
	csr_set(CSR_MIP, MIP_STIP);
}
