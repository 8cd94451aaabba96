// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the PMP planner: every subset of blocks of small windows
 * (at several alignments) against a breadth-first search for the optimum
 * over all entry sequences on block boundaries, each plan checked by
 * simulating the PMP priority rules; then large random windows, checked
 * by simulation, with the planner's cost shown to follow the number of
 * plugged runs rather than the number of blocks.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <memhp/memhp_plan.h>
#include "harness.h"
#include "host_layout.h"


#define FW_BASE		0x80000000ULL
#define FW_SIZE		0x40000ULL
#define BS		0x1000ULL	/* small blocks keep addresses small */

/* The planner's working memory for every test here. */
static struct memhp_plan_work work;

static const u64 fw_deny[1][2] = { { FW_BASE, FW_SIZE } };

/*
 * The windows' plan in @max - 2 entries inside the host's layout (the
 * firmware deny before it, the allow-all after it), as the harts get it.
 */
static int plan_in_layout(const struct memhp_plan_window *w, unsigned int n,
			  unsigned int max, struct memhp_plan *p)
{
	static struct memhp_plan group;
	int rc = memhp_plan_build(&work, w, n, max - 2, &group);

	if (rc) {
		p->count = group.count + 2;
		return rc;
	}
	host_layout(fw_deny, 1, &group, p);
	return 0;
}

static unsigned int mask_runs(unsigned int mask, unsigned int n, u64 runs[][2])
{
	unsigned int i = 0, k = 0;

	while (i < n) {
		if (!(mask >> i & 1)) {
			i++;
			continue;
		}
		runs[k][0] = i;
		while (i < n && (mask >> i & 1))
			i++;
		runs[k][1] = i - runs[k][0];
		k++;
	}
	return k;
}

/*
 * The PMP as the privileged spec (3.7.1, "Address Matching") defines it,
 * written here without the library's decoder: pmpcfg.A is bits 4:3 (OFF,
 * TOR, NA4, NAPOT), pmpaddr holds address bits 55:2. TOR entry i matches
 * pmpaddr(i-1) <= y < pmpaddr(i) (entry 0: from 0); NA4 matches y ==
 * pmpaddr; NAPOT pmpaddr yyyy...y01...1 with k trailing ones matches the
 * 2^(k+3)-byte range y agrees with above those k + 1 low bits:
 * ((y ^ pmpaddr) & ~(pmpaddr ^ (pmpaddr + 1))) == 0. The lowest-numbered
 * matching entry decides; no match denies S-mode.
 */
#define SPEC_ADDR_MASK	((1ULL << 54) - 1)

static bool spec_match(const struct memhp_plan *p, unsigned int i, u64 addr)
{
	u64 y = addr >> 2, a = p->e[i].addr & SPEC_ADDR_MASK, lo, care;

	switch ((p->e[i].cfg >> 3) & 3) {
	case 1:		/* TOR */
		lo = i ? p->e[i - 1].addr & SPEC_ADDR_MASK : 0;
		return y >= lo && y < a;
	case 2:		/* NA4 */
		return y == a;
	case 3:		/* NAPOT */
		care = ~(a ^ (a + 1)) & SPEC_ADDR_MASK;
		return ((y ^ a) & care) == 0;
	default:	/* OFF */
		return false;
	}
}

static unsigned int spec_perm(const struct memhp_plan *p, u64 addr)
{
	unsigned int i;

	for (i = 0; i < p->count; i++)
		if (spec_match(p, i, addr))
			return p->e[i].cfg & MEMHP_PMP_RWX;
	return 0;
}

