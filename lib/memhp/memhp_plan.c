// SPDX-License-Identifier: BSD-2-Clause
/*
 * PMP planning. The plan is: entry 0 denies the firmware, the last entry
 * allows the whole address space, and each window gets the cheapest of
 * three constructions for "deny every block but the plugged ones":
 *
 *  - NAPOT tree: entries on naturally aligned power-of-two block ranges,
 *    nested (an inner entry sits at a lower index and overrides an outer
 *    one), chosen by a dynamic programme over the aligned-range tree;
 *  - deny the gaps: every unplugged run gets deny entries (NAPOT pieces or
 *    a TOR range), plugged runs are left to the final allow-all;
 *  - deny the window: allow entries for the plugged runs above one entry
 *    that denies the whole window.
 *
 * The last two are the extremes of one dynamic programme over the window's
 * segments (seg_dp), which can also deny any stretch of segments with an
 * "umbrella" below explicit allows, and lets consecutive TOR ranges form
 * a chain (each TOR takes the previous entry's address as its base, so a
 * chain of k ranges costs k + 1 entries).
 * All work is proportional to the number of plugged runs (times the tree
 * depth), never to the number of blocks.
 */
#include <memhp/memhp_plan.h>

#define COST_INF	0x3fffffffU

struct tree_memo;
struct seg_plan;

struct plan_ctx {
	const struct memhp_plan_window *w;
	u64 abs0;	/* absolute block number of window block 0 */
	struct memhp_plan *out;
	/* The working memory (struct plan_work). */
	struct tree_memo *memo;
	struct seg_plan *seg;
};

unsigned long memhp_napot_addr(u64 base, u64 size)
{
	return (unsigned long)((base + size / 2 - 1) >> 2);
}

void memhp_napot_range(unsigned long addr, u64 *base, u64 *last)
{
	unsigned int ones = 0;

	while (ones < 64 && (addr >> ones) & 1)
		ones++;
	/* 54 or more trailing ones: pmpaddr holds bits 55:2, all of them */
	if (ones >= 54) {
		*base = 0;
		*last = ~0ULL;
		return;
	}
	*base = (u64)(addr & ~((1UL << ones) - 1)) << 2;
	*last = *base + (1ULL << (ones + 3)) - 1;
}

static void plan_emit(struct memhp_plan *out, u8 cfg, unsigned long addr)
{
	if (out && out->count < MEMHP_PLAN_ENTRIES_MAX) {
		out->e[out->count].cfg = cfg;
		out->e[out->count].addr = addr;
	}
	if (out)
		out->count++;
}

static u8 perm_cfg(int allow)
{
	return allow ? MEMHP_PMP_RWX : 0;
}

/* Window-relative blocks [lo, hi): 1 all plugged, 0 none plugged, -1 mixed. */
static int range_state(const struct memhp_plan_window *w, u64 lo, u64 hi)
{
	unsigned int i;

	for (i = 0; i < w->nruns; i++) {
		u64 f = w->runs[i][0], e = f + w->runs[i][1];

		if (e <= lo)
			continue;
		if (f >= hi)
			break;
		return (f <= lo && e >= hi) ? 1 : -1;
	}
	return 0;
}

/* ---------------------------------------------------------- NAPOT tree */

struct tree_cost {
	unsigned int c[2]; /* cost when blocks inherit deny (0) / allow (1) */
};

/*
 * The analysis of every node visited, in preorder, so emission reads the
 * children's costs instead of analysing each subtree again.
 */
#define TREE_MEMO_MAX	1024

struct tree_memo {
	unsigned int n;
	struct {
		struct tree_cost cost;
		unsigned int size; /* nodes in this subtree's record */
	} node[TREE_MEMO_MAX];
};

