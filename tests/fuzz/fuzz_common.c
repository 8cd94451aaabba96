// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shared machinery of the libFuzzer targets (see fuzz_common.h).
 *
 * The host fakes have one CSR file. Here every hart owns a copy of its
 * PMP and interrupt CSRs, swapped into host_csr when it runs, so a plan
 * programmed through the firmware's cross-hart call lands in each hart's
 * own PMP. A cross-hart interrupt (the IPI device's ipi_send) is taken at
 * once: the target becomes current, runs what its M-mode would (serve
 * the call, or leave the HSM wait when it was started) and the sender
 * resumes. A hart that reaches wfi in a wait loop the host cannot run
 * (stopped, suspended, hung) is parked by a longjmp out of the loop: its
 * only later activity is what an interrupt makes it do.
 *
 * fuzz.mk builds host_csr.c and host_stubs.c with host_wfi and
 * sbi_hart_enter_smode renamed away: the versions here replace them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "host_fakes.h"
#include "fuzz_common.h"
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_hsm.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_system.h>
#include <sbi/sbi_timer.h>
#include <sbi/sbi_pmp.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_ecall_interface.h>
#include <memhp/memhp.h>

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\n==fuzz== INVARIANT FAILED: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	if (host_console_len) {
		size_t from = host_console_len > 2000 ? host_console_len - 2000 : 0;

		fprintf(stderr, "==fuzz== firmware console (last %zu bytes):\n%s\n",
			host_console_len - from, host_console_out + from);
	}
	abort();
}

/* ------------------------------------------------------------ input */

u8 fuzz_u8(struct fuzz_reader *r)
{
	if (!r->left)
		return 0;
	r->left--;
	return *r->p++;
}

u16 fuzz_u16(struct fuzz_reader *r)
{
	return fuzz_u8(r) | (u16)fuzz_u8(r) << 8;
}

u64 fuzz_u64(struct fuzz_reader *r)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (u64)fuzz_u8(r) << (8 * i);
	return v;
}

/* ------------------------------------------------------------ harts */

struct fuzz_hart_csrs fuzz_harts[HARTS_MAX];
unsigned int fuzz_cur;
unsigned long fuzz_parks, fuzz_starts;

/* Where a parked hart's wait loop or an S-mode entry leaves to. */
#define JMP_PARKED	1
#define JMP_SMODE	2
#define JMP_DEPTH	8
static jmp_buf *jmp_stack[JMP_DEPTH];
static unsigned int jmp_depth;
static unsigned long wfi_outside;
static u64 fake_time;

static void jmp_push(jmp_buf *jb)
{
	FUZZ_ASSERT(jmp_depth < JMP_DEPTH, "harts nest too deep");
	jmp_stack[jmp_depth++] = jb;
}

static void jmp_pop(void)
{
	jmp_depth--;
}

void fuzz_save_current(void)
{
	struct fuzz_hart_csrs *h = &fuzz_harts[fuzz_cur];
	unsigned int n;

	for (n = 0; n < PMP_COUNT_MAX / 8; n++)
		h->pmpcfg[n] = host_csr[CSR_PMPCFG0 + 2 * n];
	for (n = 0; n < PMP_COUNT_MAX; n++)
		h->pmpaddr[n] = host_csr[CSR_PMPADDR0 + n];
	h->mip = host_csr[CSR_MIP];
	h->mie = host_csr[CSR_MIE];
	h->mstatus = host_csr[CSR_MSTATUS];
	h->stimecmp = host_csr[CSR_STIMECMP];
	h->menvcfg = host_csr[CSR_MENVCFG];
	h->mepc = host_csr[CSR_MEPC];
}

static void load_hart(unsigned int i)
{
	const struct fuzz_hart_csrs *h = &fuzz_harts[i];
	unsigned int n;

	for (n = 0; n < PMP_COUNT_MAX / 8; n++)
		host_csr[CSR_PMPCFG0 + 2 * n] = h->pmpcfg[n];
	for (n = 0; n < PMP_COUNT_MAX; n++)
		host_csr[CSR_PMPADDR0 + n] = h->pmpaddr[n];
	host_csr[CSR_MIP] = h->mip;
	host_csr[CSR_MIE] = h->mie;
	host_csr[CSR_MSTATUS] = h->mstatus;
	host_csr[CSR_STIMECMP] = h->stimecmp;
	host_csr[CSR_MENVCFG] = h->menvcfg;
	host_csr[CSR_MEPC] = h->mepc;
	host_csr[CSR_MSCRATCH] = (unsigned long)&sbi_harts[i];
	host_csr[CSR_MHARTID] = sbi_harts[i].hartid;
	fuzz_cur = i;
}

