// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target fuzz-sbi-memhp: sequences of SBI calls from several
 * harts through the firmware's dispatcher (sbi_ecall_handler) with the
 * MEMHP extension live, on a model machine built from the first input
 * bytes (harts, PMP entries, RAM banks, emulated card, board windows)
 * and booted through the firmware's own platform scan and memhp setup.
 *
 * After every call:
 *  (a) on every hart that runs S-mode, its PMP CSRs (decoded here) deny
 *      every byte of every unplugged block and of the firmware, and allow
 *      RWX on every plugged block and on boot RAM;
 *  (b) a call that returned an error changed nothing: block states,
 *      PLUGGED_BLOCKS, GENERATION, every hart's PMP CSRs and HSM state;
 *  (c) a successful call did what docs/memhp.md says, checked against a
 *      reference model kept here (block states, generation, values,
 *      READ_STATE bytes, HSM states, scrub of the unplugged range);
 *  (d) return codes are only the errors the spec lists for the function.
 *
 * Input: 8 setup bytes, then calls (one selector byte, then arguments).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "host_fakes.h"
#include "fuzz_common.h"
#include <memhp/memhp.h>
#include <memhp/memhp_fdt.h>
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_hsm.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_memhp.h>
#include <sbi_utils/fdt_memhp.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_platform.h>
#include <generic_platform.h>
#include <sbi_utils/fdt_helper.h>

#define MiB		(1ULL << 20)
#define GiB		(1ULL << 30)
/* Model physical memory: RAM from 0, bank 1 at 2 GiB, board windows at 4 GiB. */
#define MODEL_SPAN	(8 * GiB)
#define BANK1_OFF	(2 * GiB)
#define BOARD_OFF	(4 * GiB)
#define CALLS_MAX	48
#define BLOCKS_MAX	64
#define CANARY		0xa5

/* ------------------------------------------------------------ model */

struct model_window {
	u64 base, size, bs, nblocks;
	unsigned long flags, numa, gen, plugged;
	u8 st[BLOCKS_MAX];
	bool zero_expected[BLOCKS_MAX];
};

static struct {
	u8 *mem;		/* physical address 0 of the model */
	u64 fw_base, fw_size, ram_end_boot, scratch, next_addr;
	unsigned int nwin, pmp_entries, nharts;
	struct model_window w[MEMHP_WINDOWS_MAX];
	struct sbi_mem_bank bank[SBI_PLATFORM_MEM_BANKS_MAX];
	unsigned int nbanks;
	long hstate[HARTS_MAX];
	unsigned long eid;
} m;

/* What a call may change, for the before/after comparison. */
struct snapshot {
	u8 st[MEMHP_WINDOWS_MAX][BLOCKS_MAX];
	unsigned long plugged[MEMHP_WINDOWS_MAX], gen[MEMHP_WINDOWS_MAX];
	unsigned long pmpcfg[HARTS_MAX][PMP_COUNT_MAX / 8];
	unsigned long pmpaddr[HARTS_MAX][PMP_COUNT_MAX];
	long hsm[HARTS_MAX];
};

static bool overlaps(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

static struct model_window *model_window_at(u64 addr, u64 *block)
{
	unsigned int i;

	for (i = 0; i < m.nwin; i++)
		if (addr >= m.w[i].base && addr - m.w[i].base < m.w[i].size) {
			*block = (addr - m.w[i].base) / m.w[i].bs;
			return &m.w[i];
		}
	return NULL;
}

/* The spec: boot RAM outside the firmware, or plugged blocks. */
static bool model_smode_ok(u64 addr, u64 len)
{
	u64 end, b;
	unsigned int i;

	if (!len)
		len = 1;
	end = addr + len;
	if (end < addr || overlaps(addr, len, m.fw_base, m.fw_size))
		return false;
	while (addr < end) {
		struct model_window *w;
		u64 next = addr;

		for (i = 0; i < m.nbanks; i++)
			if (addr >= m.bank[i].base &&
			    addr - m.bank[i].base < m.bank[i].size)
				next = m.bank[i].base + m.bank[i].size;
		w = next == addr ? model_window_at(addr, &b) : NULL;
		if (w && w->st[b] == MEMHP_BLOCK_PLUGGED)
			next = w->base + (b + 1) * w->bs;
		if (next == addr)
			return false;
		addr = next;
	}
	return true;
}

static unsigned int model_runs(const struct model_window *w, const u8 *st)
{
	unsigned int runs = 0;
	u64 b;

	for (b = 0; b < w->nblocks; b++)
		if (st[b] == MEMHP_BLOCK_PLUGGED &&
		    (!b || st[b - 1] != MEMHP_BLOCK_PLUGGED))
			runs++;
	return runs;
}

/* The model platform's CLINT: M-mode only, PMP entry 1 denies it. */
#define MODEL_CLINT_BASE	0x2000000ULL
#define MODEL_CLINT_SIZE	0x10000ULL

/*
 * A layout any planner fits: the firmware and CLINT denies, the final
 * allow-all, and per window one deny of the window below two entries per
 * plugged run.
 */
static unsigned int model_pmp_bound(unsigned int win, const u8 *new_st)
{
	unsigned int i, need = 3;

	for (i = 0; i < m.nwin; i++)
		need += 2 + 2 * model_runs(&m.w[i], i == win ? new_st : m.w[i].st);
	return need;
}

/* ------------------------------------------------------------ calls */

static struct {
	unsigned long inputs, setups, calls, plugs, unplugs, refused, errors;
} stats;

static void report(void)
{
	fprintf(stderr, "fuzz-sbi-memhp: %lu inputs, %lu machines booted, %lu calls (%lu errors), %lu PLUG and %lu UNPLUG done, %lu refused for PMP room, %lu hart parks, %lu hart starts\n",
		stats.inputs, stats.setups, stats.calls, stats.errors, stats.plugs,
		stats.unplugs, stats.refused, fuzz_parks, fuzz_starts);
}

int LLVMFuzzerInitialize(int *argc __unused, char ***argv __unused)
{
	atexit(report);
	return 0;
}

static struct sbiret ecall_ret;
static bool ecall_returned;

static void call(unsigned long eid, unsigned long fid, unsigned long a0,
		 unsigned long a1, unsigned long a2, unsigned long a3,
		 unsigned long a4, unsigned long a5)
{
	const unsigned long a[6] = { a0, a1, a2, a3, a4, a5 };

	ecall_returned = fuzz_ecall(eid, fid, a, &ecall_ret);
}

/* A call the checker itself makes; it must succeed. */
static unsigned long must(unsigned long fid, unsigned long a0, unsigned long a1,
			  unsigned long a2, unsigned long a3)
{
	call(m.eid, fid, a0, a1, a2, a3, 0, 0);
	FUZZ_ASSERT(ecall_returned && !ecall_ret.error,
		    "MEMHP FID %lu (%lu, %lu, %lu) failed: %ld", fid, a0, a1, a2,
		    ecall_ret.error);
	return ecall_ret.value;
}

static void take_snapshot(struct snapshot *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < m.nwin; i++) {
		must(MEMHP_FID_READ_STATE, i, 0, m.w[i].nblocks, m.scratch);
		memcpy(s->st[i], (void *)(uintptr_t)m.scratch, m.w[i].nblocks);
		s->plugged[i] = must(MEMHP_FID_GET_ATTR, MEMHP_ATTR_PLUGGED_BLOCKS, i, 0, 0);
		s->gen[i] = must(MEMHP_FID_GET_ATTR, MEMHP_ATTR_GENERATION, i, 0, 0);
	}
	fuzz_save_current();
	for (i = 0; i < m.nharts; i++) {
		memcpy(s->pmpcfg[i], fuzz_harts[i].pmpcfg, sizeof(s->pmpcfg[i]));
		memcpy(s->pmpaddr[i], fuzz_harts[i].pmpaddr, sizeof(s->pmpaddr[i]));
		s->hsm[i] = sbi_hsm_state(&sbi_harts[i]);
	}
}