/* Node (level, index) in absolute blocks, clipped to the window. */
static struct tree_cost tree_analyze(const struct plan_ctx *x,
				     unsigned int level, u64 index)
{
	const struct memhp_plan_window *w = x->w;
	u64 nlo = index << level, nhi = (index + 1) << level;
	u64 wlo = x->abs0, whi = x->abs0 + w->nblocks;
	u64 lo = nlo > wlo ? nlo : wlo, hi = nhi < whi ? nhi : whi;
	bool inside = nlo >= wlo && nhi <= whi;
	struct tree_cost r = { { 0, 0 } }, L, R;
	unsigned int me = x->memo->n++;
	int st, inh;

	if (lo >= hi)
		goto out;
	st = range_state(w, lo - wlo, hi - wlo);
	if (st >= 0 && inside) {
		r.c[st] = 0;
		r.c[!st] = 1;
		goto out;
	}
	if (st >= 0 && level == 0)
		goto out; /* cannot happen: a single block is inside */
	L = tree_analyze(x, level - 1, index * 2);
	R = tree_analyze(x, level - 1, index * 2 + 1);
	for (inh = 0; inh < 2; inh++) {
		unsigned int a = L.c[inh] + R.c[inh];
		unsigned int b = inside ? 1 + L.c[!inh] + R.c[!inh] : COST_INF;

		r.c[inh] = a < b ? a : b;
		if (st == inh)
			r.c[inh] = 0; /* uniform and already what it inherits */
	}
out:
	if (me < TREE_MEMO_MAX) {
		x->memo->node[me].cost = r;
		x->memo->node[me].size = x->memo->n - me;
	}
	return r;
}

/*
 * Emit the subtree at (@level, @index) given what it inherits; @m is its
 * record in the memo of the last tree_analyze() (or -1: analyse again).
 */
static void tree_emit(const struct plan_ctx *x, unsigned int level, u64 index,
		      int inh, int m)
{
	const struct memhp_plan_window *w = x->w;
	u64 nlo = index << level, nhi = (index + 1) << level;
	u64 wlo = x->abs0, whi = x->abs0 + w->nblocks;
	u64 lo = nlo > wlo ? nlo : wlo, hi = nhi < whi ? nhi : whi;
	bool inside = nlo >= wlo && nhi <= whi;
	u64 bs = w->block_size;
	struct tree_cost L, R;
	int st, ml = -1, mr = -1;

	if (lo >= hi)
		return;
	st = range_state(w, lo - wlo, hi - wlo);
	if (st == inh)
		return;
	if (st >= 0 && inside) {
		plan_emit(x->out, MEMHP_PMP_A_NAPOT | perm_cfg(st),
			  memhp_napot_addr(nlo * bs, (nhi - nlo) * bs));
		return;
	}
	if (m >= 0) {
		ml = m + 1;
		mr = ml + x->memo->node[ml].size;
		L = x->memo->node[ml].cost;
		R = x->memo->node[mr].cost;
	} else {
		L = tree_analyze(x, level - 1, index * 2);
		R = tree_analyze(x, level - 1, index * 2 + 1);
	}
	if (inside && 1 + L.c[!inh] + R.c[!inh] < L.c[inh] + R.c[inh]) {
		tree_emit(x, level - 1, index * 2, !inh, ml);
		tree_emit(x, level - 1, index * 2 + 1, !inh, mr);
		plan_emit(x->out, MEMHP_PMP_A_NAPOT | perm_cfg(!inh),
			  memhp_napot_addr(nlo * bs, (nhi - nlo) * bs));
	} else {
		tree_emit(x, level - 1, index * 2, inh, ml);
		tree_emit(x, level - 1, index * 2 + 1, inh, mr);
	}
}

/* Smallest aligned node holding the whole window. */
static void tree_root(const struct plan_ctx *x, unsigned int *level, u64 *index)
{
	u64 first = x->abs0, last = x->abs0 + x->w->nblocks - 1;
	unsigned int l = 0;

	while ((first >> l) != (last >> l))
		l++;
	*level = l;
	*index = first >> l;
}

