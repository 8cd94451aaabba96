/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PMP: the runtime's protection layer. It owns every hart's layout:
 *
 *   [ firmware deny ][ M-mode-only register denies ][ provider group ][ allow-all ]
 *
 * and programs it on the calling hart. A protection provider (at most
 * one; HotSBI's memory-hotplug manager registers itself) contributes the
 * group between the denies and the allow-all, within the budget the
 * layer leaves it, and answers the questions HSM, traps, S-mode address
 * checks and DBCN ask about the memory it opens and closes at run time.
 */
#ifndef __SBI_PMP_H__
#define __SBI_PMP_H__

#include <sbi/sbi_types.h>

struct sbi_hart;

/* One PMP entry: its configuration byte and its pmpaddr value. */
struct sbi_pmp_entry {
	u8 cfg;
	unsigned long addr;
};

/* A range denied to S/U-mode (cold boot input). */
struct sbi_pmp_region {
	u64 base, size;
};

/* Count the hart's PMP entries and their granularity. */
void sbi_pmp_probe(struct sbi_hart *h);

/*
 * Cold boot: the layout for harts with @entries PMP entries. The
 * firmware [@fw_base, @fw_base + @fw_size) is denied when there are at
 * least 2 entries (its own and the allow-all); each of the @nregs
 * M-mode-only register ranges @regs is denied in naturally aligned
 * power-of-two pieces while the entries last (a range that does not fit
 * stays open, with one line saying so).
 */
void sbi_pmp_init(unsigned int entries, u64 fw_base, u64 fw_size,
		  const struct sbi_pmp_region *regs, unsigned int nregs);
/* Entries the layout leaves for the provider's group. */
unsigned int sbi_pmp_group_budget(void);

/*
 * Program the calling hart with the layout around @group (@n entries
 * within the budget), the rest off, and fence (SFENCE.VMA, and
 * HFENCE.GVMA where H is present).
 */
void sbi_pmp_program(struct sbi_hart *h, const struct sbi_pmp_entry *group,
		     unsigned int n);
/* Print this hart's PMP entries. */
void sbi_pmp_dump(struct sbi_hart *h);

struct sbi_pmp_provider {
	const char *name;
	/*
	 * Program the calling hart with the group in force
	 * (sbi_pmp_program()), consistently with any change in progress.
	 */
	void (*sync_self)(struct sbi_hart *self);
	/* Entries of the group in force. */
	unsigned int (*group_entries)(void);
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

/* Cold boot: the provider (its operations are all set). */
void sbi_pmp_set_provider(const struct sbi_pmp_provider *p);

/* Program the calling hart with the layout in force. */
void sbi_pmp_sync_self(struct sbi_hart *self);
/* PMP entries the layout in force uses. */
unsigned int sbi_pmp_entries_used(void);
u64 sbi_pmp_smode_end(u64 addr);
bool sbi_pmp_hold(u64 addr, u64 size);
void sbi_pmp_release(void);
void sbi_pmp_access_fault(unsigned long cause, unsigned long addr,
			  unsigned long epc);

#endif
