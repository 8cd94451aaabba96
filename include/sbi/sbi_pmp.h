/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PMP programming of the calling hart.
 */
#ifndef __SBI_PMP_H__
#define __SBI_PMP_H__

#include <sbi/sbi_types.h>

struct sbi_hart;

/* Count the hart's PMP entries and their granularity. */
void sbi_pmp_probe(struct sbi_hart *h);
/* Write entry @n (cfg byte and address register) on this hart. */
void sbi_pmp_write(unsigned int n, unsigned long cfg, unsigned long addr);
/* Boot layout: firmware denied to S/U, everything else allowed. */
void sbi_pmp_boot(struct sbi_hart *h);
/* Print this hart's PMP entries. */
void sbi_pmp_dump(struct sbi_hart *h);

#endif