/* ------------------------------------------------- runs and TOR chains */

/* Pieces of an exact tiling of absolute blocks [lo, hi) by aligned ranges. */
static unsigned int napot_pieces(u64 lo, u64 hi, const struct plan_ctx *x,
				 u8 cfg)
{
	unsigned int n = 0;
	u64 bs = x ? x->w->block_size : 0;

	while (lo < hi) {
		u64 size = 1;

		while (!(lo & size) && lo + size * 2 <= hi)
			size *= 2;
		if (x)
			plan_emit(x->out, MEMHP_PMP_A_NAPOT | cfg,
				  memhp_napot_addr(lo * bs, size * bs));
		lo += size;
		n++;
	}
	return n;
}

/* Segment i of the window: alternating unplugged/plugged runs. */
struct seg {
	u64 lo, hi; /* window-relative blocks */
	int allow;
	unsigned int nap; /* NAPOT pieces tiling it (set by seg_dp) */
};

static bool seg_get(const struct memhp_plan_window *w, unsigned int i,
		    struct seg *s)
{
	/* Segments: gap0 run0 gap1 run1 ... runN-1 gapN (empty gaps skipped). */
	unsigned int k = 0, r;
	u64 pos = 0;

	for (r = 0; r <= w->nruns; r++) {
		u64 f = r < w->nruns ? w->runs[r][0] : w->nblocks;

		if (f > pos) {
			if (k++ == i) {
				s->lo = pos;
				s->hi = f;
				s->allow = 0;
				return true;
			}
		}
		if (r == w->nruns)
			break;
		if (k++ == i) {
			s->lo = f;
			s->hi = f + w->runs[r][1];
			s->allow = 1;
			return true;
		}
		pos = f + w->runs[r][1];
	}
	return false;
}

#define SEGS_MAX	(2 * 64 + 1)

/*
 * Segment programme. Outside umbrellas a gap must be denied explicitly
 * and a plugged run is left to the final allow-all. An umbrella
 * denies segments [i, j] with entries placed after (lower priority than)
 * explicit allows for the plugged runs inside it; gaps inside may still
 * be covered explicitly to continue a TOR chain. An explicit range is
 * NAPOT pieces or a TOR entry; a TOR whose range starts where the
 * previous entry's TOR ended needs no marker entry.
 *
 * dp[k][c]: cheapest cover of segments [0, k) ending in chain state c
 * (c = 1: the last entry emitted is a TOR ending at segment k's start).
 */
enum seg_pick { PICK_NONE, PICK_NAPOT, PICK_TOR };

struct seg_step {
	u8 umbrella;
	u8 from_c;	/* chain state before the step */
	u8 pick;	/* single segment: enum seg_pick */
	u16 from;	/* first segment of the step */
};

struct seg_plan {
	unsigned int nseg;
	struct seg seg[SEGS_MAX];
	unsigned int dp[SEGS_MAX + 1][2];
	struct seg_step step[SEGS_MAX + 1][2];
	/* Umbrella replay. */
	u8 pick[SEGS_MAX][2];
	u8 from[SEGS_MAX][2];
	u8 picks[SEGS_MAX];
	/* The cover found, walked back. */
	struct seg_step path[SEGS_MAX + 1];
	u16 path_end[SEGS_MAX + 1];
};

/* The planner's working memory (struct memhp_plan_work's contents). */
struct plan_work {
	struct tree_memo memo;
	struct seg_plan seg;
};

_Static_assert(sizeof(struct plan_work) <= sizeof(struct memhp_plan_work),
	       "MEMHP_PLAN_WORK_WORDS holds the planner's working memory");

static unsigned int seg_cost(const struct seg *s, int chained,
			     enum seg_pick pick)
{
	if (pick == PICK_TOR)
		return chained ? 1 : 2;
	return s->nap;
}