void fuzz_switch_to(unsigned int i)
{
	FUZZ_ASSERT(i < HARTS_MAX, "hart index %u", i);
	fuzz_save_current();
	load_hart(i);
}

/* The current hart leaves the HSM wait: true when it entered S-mode. */
static bool run_start(void)
{
	jmp_buf jb;
	int r;

	jmp_push(&jb);
	r = setjmp(jb);
	if (!r)
		sbi_hsm_wait_for_start(&sbi_harts[fuzz_cur]);
	jmp_pop();
	if (r == JMP_SMODE) {
		fuzz_harts[fuzz_cur].parked = false;
		fuzz_starts++;
		return true;
	}
	fuzz_harts[fuzz_cur].parked = true;
	return false;
}

/* What hart @t does when its machine software interrupt is raised. */
static void take_ipi(unsigned int t)
{
	long state = sbi_hsm_state(&sbi_harts[t]);

	fuzz_harts[t].ipis++;
	/*
	 * Running S-mode: the trap handler serves the requests. Waiting in
	 * M-mode (stopped, suspended): the wait loop serves them, then a
	 * stopped hart checks whether it was started.
	 */
	if (host_csr[CSR_MIP] & MIP_MSIP || atomic_read(&sbi_harts[t].ipi_pending))
		sbi_ipi_process();
	if (fuzz_harts[t].parked && state == SBI_HSM_STATE_START_PENDING)
		run_start();
}

static void fake_ipi_send(unsigned int target)
{
	unsigned int prev = fuzz_cur;

	FUZZ_ASSERT(target < sbi_hart_count, "IPI to hart index %u of %lu",
		    target, sbi_hart_count);
	if (target == fuzz_cur) {
		host_csr[CSR_MIP] |= MIP_MSIP;
		sbi_ipi_process();
		return;
	}
	fuzz_harts[target].mip |= MIP_MSIP;
	fuzz_switch_to(target);
	take_ipi(target);
	fuzz_switch_to(prev);
}

static void fake_ipi_clear(unsigned int i)
{
	if (i == fuzz_cur)
		host_csr[CSR_MIP] &= ~MIP_MSIP;
	else
		fuzz_harts[i].mip &= ~MIP_MSIP;
}

static u64 fake_timer_value(void)
{
	return fake_time += 1000;
}

static void fake_timer_set(unsigned int i __unused, u64 next __unused)
{
}

/* SRST is "not supported": the host cannot power off. */
static int fake_reset_check(u32 type __unused, u32 reason __unused)
{
	return -1;
}

static void fake_reset(u32 type __unused, u32 reason __unused)
{
	fuzz_fail("the reset device reset although reset_check refused");
}

/* Replaced in host_csr.c (fuzz.mk): a wfi in a wait loop parks the hart. */
void host_wfi(void)
{
	host_fences.wfi++;
	if (jmp_depth) {
		fuzz_parks++;
		longjmp(*jmp_stack[jmp_depth - 1], JMP_PARKED);
	}
	if (++wfi_outside > 1000)
		fuzz_fail("wfi outside any hart context: the code under test hangs");
}

/* Replaced in host_stubs.c (fuzz.mk): S-mode entry ends the M-mode run. */
void sbi_hart_enter_smode(unsigned long arg0, unsigned long arg1 __unused,
			  unsigned long addr __unused)
{
	FUZZ_ASSERT(jmp_depth, "S-mode entry outside a hart context");
	FUZZ_ASSERT(arg0 == sbi_harts[fuzz_cur].hartid,
		    "S-mode entered with a0 = %lu on hart %lu", arg0,
		    sbi_harts[fuzz_cur].hartid);
	longjmp(*jmp_stack[jmp_depth - 1], JMP_SMODE);
}

void fuzz_machine_reset(unsigned int pmp_entries)
{
	unsigned int n;

	host_platform_reset();
	memset(fuzz_harts, 0, sizeof(fuzz_harts));
	fuzz_cur = 0;
	jmp_depth = 0;
	wfi_outside = 0;
	fuzz_nscrubs = 0;
	for (n = pmp_entries; n < PMP_COUNT_MAX; n++)
		host_csr_missing[CSR_PMPADDR0 + n] = true;
	for (n = (pmp_entries + 7) / 8; n < PMP_COUNT_MAX / 8; n++)
		host_csr_missing[CSR_PMPCFG0 + 2 * n] = true;
	host_spin_limit = 100000;
	load_hart(0);
}

