// SPDX-License-Identifier: BSD-2-Clause
/*
 * The runtime's protection layer: probing a hart's PMP, the layout every
 * hart runs with (firmware and M-mode-only register denies, a provider's
 * group, the allow-all), programming it, and the provider's hooks.
 */
#include <sbi/sbi_pmp.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_bitops.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_memregion.h>

void sbi_pmp_probe(struct sbi_hart *h)
{
	unsigned long v;
	unsigned int n;

	/* Turn every entry off first so probing writes reach the address. */
	for (n = 0; n < PMP_COUNT_MAX / 4; n += 2)
		if (!csr_probe_write(CSR_PMPCFG0 + n, 0))
			break;
	for (n = 0; n < PMP_COUNT_MAX; n++) {
		if (!csr_probe_write(CSR_PMPADDR0 + n, -1UL) ||
		    !csr_probe_read(CSR_PMPADDR0 + n, &v) || !v)
			break;
		if (n == 0)
			h->pmp_grain_log2 = sbi_ctzl(v) + 2;
		csr_write_num(CSR_PMPADDR0 + n, 0);
	}
	h->pmp_count = n;
}

/* The fixed entries: denies first, the allow-all last. */
static struct sbi_pmp_entry fixed[PMP_COUNT_MAX];
static unsigned int nfixed_deny, pmp_entries, group_budget;
static bool allow_all;

static unsigned long napot_addr(u64 base, u64 size)
{
	return (unsigned long)((base + size / 2 - 1) >> PMP_SHIFT);
}

/* First and last byte of a NAPOT pmpaddr value. */
static void napot_range(unsigned long addr, u64 *base, u64 *last)
{
	unsigned int ones = sbi_ctzl(~addr);

	/* 54 or more trailing ones: pmpaddr holds bits 55:2, all of them */
	if (ones >= 54) {
		*base = 0;
		*last = ~0ULL;
		return;
	}
	*base = (u64)(addr & ~((1UL << ones) - 1)) << PMP_SHIFT;
	*last = *base + (1ULL << (ones + 3)) - 1;
}

/* End of the RV64 physical address space (what pmpaddr can say). */
#define PMP_PHYS_END	(1ULL << 56)

static bool deny_piece(u64 base, u64 size, const char **why)
{
	if (size < 8 || base + size < base || base + size > PMP_PHYS_END) {
		*why = "not a naturally aligned power of two a PMP entry can cover";
		return false;
	}
	/* The firmware's entry, the deny entries and the allow-all. */
	if (nfixed_deny + 2 > pmp_entries) {
		*why = "the harts have too few PMP entries";
		return false;
	}
	fixed[nfixed_deny].cfg = PMP_A_NAPOT;
	fixed[nfixed_deny++].addr = napot_addr(base, size);
	return true;
}

/*
 * Deny [@base, @base + @size) in naturally aligned power-of-two pieces
 * (NAPOT entries), the largest that fit: one when the range is one.
 */
static void deny_region(u64 base, u64 size)
{
	u64 at = base, end = base + size;
	const char *why;

	while (at < end) {
		u64 piece = at ? at & -at : 1ULL << 63;

		while (piece > end - at)
			piece >>= 1;
		if (!deny_piece(at, piece, &why)) {
			sbi_printf("hotsbi: timer/IPI registers 0x%lx+0x%lx stay open to S-mode: %s\n",
				   (unsigned long)at, (unsigned long)(end - at),
				   why);
			return;
		}
		at += piece;
	}
}

void sbi_pmp_init(unsigned int entries, u64 fw_base, u64 fw_size,
		  const struct sbi_pmp_region *regs, unsigned int nregs)
{
	unsigned int i;

	pmp_entries = MIN(entries, (unsigned int)PMP_COUNT_MAX);
	nfixed_deny = 0;
	group_budget = 0;
	/* With any PMP at all, S-mode reaches nothing unless allowed. */
	allow_all = pmp_entries > 0;
	if (pmp_entries < 2) {
		/* Not even the firmware's entry and the allow-all fit. */
		sbi_printf("hotsbi: %u PMP entries: no hotplug windows, and S-mode can reach the firmware and timer/IPI registers\n",
			   pmp_entries);
		return;
	}
	fixed[nfixed_deny].cfg = PMP_A_NAPOT;
	fixed[nfixed_deny++].addr = napot_addr(fw_base, fw_size);
	for (i = 0; i < nregs; i++)
		deny_region(regs[i].base, regs[i].size);
	group_budget = pmp_entries - nfixed_deny - 1;
}

unsigned int sbi_pmp_group_budget(void)
{
	return group_budget;
}