static bool same_pmp(const struct snapshot *a, const struct snapshot *b,
		     unsigned int i)
{
	return !memcmp(a->pmpcfg[i], b->pmpcfg[i], sizeof(a->pmpcfg[i])) &&
	       !memcmp(a->pmpaddr[i], b->pmpaddr[i], sizeof(a->pmpaddr[i]));
}

static bool same_manager(const struct snapshot *a, const struct snapshot *b)
{
	return !memcmp(a->st, b->st, sizeof(a->st)) &&
	       !memcmp(a->plugged, b->plugged, sizeof(a->plugged)) &&
	       !memcmp(a->gen, b->gen, sizeof(a->gen));
}

static bool hart_live(long s)
{
	return s == SBI_HSM_STATE_STARTED || s == SBI_HSM_STATE_SUSPENDED;
}

/* (a): what each S-mode hart's PMP lets S/U-mode reach. */
static void check_pmp_invariant(const struct snapshot *s)
{
	static struct fuzz_pmp_map map;
	int first_live = -1;
	unsigned int i, k;
	u64 b;
	u8 all, any;

	for (i = 0; i < m.nharts; i++) {
		if (!hart_live(s->hsm[i]))
			continue;
		if (first_live < 0)
			first_live = i;
		FUZZ_ASSERT(!memcmp(s->pmpaddr[i], s->pmpaddr[first_live],
				    sizeof(s->pmpaddr[i])) &&
				    !memcmp(s->pmpcfg[i], s->pmpcfg[first_live],
					    sizeof(s->pmpcfg[i])),
			    "harts %d and %u run S-mode with different PMP", first_live, i);
		fuzz_pmp_decode(s->pmpcfg[i], s->pmpaddr[i], m.pmp_entries, &map);
		fuzz_pmp_range(&map, m.fw_base, m.fw_size, &all, &any);
		FUZZ_ASSERT(!any, "hart %u: S-mode may access the firmware (perm %u)", i, any);
		fuzz_pmp_range(&map, MODEL_CLINT_BASE, MODEL_CLINT_SIZE, &all, &any);
		FUZZ_ASSERT(!any, "hart %u: S-mode may access the CLINT (perm %u)", i, any);
		for (k = 0; k < m.nbanks; k++) {
			u64 lo = m.bank[k].base, hi = lo + m.bank[k].size;

			if (lo < m.fw_base + m.fw_size && hi > m.fw_base)
				lo = m.fw_base + m.fw_size;
			if (lo >= hi)
				continue;
			fuzz_pmp_range(&map, lo, hi - lo, &all, &any);
			FUZZ_ASSERT(all == 7, "hart %u: boot RAM 0x%llx-0x%llx not RWX (%u)",
				    i, (unsigned long long)lo, (unsigned long long)hi, all);
		}
		for (k = 0; k < m.nwin; k++) {
			const struct model_window *w = &m.w[k];

			for (b = 0; b < w->nblocks; b++) {
				fuzz_pmp_range(&map, w->base + b * w->bs, w->bs, &all, &any);
				if (w->st[b] == MEMHP_BLOCK_PLUGGED)
					FUZZ_ASSERT(all == 7,
						    "hart %u: plugged block %llu of window %u not RWX (%u)",
						    i, (unsigned long long)b, k, all);
				else
					FUZZ_ASSERT(!any,
						    "hart %u: S/U-mode may reach unplugged block %llu of window %u (perm %u)",
						    i, (unsigned long long)b, k, any);
			}
		}
	}
}

/* The manager's state read through the SBI equals the model's. */
static void check_manager_is_model(const struct snapshot *s)
{
	unsigned int i;

	for (i = 0; i < m.nwin; i++) {
		FUZZ_ASSERT(!memcmp(s->st[i], m.w[i].st, m.w[i].nblocks),
			    "window %u: block states differ from the model", i);
		FUZZ_ASSERT(s->plugged[i] == m.w[i].plugged,
			    "window %u: PLUGGED_BLOCKS %lu, model %lu", i,
			    s->plugged[i], m.w[i].plugged);
		FUZZ_ASSERT(s->gen[i] == m.w[i].gen, "window %u: GENERATION %lu, model %lu",
			    i, s->gen[i], m.w[i].gen);
	}
	for (i = 0; i < m.nharts; i++)
		FUZZ_ASSERT(s->hsm[i] == m.hstate[i], "hart %u: HSM state %ld, model %ld",
			    i, s->hsm[i], m.hstate[i]);
}

/* ------------------------------------------------------------ arguments */