static const struct sbi_ipi_device fake_ipi_device = {
	.name = "fuzz-ipi",
	.ipi_send = fake_ipi_send,
	.ipi_clear = fake_ipi_clear,
};

static const struct sbi_timer_device fake_timer_device = {
	.name = "fuzz-timer",
	.timer_value = fake_timer_value,
	.timer_event_start = fake_timer_set,
};

static const struct sbi_system_reset_device fake_reset_device = {
	.name = "fuzz-reset",
	.reset_check = fake_reset_check,
	.reset = fake_reset,
};

/* The devices clint.c and reset.c would register, as fakes. */
void fuzz_platform_fakes(void)
{
	sbi_ipi_set_device(&fake_ipi_device);
	sbi_timer_set_device(&fake_timer_device);
	sbi_system_reset_set_device(&fake_reset_device);
}

void fuzz_protection_init(unsigned int boot)
{
	struct sbi_hart *h = &sbi_harts[boot];

	sbi_pmp_probe(h);
	sbi_pmp_init(MIN(h->pmp_count, (unsigned int)HOTSBI_PMP_ENTRIES),
		     sbi_fw_base, sbi_fw_size, sbi_platform.mmode_regs,
		     sbi_platform.mmode_regs_count);
}

void fuzz_warm_boot_all(unsigned int boot)
{
	unsigned long i;

	for (i = 0; i < sbi_hart_count; i++)
		atomic_write(&sbi_harts[i].hsm_state, SBI_HSM_STATE_STOPPED);
	atomic_write(&sbi_harts[boot].hsm_state, SBI_HSM_STATE_STARTED);
	for (i = 0; i < sbi_hart_count; i++) {
		struct sbi_hart *h = &sbi_harts[i];

		fuzz_switch_to(i);
		sbi_hart_init(h);
		sbi_ipi_raw_clear(i);
		if (h->pmp_count < sbi_pmp_entries_used()) {
			FUZZ_ASSERT(i != boot, "boot hart has too few PMP entries");
			h->s_capable = false;
			fuzz_harts[i].parked = true;
			continue;
		}
		if (i == boot) {
			sbi_hsm_on_smode_entry(h);
			continue;
		}
		run_start();
		FUZZ_ASSERT(fuzz_harts[i].parked, "hart %lu left the HSM wait unasked", i);
	}
	fuzz_switch_to(boot);
}

bool fuzz_ecall(unsigned long eid, unsigned long fid, const unsigned long a[6],
		struct sbiret *ret)
{
	jmp_buf jb;
	int r;

	FUZZ_ASSERT(!fuzz_harts[fuzz_cur].parked, "ecall on a parked hart");
	jmp_push(&jb);
	r = setjmp(jb);
	if (!r) {
		*ret = sbi_ecall_handler(a[0], a[1], a[2], a[3], a[4], a[5], fid,
					 eid);
		jmp_pop();
		return true;
	}
	jmp_pop();
	FUZZ_ASSERT(r == JMP_PARKED,
		    "EID 0x%lx FID 0x%lx entered S-mode from inside the call", eid,
		    fid);
	fuzz_harts[fuzz_cur].parked = true;
	return false;
}

/* ------------------------------------------------------------ PMP */

struct pmp_range {
	u64 lo, hi;	/* [lo, hi) */
	u8 perm;
};

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

