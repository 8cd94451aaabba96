/*
 * HotSBI bench payload, planner part: instret of memhp_plan_build() (the
 * firmware's lib/memhp/memhp_plan.c, compiled into this payload) for one
 * window of 1024, 16384 or 1M blocks with 1, 2, 4 or 8 plugged runs at
 * random places.  Each (runs, blocks) cell averages PATTERNS patterns from
 * the same seed: every window size gets the same patterns, scaled to its
 * size (a cut point is a 24-bit random fraction of the window, so the
 * boundaries stay unaligned; a point that collides with an earlier one is
 * drawn again, which happens now and then on the 1024-block window only).
 *
 * Output: "@@ plan <blocks> <runs> <total instret> <patterns> <min> <max>
 * <max entries>" and "@@ plan_layout <name> <instret> <entries>".
 */
#include "bench.h"
#include <memhp/memhp_plan.h>

#define PATTERNS	256
#define RUNS_MAX	8
#define BLOCK_SIZE	0x8000000ULL /* 128 MiB, the firmware's default */

/* The planner's working memory. */
static struct memhp_plan_work work;

static u64 rng_state;

static u64 rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/*
 * 2 * @runs distinct cut points in [0, @blocks], sorted: runs are
 * [p0, p1), [p2, p3), ...; distinct points keep them non-empty and
 * non-adjacent, as the planner requires.
 */
static void pattern(u64 blocks, unsigned int runs, u64 (*out)[2])
{
	u64 p[2 * RUNS_MAX];
	unsigned int n = 0, i, j;

	while (n < 2 * runs) {
		u64 v = ((rng() >> 40) * (blocks + 1)) >> 24;

		for (i = 0; i < n && p[i] != v; i++)
			;
		if (i < n)
			continue;
		/* insertion sort */
		for (j = n++; j > 0 && p[j - 1] > v; j--)
			p[j] = p[j - 1];
		p[j] = v;
	}
	for (i = 0; i < runs; i++) {
		out[i][0] = p[2 * i];
		out[i][1] = p[2 * i + 1] - p[2 * i];
	}
}

static struct memhp_plan plan;

static void cell(u64 blocks, unsigned int runs)
{
	u64 r[RUNS_MAX][2];
	struct memhp_plan_window w;
	ulong total = 0, min = -1UL, max = 0, t, entries = 0;
	int i;

	/* naturally aligned window above the firmware */
	w.block_size = BLOCK_SIZE;
	w.nblocks = blocks;
	w.base = blocks * BLOCK_SIZE;
	w.runs = (const u64(*)[2])r;
	w.nruns = runs;
	rng_state = 0x9e3779b97f4a7c15ULL + runs;
	for (i = 0; i < PATTERNS; i++) {
		pattern(blocks, runs, r);
		t = csr_read(instret);
		memhp_plan_build(&work, &w, 1,
				 MEMHP_PLAN_ENTRIES_MAX, &plan);
		t = csr_read(instret) - t;
		total += t;
		if (t < min)
			min = t;
		if (t > max)
			max = t;
		if (plan.count > entries)
			entries = plan.count;
	}
	out("@@ plan %lu %u %lu %d %lu %lu %lu\n", (ulong)blocks, runs, total,
	    PATTERNS, min, max, entries);
}

/*
 * The planner's share of the MEMHP bench's calls: the same two windows
 * (board window at 4 GiB, card at 3 GiB, 8 blocks each, in the firmware's
 * window order) with nothing, block 0, or all 8 card blocks plugged.
 */
static void layout(const char *name, unsigned int nruns, u64 count)
{
	u64 run[1][2] = { { 0, count } };
	struct memhp_plan_window w[2] = {
		{ 0x100000000ULL, BLOCK_SIZE, 8, 0, 0 },
		{ 0xc0000000ULL, BLOCK_SIZE, 8, nruns, (const u64(*)[2])run },
	};
	ulong t;

	t = csr_read(instret);
	memhp_plan_build(&work, w, 2, 16, &plan);
	t = csr_read(instret) - t;
	out("@@ plan_layout %s %lu %lu\n", name, t, (ulong)plan.count);
}

void plan_bench(void)
{
	static const u64 sizes[] = { 1024, 16384, 1UL << 20 };
	unsigned int s, runs;

	layout("none", 0, 0);
	layout("plug1", 1, 1);
	layout("plug8", 1, 8);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (runs = 1; runs <= RUNS_MAX; runs *= 2)
			cell(sizes[s], runs);
	bench_exit(0);
}
