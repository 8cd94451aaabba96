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
#include "test_harness.h"

unsigned long test_passed, test_failed;

#define FW_BASE		0x80000000ULL
#define FW_SIZE		0x40000ULL
#define BS		0x1000ULL	/* small blocks keep addresses small */

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

/* Check a plan grants exactly the plugged blocks of the window. */
static int plan_verify(const struct memhp_plan *p, u64 base, unsigned int n,
		       u64 bs, unsigned int mask)
{
	unsigned int b;

	if (memhp_plan_check(p, FW_BASE) || memhp_plan_check(p, FW_BASE + FW_SIZE - 1))
		return -1;
	if (memhp_plan_check(p, FW_BASE + FW_SIZE) != MEMHP_PMP_RWX)
		return -2;
	if (base >= bs && memhp_plan_check(p, base - 1) != MEMHP_PMP_RWX &&
	    !(base - 1 >= FW_BASE && base - 1 < FW_BASE + FW_SIZE))
		return -3;
	if (memhp_plan_check(p, base + n * bs) != MEMHP_PMP_RWX)
		return -4;
	for (b = 0; b < n; b++) {
		unsigned int want = (mask >> b & 1) ? MEMHP_PMP_RWX : 0;

		if (memhp_plan_check(p, base + b * bs) != want ||
		    memhp_plan_check(p, base + b * bs + bs - 1) != want)
			return 1 + b;
	}
	return 0;
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

				cost = memhp_plan_window_cost(&w);
				CHECK(!memhp_plan_build(FW_BASE, FW_SIZE, &w, 1, 64, &p),
				      "plan n=%u off=%u mask=%#x", n, (unsigned)offsets[o], mask);
				CHECK(p.count == cost + 2, "count %u cost %u", p.count, cost);
				v = plan_verify(&p, base, n, BS, mask);
				CHECK(v == 0, "simulation n=%u off=%llu mask=%#x: %d",
				      n, (unsigned long long)offsets[o], mask, v);
				opt = bfs_optimum(n, abs0, mask, cost);
				CHECK(opt >= cost, "n=%u off=%llu mask=%#x: planner %u, optimum %u",
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
		unsigned int k = test_rng(&rng_state) % 8, i;
		struct memhp_plan_window w = { base, bs, nblocks, 0,
					       (const u64(*)[2])runs };
		struct memhp_plan p;
		u64 pos = 0;
		int bad = 0;

		for (i = 0; i < k && pos < nblocks - 2; i++) {
			u64 gap = 1 + test_rng(&rng_state) % (nblocks / (k + 1));
			u64 len = 1 + test_rng(&rng_state) % (nblocks / (k + 1));

			if (pos + gap + len > nblocks)
				break;
			runs[i][0] = pos + (i ? gap : gap - 1);
			runs[i][1] = len;
			pos = runs[i][0] + len;
			w.nruns++;
		}
		if (memhp_plan_build(FW_BASE, FW_SIZE, &w, 1, 64, &p))
			continue;
		fits++;
		/* Probe both sides of every run edge and random blocks. */
		for (i = 0; i < w.nruns; i++) {
			u64 f = runs[i][0], e = f + runs[i][1];

			if (memhp_plan_check(&p, base + f * bs) != MEMHP_PMP_RWX ||
			    memhp_plan_check(&p, base + e * bs - 1) != MEMHP_PMP_RWX)
				bad = 1;
			if (f && memhp_plan_check(&p, base + f * bs - 1) != 0 &&
			    !(i && runs[i - 1][0] + runs[i - 1][1] == f))
				bad = 2;
			if (e < nblocks && memhp_plan_check(&p, base + e * bs) != 0)
				bad = 3;
		}
		for (i = 0; i < 16; i++) {
			u64 b = test_rng(&rng_state) % nblocks;
			unsigned int want = 0, j;

			for (j = 0; j < w.nruns; j++)
				if (b >= runs[j][0] && b < runs[j][0] + runs[j][1])
					want = MEMHP_PMP_RWX;
			if (memhp_plan_check(&p, base + b * bs + test_rng(&rng_state) % bs) != want)
				bad = 4;
		}
		CHECK(!bad, "large window iteration %u: %d", iter, bad);
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
			memhp_plan_build(FW_BASE, FW_SIZE, &w, 1, 64, &p);
		printf("# scaling: %llu blocks, 4 runs: %.2f us per plan, %u entries\n",
		       (unsigned long long)nb,
		       (double)(clock() - t0) * 1e6 / CLOCKS_PER_SEC / 2000, p.count);
		CHECK(plan_verify(&p, w.base, 16, 0x1000, 0x68e6) == 0 ||
		      (nb > 16 && plan_verify(&p, w.base, 16, 0x1000, 0x68e6) == -4),
		      "scaling plan for %llu blocks", (unsigned long long)nb);
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
	CHECK(!memhp_plan_build(FW_BASE, FW_SIZE, &w, 1, 16, &p), "fits 16");
	CHECK(memhp_plan_build(FW_BASE, FW_SIZE, &w, 1, p.count - 1, &p) == -1,
	      "one entry short must fail");
	/* Empty window: the boot plan is fw deny, window deny, allow all. */
	w.nruns = 0;
	CHECK(!memhp_plan_build(FW_BASE, FW_SIZE, &w, 1, 16, &p) && p.count == 3,
	      "boot plan has 3 entries, got %u", p.count);
	CHECK(memhp_plan_check(&p, 0xc0000000ULL) == 0, "window denied at boot");
	CHECK(memhp_plan_check(&p, 0x100000000ULL) == MEMHP_PMP_RWX, "above allowed");
	CHECK(memhp_plan_check(&p, 0x10000000ULL) == MEMHP_PMP_RWX, "MMIO allowed");
}

int main(void)
{
	test_limits();
	test_exhaustive();
	test_large_random();
	test_scaling();
	return test_summary("host-memhp-plan");
}
