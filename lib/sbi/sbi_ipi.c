// SPDX-License-Identifier: BSD-2-Clause
/*
 * Cross-hart requests over the machine software interrupt. A sender
 * writes a call into the target's inbox slot reserved for the sender,
 * sets the sender's bit in the target's pending word and raises the
 * target's MSIP. The S-mode IPI is one more pending bit.
 */
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_bitops.h>
#include <sbi/sbi_hsm.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_ecall_interface.h>

int sbi_hartmask_from_sbi(unsigned long hart_mask, unsigned long base,
			  sbi_hartmask_t *out)
{
	sbi_hartmask_t m = 0;
	unsigned long i;

	if (base == -1UL) {
		for (i = 0; i < sbi_hart_count; i++)
			if (sbi_harts[i].s_capable)
				m |= BIT(i);
		*out = m;
		return SBI_SUCCESS;
	}
	while (hart_mask) {
		unsigned long bit = sbi_ctzl(hart_mask);
		unsigned long id = base + bit;
		struct sbi_hart *h;

		if (id < base)
			return SBI_ERR_INVALID_PARAM;
		h = sbi_hart_by_id(id);
		if (!h || !h->s_capable)
			return SBI_ERR_INVALID_PARAM;
		m |= BIT(h->index);
		hart_mask &= hart_mask - 1;
	}
	*out = m;
	return SBI_SUCCESS;
}

sbi_hartmask_t sbi_ipi_live_harts(void)
{
	sbi_hartmask_t m = 0;
	unsigned long i;

	for (i = 0; i < sbi_hart_count; i++) {
		long s = sbi_hsm_state(&sbi_harts[i]);

		if (s == SBI_HSM_STATE_STARTED ||
		    s == SBI_HSM_STATE_SUSPENDED ||
		    s == SBI_HSM_STATE_SUSPEND_PENDING ||
		    s == SBI_HSM_STATE_RESUME_PENDING)
			m |= BIT(i);
	}
	return m;
}

static const struct sbi_ipi_device *ipi_dev;

void sbi_ipi_set_device(const struct sbi_ipi_device *dev)
{
	ipi_dev = dev;
}

void sbi_ipi_raw_send(unsigned int hart_index)
{
	ipi_dev->ipi_send(hart_index);
}

void sbi_ipi_raw_clear(unsigned int hart_index)
{
	ipi_dev->ipi_clear(hart_index);
}

static void ipi_post(unsigned int target, unsigned long bits)
{
	atomic_or_return_old(&sbi_harts[target].ipi_pending, bits);
	ipi_dev->ipi_send(target);
}

void sbi_ipi_send_smode(sbi_hartmask_t targets)
{
	unsigned int self = sbi_hart_self()->index;

	if (targets & BIT(self)) {
		csr_set(CSR_MIP, MIP_SSIP);
		targets &= ~BIT(self);
	}
	while (targets) {
		unsigned int i = sbi_ctzl(targets);

		ipi_post(i, SBI_IPI_SSIP);
		targets &= targets - 1;
	}
}

void sbi_ipi_call(sbi_hartmask_t targets, void (*fn)(void *), void *arg)
{
	struct sbi_hart *self = sbi_hart_self();
	sbi_hartmask_t remote = targets & ~BIT(self->index);
	sbi_hartmask_t m;

	for (m = remote; m; m &= m - 1) {
		unsigned int i = sbi_ctzl(m);
		struct sbi_xcall *slot = &sbi_harts[i].inbox[self->index];

		slot->fn = fn;
		slot->arg = arg;
		slot->done = 0;
		/* The pending bit is set with release order after the slot. */
		ipi_post(i, SBI_IPI_CALL(self->index));
	}
	if (targets & BIT(self->index))
		fn(arg);
	for (m = remote; m; m &= m - 1) {
		unsigned int i = sbi_ctzl(m);
		struct sbi_xcall *slot = &sbi_harts[i].inbox[self->index];

		while (!__atomic_load_n(&slot->done, __ATOMIC_ACQUIRE)) {
			if (atomic_read(&self->ipi_pending))
				sbi_ipi_process();
			cpu_relax();
		}
	}
}

void sbi_ipi_process(void)
{
	struct sbi_hart *self = sbi_hart_self();
	unsigned long pending;

	ipi_dev->ipi_clear(self->index);
	pending = atomic_xchg(&self->ipi_pending, 0);
	if (pending & SBI_IPI_SSIP)
		csr_set(CSR_MIP, MIP_SSIP);
	for (pending >>= 1; pending; pending &= pending - 1) {
		struct sbi_xcall *slot = &self->inbox[sbi_ctzl(pending)];

		slot->fn(slot->arg);
		__atomic_store_n(&slot->done, 1, __ATOMIC_RELEASE);
	}
}
