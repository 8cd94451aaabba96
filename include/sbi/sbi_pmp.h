/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PMP programming of the calling hart, and the protection provider: the
 * part of the firmware that changes what S-mode may reach at run time
 * (HotSBI's memory-hotplug manager). HSM, traps, S-mode address checks and
 * DBCN reach it only through the sbi_pmp_*() calls below.
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

struct sbi_pmp_provider {
	const char *name;
	/* Program the calling hart with the layout in force, and fence. */
	void (*sync_self)(struct sbi_hart *self);
	/* PMP entries the layout in force uses. */
	unsigned int (*entries_used)(void);
	/*
	 * The first byte after the run of provider memory S-mode may use
	 * that holds @addr; @addr when there is none.
	 */
	u64 (*smode_end)(u64 addr);
	/*
	 * Keep the layout of [addr, addr + size) as it is until release()
	 * (M-mode uses S-mode's buffer there); false when it is not the
	 * provider's (nothing held).
	 */
	bool (*hold)(u64 addr, u64 size);
	void (*release)(void);
	/* An S/U-mode access fault (@cause) at @addr, from @epc. */
	void (*access_fault)(unsigned long cause, unsigned long addr,
			     unsigned long epc);
};

/* Cold boot: the provider (at most one; its operations are all set). */
void sbi_pmp_set_provider(const struct sbi_pmp_provider *p);

void sbi_pmp_sync_self(struct sbi_hart *self);
unsigned int sbi_pmp_entries_used(void);
u64 sbi_pmp_smode_end(u64 addr);
bool sbi_pmp_hold(u64 addr, u64 size);
void sbi_pmp_release(void);
void sbi_pmp_access_fault(unsigned long cause, unsigned long addr,
			  unsigned long epc);

#endif
