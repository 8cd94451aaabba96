// SPDX-License-Identifier: BSD-2-Clause
/*
 * The supervisor timer for the TIME extension.
 */
#include <sbi/sbi_timer.h>
#include <sbi/sbi_hart.h>

static const struct sbi_timer_device *timer_dev;

void sbi_timer_set_device(const struct sbi_timer_device *dev)
{
	timer_dev = dev;
}

u64 sbi_timer_value(void)
{
	return timer_dev ? timer_dev->timer_value() : 0;
}

void sbi_timer_set(u64 next_event)
{
	struct sbi_hart *self = sbi_hart_self();

	if (self->has_sstc) {
		csr_write(CSR_STIMECMP, next_event);
		return;
	}
	timer_dev->timer_event_start(self->index, next_event);
	csr_clear(CSR_MIP, MIP_STIP);
	csr_set(CSR_MIE, MIP_MTIP);
}

void sbi_timer_process(void)
{
	csr_clear(CSR_MIE, MIP_MTIP);
	csr_set(CSR_MIP, MIP_STIP);
}