static unsigned long arg(struct fuzz_reader *r)
{
	u8 b = fuzz_u8(r);
	unsigned int p = b >> 3;

	switch (b & 7) {
	case 0:
		return p;
	case 1:
		return fuzz_u8(r);
	case 2:
		return fuzz_u64(r);
	case 3:
		return -1UL - p;
	case 4: {
		const struct model_window *w;

		if (!m.nwin)
			return p;
		w = &m.w[p % m.nwin];
		return w->base + (fuzz_u8(r) % (w->nblocks + 1)) * w->bs +
		       (p & 16 ? fuzz_u8(r) : 0);
	}
	case 5:
		return (uintptr_t)m.mem + ((u64)fuzz_u16(r) << 12) +
		       (p & 16 ? fuzz_u8(r) : 0);
	case 6:
		return 1UL << (fuzz_u8(r) & 63);
	default:
		return fuzz_u16(r);
	}
}

/* ------------------------------------------------------------ MEMHP */

static bool err_in(long e, const long *set, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (e == set[i])
			return true;
	return false;
}

#define ERRS(...) ((const long[]){ __VA_ARGS__ }), \
		  sizeof((const long[]){ __VA_ARGS__ }) / sizeof(long)

static long model_range(unsigned long win, unsigned long first, unsigned long count)
{
	if (win >= m.nwin || !count || first + count < first ||
	    first + count > m.w[win].nblocks)
		return SBI_ERR_INVALID_PARAM;
	return 0;
}

static unsigned long model_max_pfn(void)
{
	u64 end = m.ram_end_boot;
	unsigned int i;

	for (i = 0; i < m.nwin; i++)
		if (m.w[i].base + m.w[i].size > end)
			end = m.w[i].base + m.w[i].size;
	return (end + 0xfff) >> 12;
}

