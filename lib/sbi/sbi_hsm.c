// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hart state management. Stopped harts wait in M-mode for a start
 * request and keep serving cross-hart calls; suspended harts wait for an
 * S-level interrupt S-mode enabled.
 */
#include <sbi/sbi_hsm.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_timer.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_pmp.h>
#include <sbi/sbi_ecall_interface.h>

/* Internal: a starter has claimed the hart and is writing its entry. */
#define HSM_STATE_START_CLAIMED	100

long sbi_hsm_state(struct sbi_hart *h)
{
	long s = atomic_read(&h->hsm_state);

	return s == HSM_STATE_START_CLAIMED ? SBI_HSM_STATE_START_PENDING : s;
}

/* Serve M-level events while waiting in M-mode. */
static void hsm_serve_events(void)
{
	unsigned long mip = csr_read(CSR_MIP);

	if (mip & MIP_MSIP || atomic_read(&sbi_hart_self()->ipi_pending))
		sbi_ipi_process();
	if ((mip & MIP_MTIP) && (csr_read(CSR_MIE) & MIP_MTIP))
		sbi_timer_process();
}

void sbi_hsm_on_smode_entry(struct sbi_hart *self)
{
	/* The protection layout in force, then fences. */
	sbi_pmp_sync_self(self);
}

void sbi_hsm_wait_for_start(struct sbi_hart *self)
{
	/* Timer off while stopped. */
	csr_clear(CSR_MIE, MIP_MTIP);
	if (self->has_sstc)
		csr_write(CSR_STIMECMP, -1UL);
	csr_write(CSR_MIE, MIP_MSIP);

	while (atomic_read(&self->hsm_state) != SBI_HSM_STATE_START_PENDING) {
		wfi();
		hsm_serve_events();
	}
	csr_clear(CSR_MIP, MIP_SSIP | MIP_STIP);
	atomic_write(&self->hsm_state, SBI_HSM_STATE_STARTED);
	sbi_hsm_on_smode_entry(self);
	sbi_hart_enter_smode(self->hartid, self->start_arg1, self->start_addr);
}

int sbi_hsm_hart_start(unsigned long hartid, unsigned long addr,
		       unsigned long arg1)
{
	struct sbi_hart *h = sbi_hart_by_id(hartid);

	if (!h || !h->s_capable)
		return SBI_ERR_INVALID_PARAM;
	if (!sbi_memregion_smode_ok(addr, 4))
		return SBI_ERR_INVALID_ADDRESS;
	if (!atomic_cmpxchg(&h->hsm_state, SBI_HSM_STATE_STOPPED,
			    HSM_STATE_START_CLAIMED))
		return SBI_ERR_ALREADY_AVAILABLE;

	h->start_addr = addr;
	h->start_arg1 = arg1;
	atomic_write(&h->hsm_state, SBI_HSM_STATE_START_PENDING);
	sbi_ipi_raw_send(h->index);
	return SBI_SUCCESS;
}

int sbi_hsm_hart_stop(void)
{
	struct sbi_hart *self = sbi_hart_self();

	if (!atomic_cmpxchg(&self->hsm_state, SBI_HSM_STATE_STARTED,
			    SBI_HSM_STATE_STOP_PENDING))
		return SBI_ERR_FAILED;
	atomic_write(&self->hsm_state, SBI_HSM_STATE_STOPPED);
	sbi_hsm_wait_for_start(self);
}

int sbi_hsm_hart_get_status(unsigned long hartid, long *state)
{
	struct sbi_hart *h = sbi_hart_by_id(hartid);

	if (!h)
		return SBI_ERR_INVALID_PARAM;
	*state = sbi_hsm_state(h);
	return SBI_SUCCESS;
}

static bool hsm_wake_pending(void)
{
	unsigned long enabled = csr_read(CSR_MIE) &
				(MIP_SSIP | MIP_STIP | MIP_SEIP);

	return csr_read(CSR_MIP) & enabled;
}

int sbi_hsm_hart_suspend(unsigned long type, unsigned long addr,
			 unsigned long arg1)
{
	struct sbi_hart *self = sbi_hart_self();
	bool retentive;

	type &= 0xffffffffUL;
	if (type == SBI_HSM_SUSPEND_RET_DEFAULT)
		retentive = true;
	else if (type == SBI_HSM_SUSPEND_NON_RET_DEFAULT)
		retentive = false;
	else
		return SBI_ERR_INVALID_PARAM;
	if (!retentive && !sbi_memregion_smode_ok(addr, 4))
		return SBI_ERR_INVALID_ADDRESS;
	if (!atomic_cmpxchg(&self->hsm_state, SBI_HSM_STATE_STARTED,
			    SBI_HSM_STATE_SUSPEND_PENDING))
		return SBI_ERR_FAILED;

	atomic_write(&self->hsm_state, SBI_HSM_STATE_SUSPENDED);
	while (!hsm_wake_pending()) {
		wfi();
		hsm_serve_events();
	}
	atomic_write(&self->hsm_state, SBI_HSM_STATE_RESUME_PENDING);
	atomic_write(&self->hsm_state, SBI_HSM_STATE_STARTED);
	if (retentive)
		return SBI_SUCCESS;
	sbi_hsm_on_smode_entry(self);
	sbi_hart_enter_smode(self->hartid, arg1, addr);
}
