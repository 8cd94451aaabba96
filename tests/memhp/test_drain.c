// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host test of the payload's window clean-up, mh_drain()
 * (tests/payload/memhp_drain.c, compiled here unmodified), against the
 * real manager (lib/memhp) behind a fake port, with the PMP budget the
 * firmware would have: the firmware and CLINT deny entries, the window's
 * share, and the final allow-all. Every plugged set the manager can reach
 * in windows of 1 to DRAIN_N_MAX blocks, at every budget from the boot
 * plan's up to one that fits every set, is drained; then random states of
 * a 64-block window. Each drain must end with nothing plugged after one
 * accepted call per run it started with, and every answer of the manager
 * on the way must be what the planner's entry count predicts.
 */
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <memhp/memhp.h>
#include "harness.h"

/*
 * What memhp_drain.c takes from tests/payload/memhp.h, for the host. That
 * header pulls in the S-mode payload's own, and memhp_drain.c's quoted
 * include finds it next to itself whatever the include path says; its
 * include guard, defined here, makes that include empty instead.
 */
#define PAYLOAD_MEMHP_H

#define SBI_ERR_FAILED		(-1)
#define MEMHP_PLUG		MEMHP_FID_PLUG
#define MEMHP_UNPLUG		MEMHP_FID_UNPLUG
#define MEMHP_UNPLUGGED		MEMHP_BLOCK_UNPLUGGED
#define MEMHP_PLUGGED		MEMHP_BLOCK_PLUGGED
#define MH_MAX_BLOCKS		64
#define __aligned(x)		__attribute__((aligned(x)))

struct sbiret {
	long error;
	long value;
};

static struct sbiret mh_op(unsigned long fid, unsigned long win,
			   unsigned long first, unsigned long count);
static struct sbiret mh_read_state(unsigned long win, unsigned long first,
				   unsigned long count, unsigned long lo,
				   unsigned long hi);
long mh_drain(unsigned long w, unsigned long n, unsigned long *refused);

#include "../payload/memhp_drain.c"


/* The planner's working memory for the layout costs computed here. */
static struct memhp_plan_work plan_work;

#define FW_BASE		0x80000000ULL
#define FW_SIZE		0x40000ULL
#define RAM_END		0xc0000000ULL
#define CLINT_BASE	0x2000000ULL
#define CLINT_SIZE	0x10000ULL
/* Firmware deny, CLINT deny, allow-all: what is not the window's. */
#define FIXED_ENTRIES	3

/* Exhaustive part: windows of up to this many blocks. */
#define DRAIN_N_MAX	12
#define STATES_MAX	(1u << DRAIN_N_MAX)
/* At every alignment to 16 blocks. */
#define DRAIN_OFFSETS	16

/* The window under test. */
static struct {
	unsigned long n;
	u64 base, bs;
	unsigned int budget; /* PMP entries of every hart */
} cfg;

static int lock_depth;

static void fake_lock(void)
{
	lock_depth++;
}

static void fake_unlock(void)
{
	lock_depth--;
}

static void fake_apply(const struct memhp_plan *plan)
{
	CHECK_MSG(lock_depth == 1, "plan applied outside the lock");
	CHECK_MSG(plan->count + FIXED_ENTRIES <= cfg.budget,
	      "applied plan of %u entries and %u fixed ones, budget %u",
	      plan->count, FIXED_ENTRIES, cfg.budget);
}

static void fake_scrub(u64 base, u64 size)
{
	CHECK_MSG(lock_depth == 1, "scrub outside the lock");
	CHECK_MSG(base >= cfg.base && base + size <= cfg.base + cfg.n * cfg.bs,
	      "scrub %#llx+%#llx outside the window", (unsigned long long)base,
	      (unsigned long long)size);
}