static void memhp_call(unsigned long fid, const unsigned long a[6])
{
	struct sbiret r;
	unsigned long i;
	u8 before[256];
	bool watch = false;
	long want = 0, check = 0;

	/* READ_STATE must write nothing when it fails: watch its buffer. */
	if (fid == MEMHP_FID_READ_STATE && a[3] >= (unsigned long)m.mem &&
	    a[3] - (unsigned long)m.mem < MODEL_SPAN - sizeof(before) &&
	    model_smode_ok(a[3], sizeof(before))) {
		memcpy(before, (void *)a[3], sizeof(before));
		watch = true;
	}
	/* CHECK foretells PLUG and UNPLUG, and changes nothing. */
	if (fid == MEMHP_FID_PLUG || fid == MEMHP_FID_UNPLUG) {
		fuzz_nscrubs = 0;
		call(m.eid, MEMHP_FID_CHECK, a[0], a[1], a[2],
		     fid == MEMHP_FID_PLUG ? MEMHP_CHECK_PLUG : MEMHP_CHECK_UNPLUG,
		     a[4], a[5]);
		FUZZ_ASSERT(ecall_returned && !fuzz_nscrubs && !ecall_ret.value,
			    "CHECK of FID %lu parked the hart, scrubbed or returned a value",
			    fid);
		check = ecall_ret.error;
	}
	fuzz_nscrubs = 0;
	call(m.eid, fid, a[0], a[1], a[2], a[3], a[4], a[5]);
	FUZZ_ASSERT(ecall_returned, "MEMHP FID %lu parked the hart", fid);
	r = ecall_ret;
	if (fid == MEMHP_FID_PLUG || fid == MEMHP_FID_UNPLUG)
		FUZZ_ASSERT(check == r.error, "CHECK said %ld, FID %lu returned %ld",
			    check, fid, r.error);

	switch (fid) {
	case MEMHP_FID_GET_ATTR: {
		unsigned long v = 0;
		const struct model_window *w = a[1] < m.nwin ? &m.w[a[1]] : NULL;

		FUZZ_ASSERT(err_in(r.error, ERRS(0, SBI_ERR_NOT_SUPPORTED,
						 SBI_ERR_INVALID_PARAM)),
			    "GET_ATTR -> %ld", r.error);
		if (a[0] > MEMHP_ATTR_GENERATION)
			want = SBI_ERR_NOT_SUPPORTED;
		else if (a[0] >= MEMHP_ATTR_WINDOW_BASE && !w)
			want = SBI_ERR_INVALID_PARAM;
		FUZZ_ASSERT(r.error == want, "GET_ATTR(%lu, %lu) -> %ld, model %ld",
			    a[0], a[1], r.error, want);
		if (want)
			break;
		switch (a[0]) {
		case MEMHP_ATTR_SPEC_VERSION: v = MEMHP_SPEC_VERSION; break;
		case MEMHP_ATTR_NUM_WINDOWS: v = m.nwin; break;
		case MEMHP_ATTR_MAX_PFN: v = model_max_pfn(); break;
		case MEMHP_ATTR_WINDOW_BASE: v = w->base; break;
		case MEMHP_ATTR_WINDOW_SIZE: v = w->size; break;
		case MEMHP_ATTR_BLOCK_SIZE: v = w->bs; break;
		case MEMHP_ATTR_WINDOW_FLAGS: v = w->flags; break;
		case MEMHP_ATTR_NUMA_NODE: v = w->numa; break;
		case MEMHP_ATTR_PLUGGED_BLOCKS: v = w->plugged; break;
		default: v = w->gen; break;
		}
		FUZZ_ASSERT((unsigned long)r.value == v,
			    "GET_ATTR(%lu, %lu) = 0x%lx, model 0x%lx", a[0], a[1],
			    r.value, v);
		break;
	}
	case MEMHP_FID_PLUG:
	case MEMHP_FID_UNPLUG: {
		bool plug = fid == MEMHP_FID_PLUG;
		struct model_window *w = &m.w[a[0] < m.nwin ? a[0] : 0];
		u8 next[BLOCKS_MAX];

		FUZZ_ASSERT(plug ? err_in(r.error, ERRS(0, SBI_ERR_FAILED,
							SBI_ERR_INVALID_PARAM,
							SBI_ERR_DENIED,
							SBI_ERR_ALREADY_AVAILABLE)) :
				   err_in(r.error, ERRS(0, SBI_ERR_FAILED,
							SBI_ERR_INVALID_PARAM,
							SBI_ERR_DENIED,
							SBI_ERR_ALREADY_STOPPED)),
			    "%s -> %ld", plug ? "PLUG" : "UNPLUG", r.error);
		want = model_range(a[0], a[1], a[2]);
		if (!want) {
			for (i = a[1]; i < a[1] + a[2]; i++)
				if (w->st[i] == MEMHP_BLOCK_UNAVAILABLE)
					want = SBI_ERR_DENIED;
			for (i = a[1]; !want && i < a[1] + a[2]; i++) {
				if (plug && w->st[i] == MEMHP_BLOCK_PLUGGED)
					want = SBI_ERR_ALREADY_AVAILABLE;
				if (!plug && w->st[i] != MEMHP_BLOCK_PLUGGED)
					want = SBI_ERR_ALREADY_STOPPED;
			}
		}
		if (!want) {
			memcpy(next, w->st, sizeof(next));
			for (i = a[1]; i < a[1] + a[2]; i++)
				next[i] = plug ? MEMHP_BLOCK_PLUGGED : MEMHP_BLOCK_UNPLUGGED;
			if (r.error == SBI_ERR_FAILED) {
				FUZZ_ASSERT(model_pmp_bound(a[0], next) > m.pmp_entries,
					    "%s(%lu, %lu, %lu) refused (-1) a layout that fits in %u of the %u PMP entries",
					    plug ? "PLUG" : "UNPLUG", a[0], a[1], a[2],
					    model_pmp_bound(a[0], next), m.pmp_entries);
				want = SBI_ERR_FAILED;
				stats.refused++;
			}
		}
		FUZZ_ASSERT(r.error == want, "%s(%lu, %lu, %lu) -> %ld, model %ld",
			    plug ? "PLUG" : "UNPLUG", a[0], a[1], a[2], r.error, want);
		if (want) {
			FUZZ_ASSERT(!fuzz_nscrubs, "a failed call scrubbed memory");
			break;
		}
		/* Success: the model follows, and S-mode uses or loses the blocks. */
		if (plug)
			stats.plugs++;
		else
			stats.unplugs++;
		memcpy(w->st, next, sizeof(next));
		w->gen++;
		w->plugged += plug ? a[2] : -a[2];
		if (plug) {
			FUZZ_ASSERT(!fuzz_nscrubs, "PLUG scrubbed memory");
			for (i = a[1]; i < a[1] + a[2]; i++) {
				u8 *first = (u8 *)(w->base + i * w->bs);
				u8 *last = first + w->bs - 1;

				if (w->zero_expected[i])
					FUZZ_ASSERT(!*first && !*last,
						    "window %lu block %lu was scrubbed on unplug but reads 0x%x/0x%x",
						    a[0], i, *first, *last);
				*first = *last = CANARY;
				w->zero_expected[i] = false;
			}
		} else if (w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG) {
			FUZZ_ASSERT(fuzz_nscrubs == 1 &&
					    fuzz_scrubs[0].base == w->base + a[1] * w->bs &&
					    fuzz_scrubs[0].size == a[2] * w->bs,
				    "UNPLUG(%lu, %lu, %lu) scrubbed %u ranges, first 0x%llx+0x%llx",
				    a[0], a[1], a[2], fuzz_nscrubs,
				    (unsigned long long)fuzz_scrubs[0].base,
				    (unsigned long long)fuzz_scrubs[0].size);
			for (i = a[1]; i < a[1] + a[2]; i++)
				w->zero_expected[i] = true;
		} else {
			FUZZ_ASSERT(!fuzz_nscrubs, "UNPLUG scrubbed a window without scrub-on-unplug");
		}
		break;
	}
	case MEMHP_FID_BLOCK_STATE:
		FUZZ_ASSERT(err_in(r.error, ERRS(0, SBI_ERR_INVALID_PARAM)),
			    "BLOCK_STATE -> %ld", r.error);
		want = a[0] < m.nwin && a[1] < m.w[a[0]].nblocks ? 0 :
								  SBI_ERR_INVALID_PARAM;
		FUZZ_ASSERT(r.error == want, "BLOCK_STATE(%lu, %lu) -> %ld, model %ld",
			    a[0], a[1], r.error, want);
		if (!want)
			FUZZ_ASSERT((unsigned long)r.value == m.w[a[0]].st[a[1]],
				    "BLOCK_STATE(%lu, %lu) = %ld, model %u", a[0], a[1],
				    r.value, m.w[a[0]].st[a[1]]);
		break;
	case MEMHP_FID_READ_STATE:
		FUZZ_ASSERT(err_in(r.error, ERRS(0, SBI_ERR_INVALID_PARAM,
						 SBI_ERR_INVALID_ADDRESS)),
			    "READ_STATE -> %ld", r.error);
		want = model_range(a[0], a[1], a[2]);
		if (!want && (a[4] || !model_smode_ok(a[3], a[2])))
			want = SBI_ERR_INVALID_ADDRESS;
		FUZZ_ASSERT(r.error == want,
			    "READ_STATE(%lu, %lu, %lu, 0x%lx, 0x%lx) -> %ld, model %ld",
			    a[0], a[1], a[2], a[3], a[4], r.error, want);
		if (want) {
			FUZZ_ASSERT(!watch || !memcmp(before, (void *)a[3], sizeof(before)),
				    "failed READ_STATE wrote to its buffer");
			break;
		}
		FUZZ_ASSERT((unsigned long)r.value == a[2], "READ_STATE value %ld, count %lu",
			    r.value, a[2]);
		FUZZ_ASSERT(!memcmp((void *)a[3], m.w[a[0]].st + a[1], a[2]),
			    "READ_STATE bytes differ from the model");
		break;
	case MEMHP_FID_CHECK:
		/* Its answers are checked against PLUG and UNPLUG above. */
		if (a[3] > MEMHP_CHECK_UNPLUG)
			FUZZ_ASSERT(r.error == SBI_ERR_INVALID_PARAM,
				    "CHECK operation %lu -> %ld", a[3], r.error);
		FUZZ_ASSERT(!fuzz_nscrubs, "CHECK scrubbed");
		break;
	default:
		FUZZ_ASSERT(r.error == SBI_ERR_NOT_SUPPORTED, "MEMHP FID %lu -> %ld", fid,
			    r.error);
		break;
	}
	if (r.error)
		FUZZ_ASSERT(!r.value, "error %ld with value 0x%lx", r.error, r.value);
}

