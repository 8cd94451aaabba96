/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cross-hart requests: the S-mode IPI and synchronous calls that another
 * hart runs in M-mode (remote fences, PMP updates). One mechanism serves
 * every caller.
 */
#ifndef __SBI_IPI_H__
#define __SBI_IPI_H__

#include <sbi/sbi_types.h>

/* The machine software interrupt device a driver registers. */
struct sbi_ipi_device {
	const char *name;
	/* Raise / clear the machine software interrupt of a hart. */
	void (*ipi_send)(unsigned int hart_index);
	void (*ipi_clear)(unsigned int hart_index);
};

/* Cold boot: the IPI device (one; the hart table needs it). */
void sbi_ipi_set_device(const struct sbi_ipi_device *dev);
/* Raise / clear hart @hart_index's machine software interrupt. */
void sbi_ipi_raw_send(unsigned int hart_index);
void sbi_ipi_raw_clear(unsigned int hart_index);

/* Hart index bit masks; HARTS_MAX <= BITS_PER_LONG. */
typedef unsigned long sbi_hartmask_t;

/*
 * Turn an SBI (hart_mask, hart_mask_base) pair into a mask of hart indices.
 * Returns SBI_ERR_INVALID_PARAM when a hart id is not valid.
 */
int sbi_hartmask_from_sbi(unsigned long hart_mask, unsigned long base,
			  sbi_hartmask_t *out);

/* Harts that run S-mode or wait in a retentive suspend. */
sbi_hartmask_t sbi_ipi_live_harts(void);

/* Raise the S-mode software interrupt on every hart in @targets. */
void sbi_ipi_send_smode(sbi_hartmask_t targets);

/*
 * Run fn(arg) on every hart in @targets and return when all have done so.
 * The calling hart runs it directly; while waiting it serves requests
 * sent to itself, so two harts calling each other cannot deadlock.
 */
void sbi_ipi_call(sbi_hartmask_t targets, void (*fn)(void *), void *arg);

/* Serve the requests pending for this hart (called on M software IRQ). */
void sbi_ipi_process(void);

#endif
