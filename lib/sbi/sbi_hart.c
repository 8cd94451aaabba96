// SPDX-License-Identifier: BSD-2-Clause
/*
 * The hart table and per-hart machine state: feature probing, trap
 * delegation, counter access and environment configuration.
 */
#include <sbi/sbi_hart.h>
#include <sbi/sbi_pmp.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_console.h>

struct sbi_hart sbi_harts[HARTS_MAX];
unsigned long sbi_hart_ids[HARTS_MAX];
unsigned long sbi_hart_count;
const unsigned long sbi_hart_struct_size = sizeof(struct sbi_hart);
/* Scratch area of the cold-boot hart until the hart table exists. */
struct sbi_hart sbi_boot_scratch;

_Static_assert(__builtin_offsetof(struct sbi_hart, tmp0) == SBI_HART_OFF_TMP0,
	       "trap entry offset");
_Static_assert(__builtin_offsetof(struct sbi_hart, stack_top) ==
		       SBI_HART_OFF_STACK_TOP,
	       "trap entry offset");
_Static_assert(HARTS_MAX >= 1 && HARTS_MAX <= 63, "hart masks are one word");

struct sbi_hart *sbi_hart_by_id(unsigned long hartid)
{
	unsigned long i;

	for (i = 0; i < sbi_hart_count; i++)
		if (sbi_hart_ids[i] == hartid)
			return &sbi_harts[i];
	return NULL;
}

/* cbo.zero blocks the scrub uses: a power of two from 8 B to a page. */
/*
 * Exceptions S-mode handles itself. Access faults stay in M (logged) and
 * illegal instructions too (counter reads are emulated); both are then
 * redirected to S-mode.
 */
#define MEDELEG_SMODE                                                      \
	(BIT(CAUSE_MISALIGNED_FETCH) | BIT(CAUSE_BREAKPOINT) |             \
	 BIT(CAUSE_MISALIGNED_LOAD) | BIT(CAUSE_MISALIGNED_STORE) |        \
	 BIT(CAUSE_USER_ECALL) | BIT(CAUSE_FETCH_PAGE_FAULT) |             \
	 BIT(CAUSE_LOAD_PAGE_FAULT) | BIT(CAUSE_STORE_PAGE_FAULT))
#define MEDELEG_HYP                                                        \
	(BIT(CAUSE_VIRTUAL_SUPERVISOR_ECALL) |                            \
	 BIT(CAUSE_FETCH_GUEST_PAGE_FAULT) |                              \
	 BIT(CAUSE_LOAD_GUEST_PAGE_FAULT) | BIT(CAUSE_VIRTUAL_INST_FAULT) | \
	 BIT(CAUSE_STORE_GUEST_PAGE_FAULT))

static void hart_probe_features(struct sbi_hart *h)
{
	unsigned long misa = csr_read(CSR_MISA);
	unsigned long v;
	char *p = h->isa;
	int i;

	h->has_h = misa & BIT('h' - 'a');
	h->has_menvcfg = csr_probe_read(CSR_MENVCFG, &v);
	h->has_sstc = h->has_menvcfg && csr_probe_read(CSR_STIMECMP, &v);

	p += sbi_snprintf(p, sizeof(h->isa), "rv64");
	for (i = 0; i < 26 && p < h->isa + sizeof(h->isa) - 1; i++)
		if (misa & BIT(i))
			*p++ = 'a' + i;
	*p = '\0';
}

void sbi_hart_init(struct sbi_hart *h)
{
	extern char _trap_entry[];
	unsigned long medeleg = MEDELEG_SMODE;

	hart_probe_features(h);

	csr_write(CSR_MTVEC, (unsigned long)_trap_entry);
	csr_write(CSR_MIDELEG, MIP_SSIP | MIP_STIP | MIP_SEIP);
	if (h->has_h)
		medeleg |= MEDELEG_HYP;
	csr_write(CSR_MEDELEG, medeleg);
	/* S/U may read cycle, time and instret. */
	csr_write(CSR_MCOUNTEREN, 0x7);
	if (h->has_menvcfg) {
		unsigned long envcfg = MENVCFG_CBIE_FLUSH | MENVCFG_CBCFE |
				       MENVCFG_CBZE | MENVCFG_PBMTE;

		if (h->has_sstc)
			envcfg |= MENVCFG_STCE;
		csr_write(CSR_MENVCFG, envcfg);
	}
	if (h->has_sstc)
		csr_write(CSR_STIMECMP, -1UL);

	sbi_pmp_probe(h);

	csr_write(CSR_MIP, 0);
	csr_write(CSR_MIE, MIP_MSIP);
}