/*
 * Cheapest explicit entries inside umbrella [i, j] starting from chain
 * state @c0: runs must be explicit, gaps may be. With @record, keep the
 * choices in sp->pick/from for seg_emit().
 */
static void umbrella_inner(struct seg_plan *sp, unsigned int i,
			   unsigned int j, int c0, unsigned int out[2],
			   bool record)
{
	unsigned int cur[2] = { COST_INF, COST_INF }, k, c;

	cur[c0] = 0;
	for (k = i; k <= j; k++) {
		const struct seg *s = &sp->seg[k];
		unsigned int next[2] = { COST_INF, COST_INF };

		for (c = 0; c < 2; c++) {
			unsigned int v;

			if (cur[c] >= COST_INF)
				continue;
			if (!s->allow && cur[c] < next[0]) {
				next[0] = cur[c];
				if (record) {
					sp->pick[k][0] = PICK_NONE;
					sp->from[k][0] = c;
				}
			}
			v = cur[c] + seg_cost(s, c, PICK_NAPOT);
			if (v < next[0]) {
				next[0] = v;
				if (record) {
					sp->pick[k][0] = PICK_NAPOT;
					sp->from[k][0] = c;
				}
			}
			v = cur[c] + seg_cost(s, c, PICK_TOR);
			if (v < next[1]) {
				next[1] = v;
				if (record) {
					sp->pick[k][1] = PICK_TOR;
					sp->from[k][1] = c;
				}
			}
		}
		cur[0] = next[0];
		cur[1] = next[1];
	}
	out[0] = cur[0];
	out[1] = cur[1];
}

/* One segment of the inner programme, without recording choices. */
static void umbrella_step(const struct seg *s, unsigned int cur[2])
{
	unsigned int next[2] = { COST_INF, COST_INF }, c, v;

	for (c = 0; c < 2; c++) {
		if (cur[c] >= COST_INF)
			continue;
		if (!s->allow && cur[c] < next[0])
			next[0] = cur[c];
		v = cur[c] + seg_cost(s, c, PICK_NAPOT);
		if (v < next[0])
			next[0] = v;
		v = cur[c] + seg_cost(s, c, PICK_TOR);
		if (v < next[1])
			next[1] = v;
	}
	cur[0] = next[0];
	cur[1] = next[1];
}

/* The umbrella's own deny: NAPOT pieces (chain 0) or a TOR (chain 1). */
static unsigned int umbrella_cost(const struct seg_plan *sp, unsigned int i,
				  unsigned int j, u64 abs0, int *tor)
{
	unsigned int nap = napot_pieces(abs0 + sp->seg[i].lo,
					abs0 + sp->seg[j].hi, NULL, 0);

	*tor = nap > 2;
	return nap > 2 ? 2 : nap;
}

static void dp_relax(struct seg_plan *sp, unsigned int k, int c,
		     unsigned int v, struct seg_step st)
{
	if (v < sp->dp[k][c]) {
		sp->dp[k][c] = v;
		sp->step[k][c] = st;
	}
}