/* ------------------------------------------------------------ HSM */

static struct sbi_hart *model_hart(unsigned long id)
{
	unsigned int i;

	for (i = 0; i < m.nharts; i++)
		if (sbi_harts[i].hartid == id)
			return &sbi_harts[i];
	return NULL;
}

static void hsm_call(unsigned long fid, const unsigned long a[6])
{
	unsigned int self = fuzz_cur;
	struct sbi_hart *h;
	long want = 0;

	call(SBI_EXT_HSM, fid, a[0], a[1], a[2], a[3], a[4], a[5]);
	switch (fid) {
	case SBI_EXT_HSM_HART_START:
		h = model_hart(a[0]);
		if (!h || !h->s_capable)
			want = SBI_ERR_INVALID_PARAM;
		else if (!model_smode_ok(a[1], 4))
			want = SBI_ERR_INVALID_ADDRESS;
		else if (m.hstate[h->index] != SBI_HSM_STATE_STOPPED)
			want = SBI_ERR_ALREADY_AVAILABLE;
		FUZZ_ASSERT(ecall_returned && ecall_ret.error == want,
			    "HART_START(%lu, 0x%lx) -> %ld, model %ld", a[0], a[1],
			    ecall_ret.error, want);
		if (!want) {
			m.hstate[h->index] = SBI_HSM_STATE_STARTED;
			FUZZ_ASSERT(!fuzz_harts[h->index].parked,
				    "started hart %lu did not enter S-mode", a[0]);
		}
		break;
	case SBI_EXT_HSM_HART_STOP:
		FUZZ_ASSERT(!ecall_returned, "HART_STOP returned %ld", ecall_ret.error);
		m.hstate[self] = SBI_HSM_STATE_STOPPED;
		break;
	case SBI_EXT_HSM_HART_GET_STATUS:
		h = model_hart(a[0]);
		FUZZ_ASSERT(ecall_returned, "HART_GET_STATUS parked");
		FUZZ_ASSERT(h ? !ecall_ret.error && ecall_ret.value == m.hstate[h->index] :
				ecall_ret.error == SBI_ERR_INVALID_PARAM,
			    "HART_GET_STATUS(%lu) -> %ld/%ld", a[0], ecall_ret.error,
			    ecall_ret.value);
		break;
	case SBI_EXT_HSM_HART_SUSPEND: {
		u32 type = a[0];

		if (type != SBI_HSM_SUSPEND_RET_DEFAULT &&
		    type != SBI_HSM_SUSPEND_NON_RET_DEFAULT)
			want = SBI_ERR_INVALID_PARAM;
		else if (type == SBI_HSM_SUSPEND_NON_RET_DEFAULT &&
			 !model_smode_ok(a[1], 4))
			want = SBI_ERR_INVALID_ADDRESS;
		if (want) {
			FUZZ_ASSERT(ecall_returned && ecall_ret.error == want,
				    "HART_SUSPEND(0x%lx, 0x%lx) -> %ld, model %ld", a[0],
				    a[1], ecall_returned ? ecall_ret.error : 1, want);
		} else {
			FUZZ_ASSERT(!ecall_returned, "HART_SUSPEND returned %ld without a wake-up",
				    ecall_ret.error);
			m.hstate[self] = SBI_HSM_STATE_SUSPENDED;
		}
		break;
	}
	default:
		FUZZ_ASSERT(ecall_returned && ecall_ret.error == SBI_ERR_NOT_SUPPORTED,
			    "HSM FID %lu -> %ld", fid, ecall_ret.error);
		break;
	}
}

/* ------------------------------------------------------------ other */

static void dbcn_call(unsigned long fid, const unsigned long a[6])
{
	bool write = fid == SBI_EXT_DBCN_CONSOLE_WRITE;
	long want = 0;

	if (fid <= SBI_EXT_DBCN_CONSOLE_READ && !a[2] &&
	    model_smode_ok(a[1], a[0]) && a[0] > 65536)
		return;		/* a valid megabyte console write: only slow */
	call(SBI_EXT_DBCN, fid, a[0], a[1], a[2], a[3], a[4], a[5]);
	FUZZ_ASSERT(ecall_returned, "DBCN parked");
	if (fid > SBI_EXT_DBCN_CONSOLE_WRITE_BYTE)
		want = SBI_ERR_NOT_SUPPORTED;
	else if (fid != SBI_EXT_DBCN_CONSOLE_WRITE_BYTE &&
		 (a[2] || !model_smode_ok(a[1], a[0])))
		want = SBI_ERR_INVALID_PARAM;
	FUZZ_ASSERT(ecall_ret.error == want, "DBCN %lu(%lu, 0x%lx, 0x%lx) -> %ld, model %ld",
		    fid, a[0], a[1], a[2], ecall_ret.error, want);
	if (!want && write)
		FUZZ_ASSERT((unsigned long)ecall_ret.value == a[0],
			    "DBCN write of %lu bytes returned %ld", a[0], ecall_ret.value);
}

static void other_call(unsigned long eid, unsigned long fid, const unsigned long a[6])
{
	call(eid, fid, a[0], a[1], a[2], a[3], a[4], a[5]);
	FUZZ_ASSERT(ecall_returned, "EID 0x%lx FID 0x%lx parked the hart", eid, fid);
	FUZZ_ASSERT(ecall_ret.error <= 0 && ecall_ret.error >= SBI_ERR_DENIED_LOCKED,
		    "EID 0x%lx FID 0x%lx -> %ld, not an SBI error", eid, fid,
		    ecall_ret.error);
	if (eid == SBI_EXT_BASE && fid == SBI_EXT_BASE_PROBE_EXT && a[0] == m.eid)
		FUZZ_ASSERT(!ecall_ret.error && ecall_ret.value == 1,
			    "probe_extension(MEMHP 0x%lx) = %ld", a[0], ecall_ret.value);
}

/* ------------------------------------------------------------ setup */

/* reg = <base size> (or two entries) with 2 + 2 cells. */
static int prop_reg(void *fdt, u64 b0, u64 s0, u64 b1, u64 s1)
{
	fdt64_t reg[4] = { cpu_to_fdt64(b0), cpu_to_fdt64(s0), cpu_to_fdt64(b1),
			   cpu_to_fdt64(s1) };

	return fdt_property(fdt, "reg", reg, s1 ? 32 : 16);
}