static int fake_log(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	printf("# log: ");
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* The test's own reads take any buffer; the payload's, drain_state. */
static bool any_buffer;

/* The payload's buffer: drain_state, and all of the bytes asked for. */
static bool fake_smode_writable(u64 addr, u64 size)
{
	u64 lo = (u64)(uintptr_t)drain_state;

	return any_buffer || (addr >= lo && size <= sizeof(drain_state) &&
			      addr - lo <= sizeof(drain_state) - size);
}

static const struct memhp_port port = {
	.lock = fake_lock,
	.unlock = fake_unlock,
	.apply_plan = fake_apply,
	.scrub = fake_scrub,
	.log = fake_log,
	.smode_writable = fake_smode_writable,
};

/*
 * Set when setup() found the window refused because the boot layout would
 * not fit in cfg.budget: the manager then has no window and an empty plan
 * (the host keeps the firmware's, the CLINT's and the allow-all entries).
 */
static bool refused_for_budget;

/* A manager as the firmware sets it up, with one window of cfg's. */
static bool setup(void)
{
	struct memhp_config mc = {
		.ram_end = RAM_END,
		.reserved = { { FW_BASE, FW_SIZE }, { CLINT_BASE, CLINT_SIZE } },
		.nreserved = 2,
	};
	const char *why;
	int rc;

	refused_for_budget = false;
	CHECK_MSG(cfg.budget >= FIXED_ENTRIES, "a budget of %u PMP entries",
	      cfg.budget);
	mc.pmp_budget = cfg.budget - FIXED_ENTRIES;
	memhp_init(&port, &mc);
	rc = memhp_add_window(cfg.base, cfg.n * cfg.bs, cfg.bs,
			      MEMHP_FLAG_SCRUB_ON_UNPLUG, 0, &why);
	if (rc == MEMHP_ERR_FAILED) {
		refused_for_budget = memhp_window_count() == 0 &&
				     memhp_boot_plan() == MEMHP_OK &&
				     memhp_current_plan()->count == 0;
		return false;
	}
	if (rc) {
		CHECK_MSG(false, "window setup: %s", why);
		return false;
	}
	return memhp_boot_plan() == MEMHP_OK;
}

static unsigned long attr(unsigned long a)
{
	unsigned long v = -1UL;

	CHECK_MSG(memhp_get_attr(a, 0, &v) == MEMHP_OK, "GET_ATTR %lu", a);
	return v;
}

static void read_all(u8 *st)
{
	any_buffer = true;
	CHECK_MSG(memhp_read_state(0, 0, cfg.n, (uintptr_t)st, 0) == MEMHP_OK,
	      "READ_STATE of the window");
	any_buffer = false;
}

static unsigned long count_runs(const u8 *st, unsigned long n)
{
	unsigned long b, runs = 0;

	for (b = 0; b < n; b++)
		runs += st[b] == MEMHP_PLUGGED &&
			(!b || st[b - 1] != MEMHP_PLUGGED);
	return runs;
}

/* PMP entries the whole plan needs with @st plugged, by the planner. */
/*
 * An upper bound on a plan's entries that does not come from the planner:
 * the fixed entries and a TOR chain over the window's alternating runs
 * (one base entry, one TOR entry per run; TOR entry i covers
 * [pmpaddr(i-1), pmpaddr(i)), privileged spec 3.7.1). A refusal is right
 * only where this bound exceeds the budget.
 */
static unsigned int tor_bound(const u8 *st)
{
	unsigned int b, runs = cfg.n > 0;

	for (b = 1; b < cfg.n; b++)
		runs += st[b] != st[b - 1];
	return FIXED_ENTRIES + runs + 1;
}

static unsigned int layout_cost(const u8 *st)
{
	static u64 runs[MEMHP_RUNS_MAX][2];
	static struct memhp_plan plan;
	struct memhp_plan_window pw;
	unsigned long b, e;
	unsigned int k = 0;

	for (b = 0; b < cfg.n; b = e) {
		for (e = b; e < cfg.n && st[e] == st[b]; e++)
			;
		if (st[b] != MEMHP_PLUGGED)
			continue;
		runs[k][0] = b;
		runs[k][1] = e - b;
		k++;
	}
	pw.base = cfg.base;
	pw.block_size = cfg.bs;
	pw.nblocks = cfg.n;
	pw.nruns = k;
	pw.runs = (const u64(*)[2])runs;
	memhp_plan_build(&plan_work, &pw, 1, MEMHP_PLAN_ENTRIES_MAX, &plan);
	return plan.count + FIXED_ENTRIES;
}

static void mask_state(unsigned int mask, u8 *st)
{
	unsigned long b;

	for (b = 0; b < cfg.n; b++)
		st[b] = (mask >> b & 1) ? MEMHP_PLUGGED : MEMHP_UNPLUGGED;
}

static const char *state_str(const u8 *st, unsigned long n)
{
	static char s[MH_MAX_BLOCKS + 1];
	unsigned long b;

	for (b = 0; b < n; b++)
		s[b] = st[b] == MEMHP_PLUGGED ? '#' : '.';
	s[n] = 0;
	return s;
}

/* ------------------------------------------------- the payload's SBI */

/* What the calls of one drain did. */
static struct {
	unsigned long unplugs, unplugs_ok, plugs, plugs_ok, refused;
	unsigned long not_whole; /* ranges that were no whole run or gap */
} op;

static struct sbiret mh_op(unsigned long fid, unsigned long win,
			   unsigned long first, unsigned long count)
{
	static u8 cur[MH_MAX_BLOCKS], next[MH_MAX_BLOCKS];
	bool plug = fid == MEMHP_PLUG, whole = true;
	struct sbiret r = { 0, 0 };
	unsigned long b, end = first + count;
	unsigned int cost;
	int want, rc;

	CHECK_MSG(win == 0 && (fid == MEMHP_PLUG || fid == MEMHP_UNPLUG) &&
		      count && end <= cfg.n,
	      "mh_op(%lu, %lu, %lu, %lu) outside what the window has", fid,
	      win, first, count);
	if (win != 0 || !count || end > cfg.n) {
		r.error = memhp_sbi_error(MEMHP_ERR_INVALID_PARAM);
		return r;
	}
	read_all(cur);
	memcpy(next, cur, cfg.n);
	for (b = first; b < end; b++) {
		whole &= cur[b] == (plug ? MEMHP_UNPLUGGED : MEMHP_PLUGGED);
		next[b] = plug ? MEMHP_PLUGGED : MEMHP_UNPLUGGED;
	}
	/* A whole run ends at unplugged blocks; a gap between two runs. */
	if (plug)
		whole &= first && end < cfg.n && cur[first - 1] == MEMHP_PLUGGED &&
			 cur[end] == MEMHP_PLUGGED;
	else
		whole &= (!first || cur[first - 1] != MEMHP_PLUGGED) &&
			 (end == cfg.n || cur[end] != MEMHP_PLUGGED);
	if (!whole)
		op.not_whole++;
	cost = layout_cost(next);
	want = cost <= cfg.budget ? MEMHP_OK : MEMHP_ERR_FAILED;
	CHECK_MSG(want == MEMHP_OK || tor_bound(next) > cfg.budget,
	      "the planner needs %u entries for %s, over the budget of %u, where a TOR chain needs %u",
	      cost, state_str(next, cfg.n), cfg.budget, tor_bound(next));

	rc = plug ? memhp_plug(win, first, count) :
		    memhp_unplug(win, first, count);
	r.error = memhp_sbi_error(rc);
	CHECK_MSG(rc == want,
	      "%s(%lu, %lu) of %s: %d, the layout needs %u of %u entries",
	      plug ? "PLUG" : "UNPLUG", first, count, state_str(cur, cfg.n),
	      rc, cost, cfg.budget);
	if (!rc)
		CHECK_MSG(memhp_current_plan()->count + FIXED_ENTRIES == cost,
		      "plan of %u entries and %u fixed ones, the planner says %u",
		      memhp_current_plan()->count, FIXED_ENTRIES, cost);
	if (plug) {
		op.plugs++;
		op.plugs_ok += !r.error;
	} else {
		op.unplugs++;
		op.unplugs_ok += !r.error;
	}
	op.refused += r.error == SBI_ERR_FAILED;
	return r;
}

static struct sbiret mh_read_state(unsigned long win, unsigned long first,
				   unsigned long count, unsigned long lo,
				   unsigned long hi)
{
	struct sbiret r = { 0, 0 };

	CHECK_MSG(hi == 0, "READ_STATE with a high address word on RV64");
	r.error = memhp_sbi_error(memhp_read_state(win, first, count, lo, hi));
	return r;
}

/* ------------------------------------------------------------ drains */

static struct {
	unsigned long cases, refused, unplugs, plugs, plugs_ok;
	unsigned long cases_gap; /* cases that needed a gap PLUG */
	unsigned long calls, runs, max_calls, max_ops, max_ops_runs;
	unsigned long failed;
} tot;

static bool have_cex;
static char cex[256];

/*
 * Drain the window, plugged as @st (already in the manager), and check
 * the result. After a failed drain the manager is set up again.
 */
static void drain_case(const u8 *st, const char *part)
{
	unsigned long runs = count_runs(st, cfg.n), refused = 0, gen, b;
	static u8 after[MH_MAX_BLOCKS];
	bool empty = true, closed = true;
	long calls;

	memset(&op, 0, sizeof(op));
	gen = attr(MEMHP_ATTR_GENERATION);
	calls = mh_drain(0, cfg.n, &refused);

	read_all(after);
	for (b = 0; b < cfg.n; b++) {
		empty &= after[b] == MEMHP_UNPLUGGED;
		closed &= !memhp_plan_check(memhp_current_plan(),
					    cfg.base + b * cfg.bs);
	}
	CHECK_MSG(calls >= 0 && empty,
	      "%s: n=%lu base=%#llx budget=%u: mh_drain() = %ld from %s, left %s",
	      part, cfg.n, (unsigned long long)cfg.base, cfg.budget, calls,
	      state_str(st, cfg.n), state_str(after, cfg.n));
	CHECK_MSG(attr(MEMHP_ATTR_PLUGGED_BLOCKS) == 0 || calls < 0,
	      "PLUGGED_BLOCKS 0 after a drain");
	CHECK_MSG(closed || calls < 0, "the PMP denies the drained window");
	CHECK_MSG(!op.not_whole, "%lu calls on no whole run or gap", op.not_whole);
	CHECK_MSG(refused == op.refused, "mh_drain() counted %lu refusals of %lu",
	      refused, op.refused);
	CHECK_MSG(lock_depth == 0, "lock balanced");
	if (calls >= 0) {
		CHECK_MSG((unsigned long)calls <= 2 * runs,
		      "%ld calls for %lu runs (%s)", calls, runs,
		      state_str(st, cfg.n));
		/* Each accepted call removes exactly one run. */
		CHECK_MSG((unsigned long)calls == runs &&
			      op.plugs_ok + op.unplugs_ok == runs,
		      "%ld calls (%lu accepted) for %lu runs", calls,
		      op.plugs_ok + op.unplugs_ok, runs);
		CHECK_MSG(attr(MEMHP_ATTR_GENERATION) - gen == (unsigned long)calls,
		      "generation moved by the calls");
	}

	tot.cases++;
	tot.refused += op.refused;
	tot.unplugs += op.unplugs;
	tot.plugs += op.plugs;
	tot.plugs_ok += op.plugs_ok;
	tot.cases_gap += op.plugs_ok != 0;
	if (op.plugs_ok && tot.cases_gap <= 3)
		printf("# %s: a gap PLUG drained n=%lu base block %llu, %u PMP entries: %s\n",
		       part, cfg.n, (unsigned long long)(cfg.base / cfg.bs),
		       cfg.budget, state_str(st, cfg.n));
	tot.runs += runs;
	if (calls >= 0) {
		tot.calls += calls;
		if ((unsigned long)calls > tot.max_calls)
			tot.max_calls = calls;
	}
	if (op.plugs + op.unplugs > tot.max_ops) {
		tot.max_ops = op.plugs + op.unplugs;
		tot.max_ops_runs = runs;
	}
	if (calls >= 0 && empty)
		return;

	tot.failed++;
	if (!have_cex) {
		have_cex = true;
		snprintf(cex, sizeof(cex),
			 "%s: n=%lu window base block %llu, %u PMP entries (window share %u): %s (%lu runs) stuck at %s",
			 part, cfg.n, (unsigned long long)(cfg.base / cfg.bs),
			 cfg.budget, cfg.budget - FIXED_ENTRIES,
			 state_str(st, cfg.n), runs, state_str(after, cfg.n));
		printf("# COUNTEREXAMPLE %s\n", cex);
	}
	setup();
}

static void print_totals(const char *part, clock_t t0)
{
	printf("# %s: %lu drains, %lu runs, %lu accepted calls (max %lu), %lu refusals\n",
	       part, tot.cases, tot.runs, tot.calls, tot.max_calls,
	       tot.refused);
	printf("# %s: %lu UNPLUGs and %lu gap PLUGs tried, %lu gap PLUGs accepted (in %lu drains)\n",
	       part, tot.unplugs, tot.plugs, tot.plugs_ok, tot.cases_gap);
	printf("# %s: most SBI calls in one drain %lu (%lu runs); %lu drains failed; %.2f s\n",
	       part, tot.max_ops, tot.max_ops_runs, tot.failed,
	       (double)(clock() - t0) / CLOCKS_PER_SEC);
}

/* ------------------------------------------------- exhaustive windows */

/* The call that first reached each plugged set, in breadth-first order. */
static struct {
	unsigned short from, first, count;
	bool plug, seen;
} reach[STATES_MAX];
static unsigned int cost_of[STATES_MAX], queue[STATES_MAX];

/* Plugged sets of cfg's window the manager can reach from empty. */
static unsigned int explore(void)
{
	unsigned int head = 0, tail = 0, n = cfg.n;

	memset(reach, 0, sizeof(reach));
	reach[0].seen = true;
	queue[tail++] = 0;
	while (head < tail) {
		unsigned int m = queue[head++], f, e;

		for (f = 0; f < n; f++) {
			for (e = f + 1; e <= n; e++) {
				unsigned int r = ((1u << (e - f)) - 1) << f;
				unsigned int next;

				if ((m & r) == r)
					next = m & ~r;
				else if (!(m & r))
					next = m | r;
				else
					break; /* longer ranges stay mixed */
				if (reach[next].seen || cost_of[next] > cfg.budget)
					continue;
				reach[next] = (typeof(reach[0])){ m, f, e - f,
								  !(m & r), true };
				queue[tail++] = next;
			}
		}
	}
	return tail;
}

/* Put the manager (empty) into plugged set @mask the way explore() did. */
static bool reach_mask(unsigned int mask)
{
	static unsigned int path[STATES_MAX];
	unsigned int k = 0, m;
	int rc;

	for (m = mask; m; m = reach[m].from)
		path[k++] = m;
	while (k--) {
		m = path[k];
		rc = reach[m].plug ? memhp_plug(0, reach[m].first, reach[m].count) :
				     memhp_unplug(0, reach[m].first,
						  reach[m].count);
		CHECK_MSG(rc == MEMHP_OK, "%s(%u, %u) on the way to %#x: %d",
		      reach[m].plug ? "PLUG" : "UNPLUG", reach[m].first,
		      reach[m].count, mask, rc);
		if (rc)
			return false;
	}
	return true;
}

static void test_exhaustive(void)
{
	unsigned long drained = 0, unreachable = 0, off;
	unsigned int mask, budget, lo, hi;
	clock_t t0 = clock();
	u8 st[MH_MAX_BLOCKS];
	bool ok;

	memset(&tot, 0, sizeof(tot));
	for (cfg.n = 1; cfg.n <= DRAIN_N_MAX; cfg.n++) {
		for (off = 0; off < DRAIN_OFFSETS; off++) {
			/* 128 MiB blocks from 4 GiB (32 blocks) + @off blocks. */
			cfg.bs = 0x8000000ULL;
			cfg.base = 0x100000000ULL + off * cfg.bs;
			hi = 0;
			for (mask = 0; mask < 1u << cfg.n; mask++) {
				mask_state(mask, st);
				cost_of[mask] = layout_cost(st);
				if (cost_of[mask] > hi)
					hi = cost_of[mask];
			}
			lo = cost_of[0];
			for (budget = lo - 1; budget <= hi; budget++) {
				unsigned int reachable, fits = 0;

				cfg.budget = budget;
				ok = setup();
				if (budget < lo) {
					CHECK_MSG(!ok && refused_for_budget,
					      "window refused at %u < %u entries: %d",
					      budget, lo, ok);
					continue;
				}
				if (!ok) {
					CHECK_MSG(false, "boot plan refused at %u entries",
					      budget);
					continue;
				}
				reachable = explore();
				for (mask = 0; mask < 1u << cfg.n; mask++) {
					fits += cost_of[mask] <= budget;
					if (!reach[mask].seen)
						continue;
					mask_state(mask, st);
					if (reach_mask(mask))
						drain_case(st, "exhaustive");
					else
						setup();
					drained++;
				}
				unreachable += fits - reachable;
				if (budget == hi)
					CHECK_MSG(reachable == 1u << cfg.n,
					      "n=%lu: all sets reachable at %u",
					      cfg.n, budget);
			}
		}
	}
	printf("# exhaustive: windows of 1-%u blocks at %u alignments, every budget: %lu reachable sets drained\n",
	       DRAIN_N_MAX, DRAIN_OFFSETS, drained);
	printf("# exhaustive: %lu sets that fit their budget are unreachable\n",
	       unreachable);
	print_totals("exhaustive", t0);
	/* Some layouts only drain through a gap: that path must be run. */
	CHECK_MSG(tot.plugs_ok, "no drain needed a gap PLUG");
}

/* -------------------------------------------------- a 64-block window */

#define RANDOM_CASES	300

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/*
 * @steps random PLUGs or UNPLUGs of 1 to 4 blocks (the ones the manager
 * refuses included), from an empty window or, with @full, from one
 * plugged in full: holes in it are what a few PMP entries hold worst.
 */
static void random_walk(unsigned long steps, bool full, u8 *st)
{
	unsigned long f, k, b;
	bool plugged, unplugged;

	if (full)
		CHECK_MSG(memhp_plug(0, 0, cfg.n) == MEMHP_OK, "plug it all");
	read_all(st);
	while (steps--) {
		f = host_rng(&rng_state) % cfg.n;
		k = 1 + host_rng(&rng_state) % 4;
		if (f + k > cfg.n)
			k = cfg.n - f;
		plugged = unplugged = true;
		for (b = f; b < f + k; b++) {
			plugged &= st[b] == MEMHP_PLUGGED;
			unplugged &= st[b] == MEMHP_UNPLUGGED;
		}
		if (plugged == unplugged)
			continue;
		if ((unplugged ? memhp_plug(0, f, k) : memhp_unplug(0, f, k)) ==
		    MEMHP_OK)
			read_all(st);
	}
}

static void test_random(void)
{
	static const unsigned int budgets[] = { 4, 5, 6, 7, 8, 10, 16 };
	static const unsigned long offsets[] = { 0, 5 };
	unsigned long bi, oi, c;
	clock_t t0 = clock();
	u8 st[MH_MAX_BLOCKS];
	bool ok, boot;

	memset(&tot, 0, sizeof(tot));
	cfg.n = 64;
	cfg.bs = 0x200000ULL;
	for (bi = 0; bi < sizeof(budgets) / sizeof(budgets[0]); bi++) {
		for (oi = 0; oi < sizeof(offsets) / sizeof(offsets[0]); oi++) {
			/* 2 MiB blocks from 8 GiB + an offset in blocks. */
			cfg.base = 0x200000000ULL + offsets[oi] * cfg.bs;
			cfg.budget = budgets[bi];
			memset(st, MEMHP_UNPLUGGED, sizeof(st));
			boot = cfg.budget >= layout_cost(st);
			ok = setup();
			CHECK_MSG(ok == boot && (boot || refused_for_budget),
			      "64 blocks at block %lu: boot plan at %u entries: %d",
			      offsets[oi], cfg.budget, ok);
			if (!ok)
				continue;
			for (c = 0; c < RANDOM_CASES; c++) {
				random_walk(1 + host_rng(&rng_state) % 120, c & 1, st);
				drain_case(st, "random");
			}
		}
	}
	printf("# random: %u walks from empty or full per budget (4-16 entries) and alignment (0, 5) that boots\n",
	       RANDOM_CASES);
	print_totals("random", t0);
}

int main(void)
{
	/* Millions of checks: print the failures only. */
	host_verbose = false;
	test_exhaustive();
	test_random();
	if (have_cex)
		printf("# smallest counterexample: %s\n", cex);
	return host_summary("memhp-drain");
}