void fuzz_pmp_decode(const unsigned long *cfgw, const unsigned long *addrw,
		     unsigned int count, struct fuzz_pmp_map *m)
{
	const u64 addr_mask = (1ULL << 54) - 1;	/* pmpaddr holds bits 55:2 */
	struct pmp_range r[PMP_COUNT_MAX];
	u64 bp[2 * PMP_COUNT_MAX + 1];
	unsigned int n = 0, nbp = 0, e, k, j;

	for (e = 0; e < count; e++) {
		u8 cfg = (cfgw[e / 8] >> ((e % 8) * 8)) & 0xff;
		u64 a = addrw[e] & addr_mask;
		u64 prev = e ? addrw[e - 1] & addr_mask : 0;
		u64 lo, hi;

		FUZZ_ASSERT(!(cfg & PMP_L), "pmp%u is locked (cfg 0x%x)", e, cfg);
		FUZZ_ASSERT((cfg & (PMP_R | PMP_W)) != PMP_W,
			    "pmp%u uses the reserved W without R (cfg 0x%x)", e, cfg);
		switch (cfg & PMP_A) {
		case PMP_A_TOR:
			lo = prev << PMP_SHIFT;
			hi = a << PMP_SHIFT;
			break;
		case PMP_A_NA4:
			lo = a << PMP_SHIFT;
			hi = lo + 4;
			break;
		case PMP_A_NAPOT: {
			unsigned int ones = __builtin_ctzll(~a);

			if (ones > 54)
				ones = 54;
			lo = (a & ~((1ULL << ones) - 1)) << PMP_SHIFT;
			hi = lo + (1ULL << (ones + 3));
			break;
		}
		default:
			continue;
		}
		if (lo >= hi)
			continue;
		r[n].lo = lo;
		r[n].hi = hi;
		r[n].perm = cfg & (PMP_R | PMP_W | PMP_X);
		bp[nbp++] = lo;
		bp[nbp++] = hi;
		n++;
	}
	bp[nbp++] = 0;
	qsort(bp, nbp, sizeof(bp[0]), cmp_u64);
	m->n = 0;
	for (k = 0; k < nbp; k++) {
		u8 perm = count ? 0 : 7;

		if (k && bp[k] == bp[k - 1])
			continue;
		for (j = 0; j < n; j++)
			if (bp[k] >= r[j].lo && bp[k] < r[j].hi) {
				perm = r[j].perm;
				break;
			}
		m->start[m->n] = bp[k];
		m->perm[m->n++] = perm;
	}
}

void fuzz_pmp_range(const struct fuzz_pmp_map *m, u64 base, u64 size,
		    u8 *all, u8 *any)
{
	u64 end = base + size;
	unsigned int lo = 0, hi = m->n, k;

	/* Last interval starting at or below base (start[0] is 0). */
	while (hi - lo > 1) {
		unsigned int mid = (lo + hi) / 2;

		if (m->start[mid] <= base)
			lo = mid;
		else
			hi = mid;
	}
	*all = 7;
	*any = 0;
	for (k = lo; k < m->n && (k == lo || m->start[k] < end); k++) {
		*all &= m->perm[k];
		*any |= m->perm[k];
	}
}

/* ------------------------------------------------------------ memory */

struct fuzz_scrub fuzz_scrubs[4];
unsigned int fuzz_nscrubs;
static u8 *reserved_base;
static u64 reserved_size;

void *fuzz_reserve(u64 size, u64 align)
{
	static u8 *raw;
	static u64 raw_size;

	if (!raw) {
		raw_size = size + align;
		raw = mmap(NULL, raw_size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		FUZZ_ASSERT(raw != MAP_FAILED, "cannot reserve %llu bytes",
			    (unsigned long long)raw_size);
		reserved_base = (u8 *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
		reserved_size = size;
	}
	FUZZ_ASSERT(size == reserved_size, "one reservation per process");
	return reserved_base;
}

/*
 * sbi_memhp.c's scrub, with sbi_scrub renamed to this (fuzz.mk). Whole
 * pages of the model's memory are dropped (they read back as zero, as
 * after a scrub, without writing gigabytes); anything else is a memset.
 */
void fuzz_scrub(u64 base, u64 size)
{
	uintptr_t a = (uintptr_t)base;
	size_t n = size;

	FUZZ_ASSERT(reserved_base && a >= (uintptr_t)reserved_base &&
			    n <= reserved_size &&
			    a - (uintptr_t)reserved_base <= reserved_size - n,
		    "scrub of 0x%lx+0x%zx outside the model's memory", (unsigned long)a, n);
	if (fuzz_nscrubs < 4) {
		fuzz_scrubs[fuzz_nscrubs].base = a;
		fuzz_scrubs[fuzz_nscrubs].size = n;
	}
	fuzz_nscrubs++;
	if (!((a | n) & 4095))
		madvise((void *)a, n, MADV_DONTNEED);
	else
		memset((void *)a, 0, n);
}

void *fuzz_fdt_copy(const u8 *data, size_t len)
{
	size_t cap = (len + 8) & ~7UL;
	void *buf = aligned_alloc(8, cap);

	memset(buf, 0, cap);
	memcpy(buf, data, len);
	host_mem_add(buf, len);
	return buf;
}