/* The last entry: what no earlier one matched is open to S and U-mode. */
static const struct sbi_pmp_entry allow_all_entry = {
	.cfg = PMP_A_NAPOT | PMP_R | PMP_W | PMP_X,
	.addr = -1UL,
};

/*
 * @n entries from @e into PMP entries @k onwards: the addresses now, the
 * configurations into @cfg (written last). Returns the next free entry.
 * Inlined: sbi_pmp_program() is on every PLUG and UNPLUG.
 */
static inline __attribute__((always_inline)) unsigned int
pmp_load(unsigned int k, const struct sbi_pmp_entry *e, unsigned int n,
	 unsigned long *cfg)
{
	unsigned int i;

	for (i = 0; i < n; i++, k++) {
		csr_write_num(CSR_PMPADDR0 + k, e[i].addr);
		cfg[k / 8] |= (unsigned long)e[i].cfg << ((k % 8) * 8);
	}
	return k;
}

void sbi_pmp_program(struct sbi_hart *h, const struct sbi_pmp_entry *group,
		     unsigned int n)
{
	unsigned long cfg[PMP_COUNT_MAX / 8] = { 0 };
	unsigned int i, k, ncfg = (h->pmp_count + 7) / 8;

	/* All entries off, addresses, then the configurations. */
	for (i = 0; i < ncfg; i++)
		csr_write_num(CSR_PMPCFG0 + i * 2, 0);
	k = pmp_load(0, fixed, nfixed_deny, cfg);
	k = pmp_load(k, group, n, cfg);
	k = pmp_load(k, &allow_all_entry, allow_all, cfg);
	for (; k < h->pmp_count; k++)
		csr_write_num(CSR_PMPADDR0 + k, 0);
	for (i = 0; i < ncfg; i++)
		csr_write_num(CSR_PMPCFG0 + i * 2, cfg[i]);
	sfence_vma_all();
	if (h->has_h)
		hfence_gvma(0, 0, false, false);
}

static void pmp_decode(unsigned long cfg, unsigned long addr,
		       unsigned long prev_addr, u64 *base, u64 *last)
{
	switch (cfg & PMP_A) {
	case PMP_A_TOR:
		*base = prev_addr << PMP_SHIFT;
		*last = (addr << PMP_SHIFT) - 1;
		break;
	case PMP_A_NA4:
		*base = addr << PMP_SHIFT;
		*last = *base + 3;
		break;
	default:
		napot_range(addr, base, last);
		break;
	}
}

void sbi_pmp_dump(struct sbi_hart *h)
{
	static const char *const modes[] = { "OFF", "TOR", "NA4", "NAPOT" };
	unsigned long prev = 0;
	unsigned int n;

	for (n = 0; n < h->pmp_count; n++) {
		unsigned long cfg = (csr_read_num(CSR_PMPCFG0 + (n / 8) * 2) >>
				     ((n % 8) * 8)) & 0xff;
		unsigned long addr = csr_read_num(CSR_PMPADDR0 + n);
		u64 base, last;

		if (cfg & PMP_A) {
			pmp_decode(cfg, addr, prev, &base, &last);
			sbi_boot_printf("  pmp%2u: 0x%016lx-0x%016lx %-5s %c%c%c\n",
					n, (unsigned long)base,
					(unsigned long)last,
					modes[(cfg & PMP_A) >> 3],
					cfg & PMP_R ? 'r' : '-',
					cfg & PMP_W ? 'w' : '-',
					cfg & PMP_X ? 'x' : '-');
		}
		prev = addr;
	}
}

/* ----------------------------------------------------------- provider */

static const struct sbi_pmp_provider *provider;

void sbi_pmp_set_provider(const struct sbi_pmp_provider *p)
{
	provider = p;
}

void sbi_pmp_sync_self(struct sbi_hart *self)
{
	if (provider)
		provider->sync_self(self);
	else
		sbi_pmp_program(self, NULL, 0);
}

unsigned int sbi_pmp_entries_used(void)
{
	return nfixed_deny + (provider ? provider->group_entries() : 0) +
	       allow_all;
}

u64 sbi_pmp_smode_end(u64 addr)
{
	return provider ? provider->smode_end(addr) : addr;
}

bool sbi_pmp_hold(u64 addr, u64 size)
{
	return provider && provider->hold(addr, size);
}

void sbi_pmp_release(void)
{
	provider->release();
}

void sbi_pmp_access_fault(unsigned long cause, unsigned long addr,
			  unsigned long epc)
{
	if (provider)
		provider->access_fault(cause, addr, epc);
}

