/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PMP programming of the calling hart.
 */
#ifndef __SBI_PMP_H__
#define __SBI_PMP_H__

#include <sbi/sbi_types.h>

struct sbi_hart;
struct memhp_plan;

/* Count the hart's PMP entries and their granularity. */
void sbi_pmp_probe(struct sbi_hart *h);
/*
 * Program this hart's PMP with @plan (entry i of the plan in entry i,
 * the rest off) and fence. The plan always denies the firmware first
 * and ends with an allow-all entry.
 */
void sbi_pmp_program(struct sbi_hart *h, const struct memhp_plan *plan);
/* Print this hart's PMP entries. */
void sbi_pmp_dump(struct sbi_hart *h);

#endif