static unsigned int seg_dp(struct seg_plan *sp,
			   const struct memhp_plan_window *w, u64 abs0)
{
	unsigned int i, j, c;

	if (w->nruns > 64)
		return COST_INF;
	sp->nseg = 0;
	while (seg_get(w, sp->nseg, &sp->seg[sp->nseg])) {
		struct seg *g = &sp->seg[sp->nseg++];

		g->nap = napot_pieces(abs0 + g->lo, abs0 + g->hi, NULL, 0);
	}
	for (i = 0; i <= sp->nseg; i++)
		sp->dp[i][0] = sp->dp[i][1] = COST_INF;
	sp->dp[0][0] = 0;

	for (i = 0; i < sp->nseg; i++) {
		const struct seg *s = &sp->seg[i];

		for (c = 0; c < 2; c++) {
			unsigned int base = sp->dp[i][c];

			if (base >= COST_INF)
				continue;
			/* The segment on its own. */
			if (s->allow)
				dp_relax(sp, i + 1, 0, base,
					 (struct seg_step){ 0, c, PICK_NONE, i });
			dp_relax(sp, i + 1, 0, base + seg_cost(s, c, PICK_NAPOT),
				 (struct seg_step){ 0, c, PICK_NAPOT, i });
			dp_relax(sp, i + 1, 1, base + seg_cost(s, c, PICK_TOR),
				 (struct seg_step){ 0, c, PICK_TOR, i });
			/*
			 * An umbrella over [i, j]: extend j one segment at a
			 * time, carrying the inner programme along.
			 */
			{
				unsigned int cur[2] = { COST_INF, COST_INF };

				cur[c] = 0;
				for (j = i; j < sp->nseg; j++) {
					unsigned int best, u;
					int tor;

					umbrella_step(&sp->seg[j], cur);
					if (j == i)
						continue;
					best = cur[0] < cur[1] ? cur[0] : cur[1];
					u = umbrella_cost(sp, i, j, abs0, &tor);
					if (best < COST_INF)
						dp_relax(sp, j + 1, tor, base + best + u,
							 (struct seg_step){ 1, c, 0, i });
				}
			}
		}
	}
	return sp->dp[sp->nseg][0] < sp->dp[sp->nseg][1] ?
		       sp->dp[sp->nseg][0] :
		       sp->dp[sp->nseg][1];
}

static void seg_emit_range(const struct plan_ctx *x, u64 lo, u64 hi,
			   enum seg_pick pick, int chained, u8 cfg)
{
	const struct memhp_plan_window *w = x->w;
	u64 bs = w->block_size;

	if (pick == PICK_NAPOT) {
		napot_pieces(x->abs0 + lo, x->abs0 + hi, x, cfg);
		return;
	}
	if (!chained)
		plan_emit(x->out, MEMHP_PMP_A_OFF,
			  (unsigned long)((w->base + lo * bs) >> 2));
	plan_emit(x->out, MEMHP_PMP_A_TOR | cfg,
		  (unsigned long)((w->base + hi * bs) >> 2));
}

static void umbrella_emit(const struct plan_ctx *x, unsigned int i,
			  unsigned int j, int c0)
{
	struct seg_plan *sp = x->seg;
	u8 *picks = sp->picks;
	unsigned int in[2], k, state;
	int tor, chained;

	umbrella_inner(sp, i, j, c0, in, true);
	state = in[1] < in[0] ? 1 : 0;
	for (k = j + 1; k-- > i;) {
		picks[k] = sp->pick[k][state];
		state = sp->from[k][state];
	}
	chained = c0;
	for (k = i; k <= j; k++) {
		const struct seg *s = &sp->seg[k];

		if (picks[k] != PICK_NONE)
			seg_emit_range(x, s->lo, s->hi, picks[k], chained,
				       perm_cfg(s->allow));
		chained = picks[k] == PICK_TOR;
	}
	umbrella_cost(sp, i, j, x->abs0, &tor);
	seg_emit_range(x, sp->seg[i].lo, sp->seg[j].hi,
		       tor ? PICK_TOR : PICK_NAPOT, 0, 0);
}

/* Emit the cover seg_dp() found; seg_dp() must have run on this window. */
static void seg_emit(const struct plan_ctx *x)
{
	struct seg_plan *sp = x->seg;
	struct seg_step *path = sp->path;
	u16 *path_end = sp->path_end;
	unsigned int k = sp->nseg, n = 0;
	int c = sp->dp[k][1] < sp->dp[k][0] ? 1 : 0;

	while (k > 0) {
		path[n] = sp->step[k][c];
		path_end[n] = k;
		c = path[n].from_c;
		k = path[n].from;
		n++;
	}
	while (n-- > 0) {
		const struct seg_step *st = &path[n];
		const struct seg *s = &sp->seg[st->from];

		if (st->umbrella)
			umbrella_emit(x, st->from, path_end[n] - 1, st->from_c);
		else if (st->pick != PICK_NONE)
			seg_emit_range(x, s->lo, s->hi, st->pick, st->from_c,
				       perm_cfg(s->allow));
	}
}
/* ------------------------------------------------------------- plans */