/* Build the model machine's device tree into @buf; 0 or a libfdt error. */
static int build_tree(void *buf, int size, const u8 *cfg, u64 ram0, u64 ram1)
{
	static const char *const names[] = { "window@0", "window@1" };
	unsigned int nharts = 1 + (cfg[0] & 7), i;
	u64 base = (u64)(uintptr_t)m.mem, card;
	fdt32_t irqs[HARTS_MAX * 4];
	char name[32];
	int rc;

	rc = fdt_create(buf, size);
	rc = rc ?: fdt_finish_reservemap(buf);
	rc = rc ?: fdt_begin_node(buf, "");
	rc = rc ?: fdt_property_u32(buf, "#address-cells", 2);
	rc = rc ?: fdt_property_u32(buf, "#size-cells", 2);
	rc = rc ?: fdt_property_string(buf, "model", "fuzz-sbi-memhp");

	rc = rc ?: fdt_begin_node(buf, "chosen");
	rc = rc ?: fdt_property_string(buf, "stdout-path", "/soc/serial@10000000");
	card = 128 * MiB * (1 + ((cfg[3] >> 2) & 7)) + (cfg[3] & 0x20 ? 4 * MiB : 0);
	switch (cfg[3] & 3) {
	case 0:
		rc = rc ?: fdt_property_u64(buf, "hotsbi,emulated-card-size", 0);
		break;
	case 1:
		rc = rc ?: fdt_property_u64(buf, "hotsbi,emulated-card-size", card);
		break;
	case 2:
		rc = rc ?: fdt_property_u32(buf, "hotsbi,emulated-card-size", card);
		break;
	default:
		break;		/* the build default */
	}
	rc = rc ?: fdt_end_node(buf);

	rc = rc ?: fdt_begin_node(buf, "cpus");
	rc = rc ?: fdt_property_u32(buf, "#address-cells", 1);
	rc = rc ?: fdt_property_u32(buf, "#size-cells", 0);
	rc = rc ?: fdt_property_u32(buf, "timebase-frequency", 10000000);
	for (i = 0; i < nharts; i++) {
		snprintf(name, sizeof(name), "cpu@%u", i);
		rc = rc ?: fdt_begin_node(buf, name);
		rc = rc ?: fdt_property_string(buf, "device_type", "cpu");
		rc = rc ?: fdt_property_u32(buf, "reg", i);
		if (!(i == 0 && nharts > 1 && (cfg[0] & 8)))
			rc = rc ?: fdt_property_string(buf, "mmu-type", "riscv,sv39");
		rc = rc ?: fdt_begin_node(buf, "interrupt-controller");
		rc = rc ?: fdt_property_string(buf, "compatible", "riscv,cpu-intc");
		rc = rc ?: fdt_property_u32(buf, "phandle", i + 1);
		rc = rc ?: fdt_end_node(buf);
		rc = rc ?: fdt_end_node(buf);
		irqs[4 * i] = cpu_to_fdt32(i + 1);
		irqs[4 * i + 1] = cpu_to_fdt32(3);
		irqs[4 * i + 2] = cpu_to_fdt32(i + 1);
		irqs[4 * i + 3] = cpu_to_fdt32(7);
	}
	rc = rc ?: fdt_end_node(buf);

	snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)base);
	rc = rc ?: fdt_begin_node(buf, name);
	rc = rc ?: fdt_property_string(buf, "device_type", "memory");
	rc = rc ?: prop_reg(buf, base, ram0, base + BANK1_OFF, ram1);
	rc = rc ?: fdt_end_node(buf);

	rc = rc ?: fdt_begin_node(buf, "soc");
	rc = rc ?: fdt_property_string(buf, "compatible", "simple-bus");
	rc = rc ?: fdt_property_u32(buf, "#address-cells", 2);
	rc = rc ?: fdt_property_u32(buf, "#size-cells", 2);
	rc = rc ?: fdt_property(buf, "ranges", "", 0);
	rc = rc ?: fdt_begin_node(buf, "clint@2000000");
	rc = rc ?: fdt_property_string(buf, "compatible", "riscv,clint0");
	rc = rc ?: prop_reg(buf, MODEL_CLINT_BASE, MODEL_CLINT_SIZE, 0, 0);
	rc = rc ?: fdt_property(buf, "interrupts-extended", irqs, nharts * 16);
	rc = rc ?: fdt_end_node(buf);
	rc = rc ?: fdt_begin_node(buf, "serial@10000000");
	rc = rc ?: fdt_property_string(buf, "compatible", "ns16550a");
	rc = rc ?: prop_reg(buf, 0x10000000, 0x100, 0, 0);
	rc = rc ?: fdt_end_node(buf);
	rc = rc ?: fdt_end_node(buf);

	/* Board windows, 1 to 64 blocks of 4 KiB to 2 MiB. */
	for (i = 0; i < ((cfg[4] & 1) ? 1 + (cfg[4] >> 7) : 0); i++) {
		u64 bs = 1ULL << (12 + ((cfg[4] >> 1) & 7) + (i ? 2 : 0));
		u64 nb = 1 + ((cfg[5] >> (i ? 3 : 0)) & (i ? 31 : 63));
		u64 wbase = base + BOARD_OFF + (i ? 64 * 8 * MiB : 0);

		rc = rc ?: fdt_begin_node(buf, names[i]);
		rc = rc ?: fdt_property_string(buf, "compatible", MEMHP_FDT_WINDOW_COMPAT);
		rc = rc ?: prop_reg(buf, wbase, nb * bs, 0, 0);
		rc = rc ?: fdt_property_u64(buf, "block-size", bs);
		if ((cfg[4] >> 5) & (i ? 2 : 1))
			rc = rc ?: fdt_property(buf, "hotsbi,scrub-on-unplug", "", 0);
		if (cfg[6] & 0x80)
			rc = rc ?: fdt_property_u32(buf, "numa-node-id", i + 1);
		rc = rc ?: fdt_end_node(buf);
	}
	rc = rc ?: fdt_end_node(buf);
	rc = rc ?: fdt_finish(buf);
	return rc;
}

