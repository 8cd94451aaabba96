// SPDX-License-Identifier: BSD-2-Clause
/*
 * PMP of the calling hart: probing, writing one entry, the boot layout.
 */
#include <sbi/sbi_pmp.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_bitops.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_memregion.h>
#include <memhp/memhp_plan.h>

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

void sbi_pmp_program(struct sbi_hart *h, const struct memhp_plan *plan)
{
	unsigned long cfg[PMP_COUNT_MAX / 8] = { 0 };
	unsigned int n, ncfg = (h->pmp_count + 7) / 8;

	/* All entries off, addresses, then the configurations. */
	for (n = 0; n < ncfg; n++)
		csr_write_num(CSR_PMPCFG0 + n * 2, 0);
	for (n = 0; n < h->pmp_count; n++) {
		unsigned long addr = 0;

		if (n < plan->count) {
			addr = plan->e[n].addr;
			cfg[n / 8] |= (unsigned long)plan->e[n].cfg << ((n % 8) * 8);
		}
		csr_write_num(CSR_PMPADDR0 + n, addr);
	}
	for (n = 0; n < ncfg; n++)
		csr_write_num(CSR_PMPCFG0 + n * 2, cfg[n]);
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
		memhp_napot_range(addr, base, last);
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
}

unsigned int sbi_pmp_entries_used(void)
{
	return provider ? provider->entries_used() : 0;
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