/* [lo, hi] an entry matches, by the spec's formula (empty: lo > hi). */
static void spec_range(const struct memhp_plan *p, unsigned int i, u64 *lo,
		       u64 *hi)
{
	u64 a = p->e[i].addr & SPEC_ADDR_MASK, care;

	*lo = 1;
	*hi = 0;
	switch ((p->e[i].cfg >> 3) & 3) {
	case 1:
		*lo = (i ? p->e[i - 1].addr & SPEC_ADDR_MASK : 0) << 2;
		if (a << 2 > *lo)
			*hi = (a << 2) - 1;
		else
			*lo = 1;
		break;
	case 2:
		*lo = a << 2;
		*hi = *lo + 3;
		break;
	case 3:
		care = ~(a ^ (a + 1)) & SPEC_ADDR_MASK;
		*lo = (a & care) << 2;
		*hi = (((a & care) | (~care & SPEC_ADDR_MASK)) << 2) | 3;
		if (!care)
			*hi = ~0ULL;	/* all 54 bits ones: everything */
		break;
	}
}

static int cmp_u64(const void *x, const void *y)
{
	u64 a = *(const u64 *)x, b = *(const u64 *)y;

	return a < b ? -1 : a > b;
}

/*
 * Check a plan grants exactly the plugged blocks of the window [base,
 * base + n * bs), with every block checked: the permission is constant
 * between the edges of the entries' ranges and of the runs, so checking
 * one address per piece covers every byte. Also: the firmware denied,
 * the bytes next to the window allowed. Returns 0, or where it differs.
 */
static int plan_verify_runs(const struct memhp_plan *p, u64 base, u64 n, u64 bs,
			    const u64 runs[][2], unsigned int nruns)
{
	static u64 edge[2 * MEMHP_PLAN_ENTRIES_MAX + 2 * 64 + 2];
	u64 end = base + n * bs, lo, hi, b;
	unsigned int i, k = 0, r = 0, want;

	if (spec_perm(p, FW_BASE) || spec_perm(p, FW_BASE + FW_SIZE - 1))
		return -1;
	if (spec_perm(p, FW_BASE + FW_SIZE) != MEMHP_PMP_RWX)
		return -2;
	if (base >= bs && spec_perm(p, base - 1) != MEMHP_PMP_RWX &&
	    !(base - 1 >= FW_BASE && base - 1 < FW_BASE + FW_SIZE))
		return -3;
	if (spec_perm(p, end) != MEMHP_PMP_RWX)
		return -4;
	edge[k++] = base;
	for (i = 0; i < p->count; i++) {
		spec_range(p, i, &lo, &hi);
		if (lo > hi)
			continue;
		if (lo > base && lo < end)
			edge[k++] = lo;
		if (hi + 1 > base && hi + 1 < end)
			edge[k++] = hi + 1;
	}
	for (i = 0; i < nruns && i < 64; i++) {
		edge[k++] = base + runs[i][0] * bs;
		if (runs[i][0] + runs[i][1] < n)
			edge[k++] = base + (runs[i][0] + runs[i][1]) * bs;
	}
	qsort(edge, k, sizeof(edge[0]), cmp_u64);
	for (i = 0; i < k; i++) {
		if (i + 1 < k && edge[i + 1] == edge[i])
			continue;
		b = (edge[i] - base) / bs;
		while (r < nruns && runs[r][0] + runs[r][1] <= b)
			r++;
		want = r < nruns && b >= runs[r][0] ? MEMHP_PMP_RWX : 0;
		if (spec_perm(p, edge[i]) != want)
			return 1 + (int)(b > 1000000 ? 1000000 : b);
	}
	return 0;
}

static int plan_verify(const struct memhp_plan *p, u64 base, unsigned int n,
		       u64 bs, unsigned int mask)
{
	u64 runs[32][2];

	return plan_verify_runs(p, base, n, bs, (const u64(*)[2])runs,
				mask_runs(mask, n, runs));
}

/*
 * Optimum by breadth-first search. State: blocks already matched as
 * allowed, as denied, and the previous entry's address (a block boundary
 * 0..n, or n + 1 for "not a boundary", e.g. after a NAPOT entry).
 */
#define BFS_N_MAX 8

static unsigned short bfs_dist[1 << BFS_N_MAX][1 << BFS_N_MAX][BFS_N_MAX + 2];
static unsigned int bfs_queue[(1 << (2 * BFS_N_MAX)) * (BFS_N_MAX + 2)];