static bool setup(const u8 *cfg)
{
	static u8 tree[8192] __attribute__((aligned(8)));
	static const unsigned int pmp_choice[] = { 8, 16, 32, 64 };
	u64 ram0 = 64 * MiB * (1 + (cfg[2] & 15)) + (cfg[2] & 0x20 ? 2 * MiB : 0);
	u64 ram1 = cfg[2] & 0x10 ? 64 * MiB * (1 + (cfg[2] >> 6)) : 0;
	unsigned int boot, i;
	const char *why;

	memset(&m.w, 0, sizeof(m.w));
	m.mem = fuzz_reserve(MODEL_SPAN, 4 * GiB);
	m.pmp_entries = pmp_choice[cfg[1] & 3];
	fuzz_machine_reset(m.pmp_entries);
	host_csr[CSR_MISA] = (1UL << ('i' - 'a')) | (1UL << ('s' - 'a')) |
			     (cfg[0] & 0x10 ? 1UL << ('h' - 'a') : 0);
	host_csr[CSR_MVENDORID] = cfg[6] & 0x7f;

	FUZZ_ASSERT(!build_tree(tree, sizeof(tree), cfg, ram0, ram1), "tree");
	host_mem_add(tree, sizeof(tree));
	why = fdt_helper_validate(tree);
	FUZZ_ASSERT(!why, "the model's tree is refused: %s", why);
	FUZZ_ASSERT(!generic_platform_scan(tree), "generic_platform_scan refused the model tree");
	fuzz_platform_fakes();
	m.nharts = sbi_hart_count;
	FUZZ_ASSERT(m.nharts == 1 + (cfg[0] & 7), "%u harts", m.nharts);

	m.fw_base = (u64)(uintptr_t)m.mem;
	m.fw_size = 1ULL << (12 + (cfg[7] & 7));
	sbi_fw_base = m.fw_base;
	sbi_fw_size = m.fw_size;
	m.next_addr = m.fw_base + 2 * MiB;
	m.scratch = m.fw_base + 1 * MiB;
	m.ram_end_boot = m.fw_base + (ram1 ? BANK1_OFF + ram1 : ram0);

	for (boot = 0; boot < m.nharts && !sbi_harts[boot].s_capable; boot++)
		;
	FUZZ_ASSERT(boot < m.nharts, "no S-mode hart");
	fuzz_switch_to(boot);
	/* Windows the PMP cannot enforce are dropped: the boot goes on. */
	fuzz_protection_init(boot);
	FUZZ_ASSERT(!sbi_memhp_cold_init(tree, &fdt_memhp_tree, m.next_addr),
		    "boot refused with %u PMP entries", m.pmp_entries);
	fuzz_warm_boot_all(boot);
	m.eid = sbi_memhp_eid();
	FUZZ_ASSERT(m.eid == (0x09000000UL | (cfg[6] & 0x7f)), "EID 0x%lx", m.eid);

	/* The model learns the windows and checks them against the tree. */
	m.nbanks = sbi_platform.mem_count;
	memcpy(m.bank, sbi_platform.mem, sizeof(m.bank));
	m.nwin = must(MEMHP_FID_GET_ATTR, MEMHP_ATTR_NUM_WINDOWS, 0, 0, 0);
	FUZZ_ASSERT(m.nwin <= 3, "%u windows", m.nwin);
	for (i = 0; i < m.nwin; i++) {
		struct model_window *w = &m.w[i];

		w->base = must(MEMHP_FID_GET_ATTR, MEMHP_ATTR_WINDOW_BASE, i, 0, 0);
		w->size = must(MEMHP_FID_GET_ATTR, MEMHP_ATTR_WINDOW_SIZE, i, 0, 0);
		w->bs = must(MEMHP_FID_GET_ATTR, MEMHP_ATTR_BLOCK_SIZE, i, 0, 0);
		w->flags = must(MEMHP_FID_GET_ATTR, MEMHP_ATTR_WINDOW_FLAGS, i, 0, 0);
		w->numa = must(MEMHP_FID_GET_ATTR, MEMHP_ATTR_NUMA_NODE, i, 0, 0);
		w->nblocks = w->size / w->bs;
		FUZZ_ASSERT(w->nblocks && w->nblocks <= BLOCKS_MAX &&
				    w->nblocks * w->bs == w->size && !(w->base % w->bs),
			    "window %u: 0x%llx+0x%llx blocks of 0x%llx", i,
			    (unsigned long long)w->base, (unsigned long long)w->size,
			    (unsigned long long)w->bs);
		FUZZ_ASSERT(w->base >= (u64)(uintptr_t)m.mem &&
				    w->base + w->size <= (u64)(uintptr_t)m.mem + MODEL_SPAN,
			    "window %u outside the model's memory", i);
		if (w->flags & MEMHP_FLAG_EMULATED) {
			FUZZ_ASSERT(w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG, "card without scrub");
			FUZZ_ASSERT(w->bs == MEMHP_BLOCK_SIZE_DEFAULT, "card block size");
		}
	}
	for (i = 0; i < m.nharts; i++)
		m.hstate[i] = sbi_hsm_state(&sbi_harts[i]);
	/* Start the harts the setup names, through the firmware. */
	for (i = 0; i < m.nharts; i++) {
		if (i == boot || !((cfg[1] >> 2) & (1U << (i % 6))) ||
		    !sbi_harts[i].s_capable)
			continue;
		call(SBI_EXT_HSM, SBI_EXT_HSM_HART_START, sbi_harts[i].hartid,
		     m.next_addr, 0, 0, 0, 0);
		FUZZ_ASSERT(ecall_returned && !ecall_ret.error, "start hart %u: %ld", i,
			    ecall_ret.error);
		m.hstate[i] = SBI_HSM_STATE_STARTED;
	}
	return true;
}

/* ------------------------------------------------------------ driver */

/* The caller: the @hint-th hart (wrapping) that runs S-mode; -1 if none. */
static int pick_caller(unsigned int hint)
{
	unsigned int i, k, n = 0;

	for (i = 0; i < m.nharts; i++)
		if (m.hstate[i] == SBI_HSM_STATE_STARTED)
			n++;
	if (!n)
		return -1;
	hint %= n;
	for (i = 0, k = 0; i < m.nharts; i++)
		if (m.hstate[i] == SBI_HSM_STATE_STARTED && k++ == hint)
			return i;
	return -1;
}