enum window_strategy { STRAT_TREE, STRAT_SEGMENTS };

static struct plan_work *work_of(struct memhp_plan_work *work)
{
	return (struct plan_work *)work->space;
}

static unsigned int window_best(struct plan_work *ws,
				const struct memhp_plan_window *w,
				enum window_strategy *strat)
{
	struct plan_ctx x = { w, w->base / w->block_size, NULL, &ws->memo,
			      &ws->seg };
	unsigned int level, tree, segs;
	struct tree_cost t;
	u64 index;

	if (!w->nblocks)
		return 0;
	segs = seg_dp(&ws->seg, w, x.abs0);
	*strat = STRAT_SEGMENTS;
	/*
	 * A tree plan of one entry is one aligned deny range, which the
	 * segment programme finds too; so the tree can only win from 3 up.
	 */
	if (segs <= 2)
		return segs;
	tree_root(&x, &level, &index);
	ws->memo.n = 0;
	t = tree_analyze(&x, level, index);
	tree = t.c[1];
	if (tree < segs) {
		*strat = STRAT_TREE;
		return tree;
	}
	return segs;
}

unsigned int memhp_plan_window_cost(struct memhp_plan_work *work,
				    const struct memhp_plan_window *w)
{
	enum window_strategy s;

	return window_best(work_of(work), w, &s);
}

static void window_emit(struct plan_work *ws,
			const struct memhp_plan_window *w,
			struct memhp_plan *out)
{
	struct plan_ctx x = { w, w->base / w->block_size, out, &ws->memo,
			      &ws->seg };
	enum window_strategy strat;
	unsigned int level;
	u64 index;

	if (!w->nblocks)
		return;
	window_best(ws, w, &strat);
	if (strat == STRAT_TREE) {
		/* window_best() just analysed this tree into the memo. */
		tree_root(&x, &level, &index);
		tree_emit(&x, level, index, 1,
			  ws->memo.n <= TREE_MEMO_MAX ? 0 : -1);
	} else {
		seg_emit(&x);
	}
}

int memhp_plan_build(struct memhp_plan_work *work,
		     const struct memhp_plan_window *windows,
		     unsigned int nwindows, unsigned int max_entries,
		     struct memhp_plan *out)
{
	unsigned int i;

	out->count = 0;
	for (i = 0; i < nwindows; i++)
		window_emit(work_of(work), &windows[i], out);
	if (out->count > max_entries || out->count > MEMHP_PLAN_ENTRIES_MAX)
		return -1;
	return 0;
}

static bool entry_match(const struct memhp_plan *plan, unsigned int i, u64 addr)
{
	const struct memhp_pmp_entry *e = &plan->e[i];
	u64 lo, hi;

	switch (e->cfg & MEMHP_PMP_A_MASK) {
	case MEMHP_PMP_A_TOR:
		lo = i ? (u64)plan->e[i - 1].addr << 2 : 0;
		hi = (u64)e->addr << 2;
		return addr >= lo && addr < hi;
	case MEMHP_PMP_A_NAPOT:
		memhp_napot_range(e->addr, &lo, &hi);
		return addr >= lo && addr <= hi;
	default:
		return false;
	}
}

unsigned int memhp_plan_check(const struct memhp_plan *plan, u64 addr)
{
	unsigned int i;

	for (i = 0; i < plan->count && i < MEMHP_PLAN_ENTRIES_MAX; i++)
		if (entry_match(plan, i, addr))
			return plan->e[i].cfg & MEMHP_PMP_RWX;
	return 0;
}