static unsigned int bfs_optimum(unsigned int n, u64 abs0, unsigned int mask,
				unsigned int limit)
{
	unsigned int full = (1u << n) - 1, other = n + 1;
	unsigned int head = 0, tail = 0;

	memset(bfs_dist, 0xff, sizeof(bfs_dist));
	bfs_dist[0][0][other] = 0;
	bfs_queue[tail++] = other;
	while (head < tail) {
		unsigned int s = bfs_queue[head++];
		unsigned int prev = s % (BFS_N_MAX + 2);
		unsigned int deny = (s / (BFS_N_MAX + 2)) % (1 << BFS_N_MAX);
		unsigned int allow = s / (BFS_N_MAX + 2) / (1 << BFS_N_MAX);
		unsigned int d = bfs_dist[allow][deny][prev];
		unsigned int lvl, t, perm;

		if ((deny & ~mask & full) == (~mask & full))
			return d; /* every unplugged block denied */
		if (d >= limit)
			continue;
#define VISIT(na, nd, np)                                                    \
	do {                                                                 \
		if (!((nd) & mask) && bfs_dist[na][nd][np] == 0xffff) {       \
			bfs_dist[na][nd][np] = d + 1;                          \
			bfs_queue[tail++] = ((na) * (1 << BFS_N_MAX) + (nd)) * \
						    (BFS_N_MAX + 2) +          \
					    (np);                              \
		}                                                            \
	} while (0)
		/* NAPOT entries on aligned ranges inside the window. */
		for (lvl = 0; (1u << lvl) <= n; lvl++) {
			u64 a;

			for (a = (abs0 + (1u << lvl) - 1) >> lvl << lvl;
			     a + (1u << lvl) <= abs0 + n; a += 1u << lvl) {
				unsigned int r = ((1u << (1u << lvl)) - 1)
						 << (a - abs0);
				unsigned int fresh = r & ~(allow | deny);

				for (perm = 0; perm < 2; perm++)
					VISIT(perm ? allow | fresh : allow,
					      perm ? deny : deny | fresh, other);
			}
		}
		/* TOR entries and OFF markers on block boundaries. */
		for (t = 0; t <= n; t++) {
			VISIT(allow, deny, t);
			if (prev <= n && prev < t) {
				unsigned int r = ((1u << t) - 1) & ~((1u << prev) - 1);
				unsigned int fresh = r & ~(allow | deny);

				for (perm = 0; perm < 2; perm++)
					VISIT(perm ? allow | fresh : allow,
					      perm ? deny : deny | fresh, t);
			}
		}
#undef VISIT
	}
	return limit + 1; /* nothing cheaper than limit exists */
}