static void one_call(struct fuzz_reader *r, u8 op)
{
	unsigned long a[6] = { 0 };
	unsigned int kind = op & 31, n;

	switch (kind) {
	case 0 ... 9: {
		static const u8 fids[] = { 0, 1, 1, 1, 2, 2, 5, 3, 4, 4 };

		for (n = 0; n < 5; n++)
			a[n] = arg(r);
		memhp_call(fids[kind], a);
		break;
	}
	case 10:
		for (n = 0; n < 5; n++)
			a[n] = arg(r);
		memhp_call(arg(r), a);
		break;
	case 21 ... 25:
	case 26 ... 30:
		/* PLUG / UNPLUG with arguments that mostly make sense. */
		a[0] = fuzz_u8(r) % (m.nwin + 1);
		a[1] = a[0] < m.nwin ? fuzz_u8(r) % m.w[a[0]].nblocks : 0;
		a[2] = 1 + fuzz_u8(r) % 4;
		memhp_call(kind <= 25 ? MEMHP_FID_PLUG : MEMHP_FID_UNPLUG, a);
		break;
	case 31: {
		u8 sel = fuzz_u8(r);

		a[0] = sel % (m.nwin + 1);
		a[1] = 0;
		a[2] = a[0] < m.nwin ? m.w[a[0]].nblocks : 1;
		a[3] = (sel & 0x80) && m.nwin ? arg(r) : (u64)(uintptr_t)m.mem + 3 * MiB;
		memhp_call(MEMHP_FID_READ_STATE, a);
		break;
	}
	case 11:
		a[0] = fuzz_u8(r) & 1 ? m.eid : arg(r);
		other_call(SBI_EXT_BASE, fuzz_u8(r) & 7, a);
		break;
	case 12:
		a[0] = fuzz_u8(r) & 1 ? arg(r) : sbi_harts[fuzz_u8(r) % m.nharts].hartid;
		a[1] = arg(r);
		a[2] = arg(r);
		hsm_call(SBI_EXT_HSM_HART_START, a);
		break;
	case 13:
		hsm_call(SBI_EXT_HSM_HART_STOP, a);
		break;
	case 14:
		a[0] = arg(r);
		hsm_call(SBI_EXT_HSM_HART_GET_STATUS, a);
		break;
	case 15:
		a[0] = fuzz_u8(r) & 1 ? 0x80000000UL : arg(r);
		a[1] = arg(r);
		hsm_call(fuzz_u8(r) == 0xff ? 4 : SBI_EXT_HSM_HART_SUSPEND, a);
		break;
	case 16:
		a[0] = arg(r);
		a[1] = arg(r);
		other_call(SBI_EXT_IPI, fuzz_u8(r) & 1, a);
		break;
	case 17: {
		unsigned long fid = fuzz_u8(r) & 7;

		for (n = 0; n < 5; n++)
			a[n] = arg(r);
		other_call(SBI_EXT_RFENCE, fid, a);
		break;
	}
	case 18: {
		unsigned long fid = fuzz_u8(r) & 3;

		for (n = 0; n < 3; n++)
			a[n] = arg(r);
		dbcn_call(fid, a);
		break;
	}
	case 19:
		a[0] = arg(r);
		other_call(SBI_EXT_TIME, fuzz_u8(r) & 1, a);
		break;
	default: {
		unsigned long eid = fuzz_u64(r), fid = arg(r);

		for (n = 0; n < 6; n++)
			a[n] = arg(r);
		if (eid == m.eid)
			memhp_call(fid, a);
		else if (eid == SBI_EXT_HSM || eid == SBI_EXT_DBCN ||
			 eid == SBI_EXT_SRST)
			break;	/* their own cases check them */
		else
			other_call(eid, fid, a);
		break;
	}
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_reader r = { data, size };
	static struct snapshot before, after;
	u8 cfg[8];
	unsigned int i, calls;

	stats.inputs++;
	if (size < sizeof(cfg))
		return 0;
	for (i = 0; i < sizeof(cfg); i++)
		cfg[i] = fuzz_u8(&r);
	if (!setup(cfg))
		return 0;
	stats.setups++;
	take_snapshot(&after);
	check_manager_is_model(&after);
	check_pmp_invariant(&after);

	for (calls = 0; calls < CALLS_MAX && r.left; calls++) {
		u8 op = fuzz_u8(&r);
		int caller = pick_caller(op >> 5);
		bool success, plug_change;
		unsigned int self;

		if (caller < 0)
			break;
		fuzz_switch_to(caller);
		self = caller;
		before = after;
		ecall_returned = true;
		ecall_ret.error = ecall_ret.value = 0;
		one_call(&r, op);
		success = !ecall_returned || !ecall_ret.error;
		stats.calls++;
		stats.errors += !success;
		plug_change = false;
		for (i = 0; i < m.nwin; i++)
			plug_change |= m.w[i].gen != before.gen[i];
		/* Snapshots are read from a hart that runs S-mode. */
		caller = pick_caller(0);
		if (caller < 0)
			break;
		fuzz_switch_to(caller);
		take_snapshot(&after);
		check_manager_is_model(&after);
		check_pmp_invariant(&after);
		/* (b) an error changes nothing at all. */
		if (!success) {
			FUZZ_ASSERT(same_manager(&before, &after), "failed call changed the manager");
			for (i = 0; i < m.nharts; i++) {
				FUZZ_ASSERT(same_pmp(&before, &after, i),
					    "failed call (error %ld) changed hart %u's PMP",
					    ecall_ret.error, i);
				FUZZ_ASSERT(before.hsm[i] == after.hsm[i],
					    "failed call changed hart %u's HSM state", i);
			}
			continue;
		}
		/* Only PLUG/UNPLUG move the PMP of running harts; a start loads it. */
		for (i = 0; i < m.nharts; i++) {
			bool started = before.hsm[i] != SBI_HSM_STATE_STARTED &&
				       after.hsm[i] == SBI_HSM_STATE_STARTED;

			if (started || (plug_change && hart_live(before.hsm[i])))
				continue;
			FUZZ_ASSERT(same_pmp(&before, &after, i),
				    "call on hart %u changed hart %u's PMP", self, i);
		}
	}
	return 0;
}
