/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared pieces of the libFuzzer targets (tests/fuzz): a byte reader for
 * decoding inputs, a machine with several harts on top of the host fakes
 * (per-hart PMP and interrupt CSRs, cross-hart calls delivered at once,
 * harts that stop or suspend parked), a decoder of PMP CSRs into what
 * S/U-mode may access, and the invariant failure report.
 */
#ifndef __FUZZ_COMMON_H__
#define __FUZZ_COMMON_H__

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <sbi/sbi_types.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_trap.h>

/* An invariant does not hold: print it and abort (libFuzzer saves the input). */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define FUZZ_ASSERT(cond, fmt, ...)                                        \
	do {                                                               \
		if (!(cond))                                               \
			fuzz_fail("%s:%d: " fmt, __FILE__, __LINE__,       \
				  ##__VA_ARGS__);                          \
	} while (0)

/* ------------------------------------------------------------ input */

struct fuzz_reader {
	const u8 *p;
	size_t left;
};

u8 fuzz_u8(struct fuzz_reader *r);
u16 fuzz_u16(struct fuzz_reader *r);
u64 fuzz_u64(struct fuzz_reader *r);

/* ------------------------------------------------------------ harts */

/* The CSRs that belong to one hart (the rest of the fake file is shared). */
struct fuzz_hart_csrs {
	unsigned long pmpcfg[PMP_COUNT_MAX / 8];
	unsigned long pmpaddr[PMP_COUNT_MAX];
	unsigned long mip, mie, mstatus, stimecmp, menvcfg, mepc;
	/* The hart waits in M-mode in a loop the host cannot run (stop, suspend). */
	bool parked;
	unsigned long ipis;	/* machine software interrupts taken */
};

extern struct fuzz_hart_csrs fuzz_harts[HARTS_MAX];
/* Index of the hart whose CSRs are live in host_csr. */
extern unsigned int fuzz_cur;

/*
 * Fresh fake machine: platform, CSR file, PMP with @pmp_entries entries
 * per hart (the rest missing), every hart's saved CSRs zero, hart 0
 * current. sbi_platform's IPI and timer operations point at the fakes.
 */
void fuzz_machine_reset(unsigned int pmp_entries);
/*
 * After generic_platform_scan: IPI and timer operations go to the fakes here
 * (the host CLINT stub installs none), SRST reports "not supported".
 */
void fuzz_platform_fakes(void);
/* Make hart @i current (its CSRs live in host_csr, mscratch at it). */
void fuzz_switch_to(unsigned int i);
/* Copy the current hart's live CSRs into fuzz_harts[fuzz_cur]. */
void fuzz_save_current(void);
/*
 * Boot like sbi_warm_boot on every hart of the table (sbi_hart_init in
 * its own context), then make @boot current. All harts start STOPPED
 * (parked) except @boot, which is STARTED with the current plan loaded.
 */
/*
 * What cold boot does before the memory-hotplug manager (sbi_init.c): the
 * PMP layout from hart @boot's PMP (current), the firmware and the
 * platform's M-mode-only registers.
 */
void fuzz_protection_init(unsigned int boot);
void fuzz_warm_boot_all(unsigned int boot);

/*
 * Call the SBI dispatcher on the current hart. Returns true when the
 * call returned (*ret set), false when the hart parked (stop, suspend).
 */
bool fuzz_ecall(unsigned long eid, unsigned long fid, const unsigned long a[6],
		struct sbiret *ret);

/* Number of host_wfi calls that parked a hart, starts run. */
extern unsigned long fuzz_parks, fuzz_starts;

/* ------------------------------------------------------------ PMP */

/* What S/U-mode may do on one hart: sorted intervals with permissions. */
#define FUZZ_PMP_INTERVALS	(2 * PMP_COUNT_MAX + 2)
struct fuzz_pmp_map {
	unsigned int n;
	u64 start[FUZZ_PMP_INTERVALS];	/* interval k: [start[k], start[k+1]) */
	u8 perm[FUZZ_PMP_INTERVALS];	/* R|W|X bits, 0 denied */
};

/*
 * Decode @count PMP entries (cfg bytes from @cfg words, addresses from
 * @addr) as the privileged spec says for S/U-mode: OFF/TOR/NA4/NAPOT,
 * lowest index wins, no match denied when any entry exists. Fails the
 * run on a locked entry or the reserved R=0/W=1 encoding.
 */
void fuzz_pmp_decode(const unsigned long *cfg, const unsigned long *addr,
		     unsigned int count, struct fuzz_pmp_map *m);
/* AND and OR of the permissions over [base, base + size) (size > 0). */
void fuzz_pmp_range(const struct fuzz_pmp_map *m, u64 base, u64 size,
		    u8 *all, u8 *any);

/* ------------------------------------------------------------ memory */

/* Scrubs the manager asked for (sbi_memhp.c's memset, see fuzz.mk). */
struct fuzz_scrub {
	u64 base, size;
};
extern struct fuzz_scrub fuzz_scrubs[4];
extern unsigned int fuzz_nscrubs;

/*
 * Reserve @size bytes of lazily allocated host memory aligned to @align:
 * the model's physical memory (addresses are host addresses).
 */
void *fuzz_reserve(u64 size, u64 align);

/* Copy a device tree blob into 8-byte aligned memory the probes can read. */
void *fuzz_fdt_copy(const u8 *data, size_t len);

#endif