static void test_exhaustive(void)
{
	static const u64 offsets[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 16 };
	unsigned int n, o, mask, worse = 0, cases = 0;

	for (n = 1; n <= BFS_N_MAX; n++) {
		for (o = 0; o < sizeof(offsets) / sizeof(offsets[0]); o++) {
			u64 abs0 = 0x100000 + offsets[o];
			u64 base = abs0 * BS;

			for (mask = 0; mask < (1u << n); mask++) {
				u64 runs[BFS_N_MAX][2];
				struct memhp_plan_window w = {
					base, BS, n, mask_runs(mask, n, runs),
					(const u64(*)[2])runs
				};
				struct memhp_plan p;
				unsigned int cost, opt;
				int v;

				cost = memhp_plan_window_cost(&work, &w);
				CHECK_MSG(!plan_in_layout(&w, 1, 64, &p),
				      "plan n=%u off=%u mask=%#x", n, (unsigned)offsets[o], mask);
				CHECK_MSG(p.count == cost + 2, "count %u cost %u", p.count, cost);
				v = plan_verify(&p, base, n, BS, mask);
				CHECK_MSG(v == 0, "simulation n=%u off=%llu mask=%#x: %d",
				      n, (unsigned long long)offsets[o], mask, v);
				opt = bfs_optimum(n, abs0, mask, cost);
				CHECK_MSG(opt >= cost, "n=%u off=%llu mask=%#x: planner %u, optimum %u",
				      n, (unsigned long long)offsets[o], mask, cost, opt);
				if (opt < cost)
					worse++;
				cases++;
			}
		}
	}
	printf("# exhaustive: %u windows x subsets, %u worse than the optimum\n",
	       cases, worse);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static void test_large_random(void)
{
	static u64 runs[64][2];
	const u64 nblocks = 16384, bs = 0x8000000ULL;
	const u64 base = 0x1000000000ULL;
	unsigned int iter, fits = 0;
	clock_t t0 = clock();

	for (iter = 0; iter < 20000; iter++) {
		unsigned int k = host_rng(&rng_state) % 8, i;
		struct memhp_plan_window w = { base, bs, nblocks, 0,
					       (const u64(*)[2])runs };
		struct memhp_plan p;
		u64 pos = 0;
		int bad = 0;

		for (i = 0; i < k && pos < nblocks - 2; i++) {
			u64 gap = 1 + host_rng(&rng_state) % (nblocks / (k + 1));
			u64 len = 1 + host_rng(&rng_state) % (nblocks / (k + 1));

			if (pos + gap + len > nblocks)
				break;
			runs[i][0] = pos + (i ? gap : gap - 1);
			runs[i][1] = len;
			pos = runs[i][0] + len;
			w.nruns++;
		}
		if (plan_in_layout(&w, 1, 64, &p))
			continue;
		fits++;
		bad = plan_verify_runs(&p, base, nblocks, bs, (const u64(*)[2])runs,
				       w.nruns);
		CHECK_MSG(!bad, "large window iteration %u: %d", iter, bad);
	}
	printf("# large random: 20000 plans of a 16384-block window, %u fit in 64 entries, %.1f us per plan\n",
	       fits, (double)(clock() - t0) * 1e6 / CLOCKS_PER_SEC / 20000);
}

/* The planner's work must follow the runs, not the blocks. */
static void test_scaling(void)
{
	static u64 runs[4][2] = { { 1, 2 }, { 5, 3 }, { 11, 1 }, { 13, 2 } };
	u64 nb;

	for (nb = 16; nb <= (1ULL << 30); nb <<= 7) {
		struct memhp_plan_window w = { 0x100000000000ULL, 0x1000, nb, 4,
					       (const u64(*)[2])runs };
		struct memhp_plan p;
		clock_t t0 = clock();
		unsigned int i;

		for (i = 0; i < 2000; i++)
			plan_in_layout(&w, 1, 64, &p);
		printf("# scaling: %llu blocks, 4 runs: %.2f us per plan, %u entries\n",
		       (unsigned long long)nb,
		       (double)(clock() - t0) * 1e6 / CLOCKS_PER_SEC / 2000, p.count);
		CHECK_MSG(plan_verify_runs(&p, w.base, nb, 0x1000,
				       (const u64(*)[2])runs, 4) == 0,
		      "scaling plan for %llu blocks, every block", (unsigned long long)nb);
	}
}

static void test_limits(void)
{
	static u64 runs[8][2];
	struct memhp_plan_window w = { 0xc0000000ULL, 0x8000000ULL, 8, 0,
				       (const u64(*)[2])runs };
	struct memhp_plan p;
	unsigned int i;

	/* Every other block plugged: 4 runs. */
	for (i = 0; i < 4; i++) {
		runs[i][0] = 2 * i;
		runs[i][1] = 1;
	}
	w.nruns = 4;
	CHECK_MSG(!plan_in_layout(&w, 1, 16, &p), "fits 16");
	CHECK_MSG(plan_in_layout(&w, 1, p.count - 1, &p) == -1,
	      "one entry short must fail");
	/* Empty window: the boot plan is fw deny, window deny, allow all. */
	w.nruns = 0;
	CHECK_MSG(!plan_in_layout(&w, 1, 16, &p) && p.count == 3,
	      "boot plan has 3 entries, got %u", p.count);
	CHECK_MSG(spec_perm(&p, 0xc0000000ULL) == 0, "window denied at boot");
	CHECK_MSG(spec_perm(&p, 0x100000000ULL) == MEMHP_PMP_RWX, "above allowed");
	CHECK_MSG(spec_perm(&p, 0x10000000ULL) == MEMHP_PMP_RWX, "MMIO allowed");
}

/*
 * The library's decoder (memhp_napot_addr/memhp_napot_range, used by
 * memhp_plan_check and the firmware's boot log) against the spec's
 * formula: NAPOT encodings of every naturally aligned power of two from 8
 * bytes up, random TOR/NAPOT/OFF plans probed at random addresses and at
 * both ends of each entry's range.
 */
static void test_decode(void)
{
	unsigned int iter, k, i, bad_napot = 0, bad_plan = 0, probes = 0;
	u64 base, lo, hi, size;

	for (k = 3; k < 56; k++) {
		size = 1ULL << k;
		for (iter = 0; iter < 200; iter++) {
			struct memhp_plan p = { .count = 1 };
			u64 s_lo, s_hi;

			base = (host_rng(&rng_state) & SPEC_ADDR_MASK << 2) & ~(size - 1);
			p.e[0].cfg = MEMHP_PMP_A_NAPOT | MEMHP_PMP_RWX;
			p.e[0].addr = memhp_napot_addr(base, size);
			memhp_napot_range(p.e[0].addr, &lo, &hi);
			spec_range(&p, 0, &s_lo, &s_hi);
			/* the spec's range is the one asked for, and the library's */
			if (s_lo != base || s_hi != base + size - 1 ||
			    lo != s_lo || hi != s_hi)
				bad_napot++;
		}
	}
	CHECK_MSG(!bad_napot, "NAPOT encode/decode of aligned 2^3..2^55 ranges agrees with the spec (%u differ)",
	      bad_napot);
	for (iter = 0; iter < 20000; iter++) {
		struct memhp_plan p = { .count = 1 + host_rng(&rng_state) % 8 };
		u64 prev = 0, ones, napot;

		for (i = 0; i < p.count; i++) {
			static const u8 a[] = { MEMHP_PMP_A_OFF, MEMHP_PMP_A_TOR,
						MEMHP_PMP_A_NAPOT };

			p.e[i].cfg = a[host_rng(&rng_state) % 3] |
				     (host_rng(&rng_state) % 2 ? MEMHP_PMP_RWX : 0);
			/* small addresses, so ranges overlap and nest */
			prev += host_rng(&rng_state) % 0x400;
			ones = (1UL << (host_rng(&rng_state) % 8)) - 1;
			napot = (host_rng(&rng_state) % 0x1000) | ones;
			p.e[i].addr = (p.e[i].cfg & MEMHP_PMP_A_MASK) ==
				      MEMHP_PMP_A_NAPOT ? napot : prev;
		}
		for (k = 0; k < 16; k++) {
			u64 addr = host_rng(&rng_state) % 0x8000;

			probes++;
			bad_plan += memhp_plan_check(&p, addr) != spec_perm(&p, addr);
		}
		for (i = 0; i < p.count; i++) {
			spec_range(&p, i, &lo, &hi);
			if (lo > hi)
				continue;
			probes += 4;
			bad_plan += memhp_plan_check(&p, lo) != spec_perm(&p, lo);
			bad_plan += memhp_plan_check(&p, hi) != spec_perm(&p, hi);
			if (lo)
				bad_plan += memhp_plan_check(&p, lo - 1) != spec_perm(&p, lo - 1);
			bad_plan += memhp_plan_check(&p, hi + 1) != spec_perm(&p, hi + 1);
		}
	}
	CHECK_MSG(!bad_plan, "memhp_plan_check agrees with the spec's decoding at %u probes of random plans (%u differ)",
	      probes, bad_plan);
}

int main(void)
{
	/* Millions of checks: print the failures only. */
	host_verbose = false;
	test_decode();
	test_limits();
	test_exhaustive();
	test_large_random();
	test_scaling();
	return host_summary("memhp-plan");
}
