/*
 * MEMHP concurrent stress: every hart hammers PLUG/UNPLUG on window 0 at
 * the same time, each with its own PRNG, in two phases.
 *
 * Phase 1 (owned blocks): window 0 is cut into one contiguous share per
 * hart. A hart plugs and unplugs random sub-ranges of its own share, so
 * it knows the exact answer (0, -6 or -8) and can touch its blocks after
 * every call (plugged: read/write work; unplugged: load and store access
 * faults). It also sends calls that cross the other harts' shares and
 * must fail because of one of its own blocks (PLUG over its plugged
 * block: -6, UNPLUG over its unplugged block: -8; all-or-nothing means
 * nobody else's block may change), and calls with bad parameters (-3).
 *
 * Phase 1 pauses 0-50 us between calls (under QEMU a tight loop of many
 * harts on few host cores turns the firmware's ticket lock into a convoy
 * and the counts collapse); phase 2 calls in a tight loop.
 *
 * Phase 2 (free for all): random ranges anywhere in the window; a result
 * must be one of the allowed outcomes. GENERATION read before and after
 * tells when no other call succeeded in between: then the touch and the
 * READ_STATE that follow the call must show exactly its effect.
 *
 * After each phase the sum of successful calls over all harts must equal
 * the change of GENERATION. Every wait is bounded by a deadline.
 *
 * A PLUG or UNPLUG that would otherwise succeed may be refused with -1
 * (SBI_ERR_FAILED) when the new set of plugged blocks does not fit in the
 * harts' PMP entries (a firmware built with HOTSBI_PMP_ENTRIES=8 and a
 * window of many blocks): it must change nothing, as any error. -1 is
 * accepted only where mh_pmp_may_refuse() says some state of the window
 * may not fit (the harts race, so the worst case is taken).
 */
#include "memhp.h"

/*
 * Every successful UNPLUG scrubs 128 MiB per block, some 60-100 ms under
 * QEMU: the phases aim at a time budget and keep successes rare enough
 * that the cheap calls (which still contend for the firmware's lock)
 * dominate.
 *
 * The budget is a target, not a test: a hart that reaches it before its
 * floor of calls (and, in phase 1, one successful call; in phase 2, until
 * some hart has verified a result through GENERATION) goes on until it
 * has them, so a slow or loaded host makes a phase longer, never fail.
 * Only the hard limit, for a livelock, ends a phase below the floor.
 */
#define STRESS_ITERS		5000UL		/* calls per hart and phase */
#define STRESS1_BUDGET_US	8000000UL
#define STRESS2_BUDGET_US	5000000UL
#define STRESS_HARD_US		60000000UL	/* budget + this: livelock */
#define STRESS1_PAUSE_US	50UL		/* phase 1: 0-50 us between calls */
/* Floors of calls per hart that prove the phases ran. */
#define STRESS1_MIN_OPS		50UL
#define STRESS2_MIN_OPS		10UL

enum { BAD_RESULT = 1, BAD_TOUCH, BAD_STATE, BAD_GEN, BAD_VERIFY };

struct stress_stats {
	unsigned long ops, plug_ok, unplug_ok, e1, e3, e6, e8, reads;
	unsigned long touches, states, verified, unverified;
	unsigned long bad;
	unsigned long t_ok, t_fail;	/* time ticks in PLUG/UNPLUG calls */
	unsigned long done;
	/* the first failure */
	unsigned long bad_kind, bad_fid, bad_first, bad_count;
	long bad_got, bad_want;
} __aligned(64);

static struct {
	unsigned long phase;
	unsigned long nparts;
	unsigned long n;		/* blocks of window 0 in play */
	unsigned long deadline;		/* the budget */
	unsigned long hard_deadline;	/* the livelock limit */
	unsigned long min_ops;		/* the floor per hart */
	unsigned long verified;		/* any hart verified a result */
	bool may_refuse;		/* -1 possible: see above */
	unsigned long go;
} ctl;

static struct stress_stats stats[MAX_HARTS];
static unsigned char st_buf[MAX_HARTS][MH_MAX_BLOCKS + 64] __aligned(64);

static unsigned long ticks_to_us(unsigned long t)
{
	unsigned long per_us = fdt.timebase / 1000000;

	return t / (per_us ? per_us : 1);
}

/* Whether a hart makes another call: see the budget above. */
static bool stress_more(const struct stress_stats *st)
{
	unsigned long now;

	if (st->ops >= STRESS_ITERS)
		return false;
	now = rdtime();
	if (now < ctl.deadline)
		return true;
	if (now >= ctl.hard_deadline)
		return false;
	return st->ops < ctl.min_ops ||
	       (ctl.phase == 1 && !st->plug_ok && !st->unplug_ok) ||
	       (ctl.phase == 2 && !atomic_load(&ctl.verified));
}

static void bad(struct stress_stats *st, unsigned long kind,
		unsigned long fid, unsigned long first, unsigned long count,
		long got, long want)
{
	if (!st->bad++) {
		st->bad_kind = kind;
		st->bad_fid = fid;
		st->bad_first = first;
		st->bad_count = count;
		st->bad_got = got;
		st->bad_want = want;
	}
}

static void count_result(struct stress_stats *st, unsigned long fid, long err)
{
	st->ops++;
	if (!err && fid == MEMHP_PLUG)
		st->plug_ok++;
	else if (!err)
		st->unplug_ok++;
	else if (err == SBI_ERR_FAILED)
		st->e1++;
	else if (err == SBI_ERR_INVALID_PARAM)
		st->e3++;
	else if (err == SBI_ERR_ALREADY_AVAILABLE)
		st->e6++;
	else if (err == SBI_ERR_ALREADY_STOPPED)
		st->e8++;
}

/* One checked PLUG/UNPLUG with a known answer. */
static long call_expect(struct stress_stats *st, unsigned long fid,
			unsigned long w, unsigned long first,
			unsigned long count, long want)
{
	unsigned long t = rdtime();
	long err = mh_op(fid, w, first, count).error;

	t = rdtime() - t;
	if (err)
		st->t_fail += t;
	else
		st->t_ok += t;
	count_result(st, fid, err);
	/* -1: the PMP budget refused a call that was otherwise fine */
	if (err != want && !(err == SBI_ERR_FAILED && !want && ctl.may_refuse))
		bad(st, BAD_RESULT, fid, first, count, err, want);
	return err;
}

/* Touch the first and last 8 bytes of block b; want TOUCH_OK or _FAULT. */
static void touch_block(struct stress_stats *st, unsigned long hartid,
			unsigned long b, int want)
{
	unsigned long a = mh_block_addr(0, b), i;
	struct mh_touch t;

	for (i = 0; i < 2; i++, a += mh_win[0].bsize - 8) {
		int c = mh_touch_class(a, mh_pattern(hartid, a), &t);

		st->touches++;
		if (c != want)
			bad(st, BAD_TOUCH, 0, b, a, c, want);
	}
}

/* A call with bad parameters: -3 whatever the state. */
static void call_invalid(struct stress_stats *st, unsigned long *seed)
{
	unsigned long n = ctl.n, nb = mh_win[0].nblocks;
	unsigned long fid = rand64(seed) & 1 ? MEMHP_PLUG : MEMHP_UNPLUG;
	unsigned long w = 0, f = rand64(seed) % n, c = 0;

	switch (rand64(seed) % 5) {
	case 0:
		break;				/* zero blocks */
	case 1:
		c = nb - f + 1 + rand64(seed) % 4;	/* leaves the window */
		break;
	case 2:
		f = nb + rand64(seed) % 8;	/* starts past the end */
		c = 1;
		break;
	case 3:
		c = -f - rand64(seed) % 2;	/* first + count wraps */
		break;
	default:
		w = mh_nwin + rand64(seed) % 4;	/* no such window */
		c = 1;
		break;
	}
	call_expect(st, fid, w, f, c, SBI_ERR_INVALID_PARAM);
}

static void stress_owned(unsigned long p, unsigned long hartid,
			 struct stress_stats *st, unsigned long *seed)
{
	unsigned long n = ctl.n, np = ctl.nparts;
	unsigned long lo = p * n / np, hi = (p + 1) * n / np;
	unsigned char mine[MH_MAX_BLOCKS] = { 0 };	/* all unplugged */
	unsigned long last_gen = 0;

	while (stress_more(st)) {
		unsigned long x = rand64(seed) % 100, f, c, b, i, fid;
		bool any_p = false, all_p = true;
		long want;

		/* a short random pause keeps the ticket lock out of convoys */
		delay_us(rand64(seed) % STRESS1_PAUSE_US);

		if (hi == lo || x >= 80) {
			if (rand64(seed) & 1) {
				call_invalid(st, seed);
				continue;
			}
			/* GENERATION never goes back, as any hart sees it */
			c = mh_get(MEMHP_ATTR_GENERATION, 0);
			st->reads++;
			if (c == -1UL || c < last_gen)
				bad(st, BAD_GEN, 0, last_gen, 0, c, last_gen);
			last_gen = c;
			continue;
		}
		if (x < 4) {
			/* a sub-range of my share: exact answer, then touch */
			f = lo + rand64(seed) % (hi - lo);
			c = 1 + rand64(seed) % (hi - f);
			fid = rand64(seed) & 1 ? MEMHP_PLUG : MEMHP_UNPLUG;
			for (i = f; i < f + c; i++) {
				any_p |= mine[i];
				all_p &= mine[i];
			}
			if (fid == MEMHP_PLUG)
				want = any_p ? SBI_ERR_ALREADY_AVAILABLE : 0;
			else
				want = all_p ? 0 : SBI_ERR_ALREADY_STOPPED;
			if (call_expect(st, fid, 0, f, c, want) || want)
				continue;
			for (i = f; i < f + c; i++) {
				mine[i] = fid == MEMHP_PLUG;
				touch_block(st, hartid, i,
					    mine[i] ? TOUCH_OK : TOUCH_FAULT);
			}
		} else if (x < 60) {
			/* across other shares, failing because of my block b */
			b = lo + rand64(seed) % (hi - lo);
			f = rand64(seed) % (b + 1);
			c = b + 1 - f + rand64(seed) % (n - b);
			if (mine[b])
				call_expect(st, MEMHP_PLUG, 0, f, c,
					    SBI_ERR_ALREADY_AVAILABLE);
			else
				call_expect(st, MEMHP_UNPLUG, 0, f, c,
					    SBI_ERR_ALREADY_STOPPED);
		} else {
			/* my block's state, as BLOCK_STATE and PMP show it */
			struct sbiret r;

			b = lo + rand64(seed) % (hi - lo);
			r = mh_block_state(0, b);
			st->states++;
			if (r.error || r.value != mine[b])
				bad(st, BAD_STATE, MEMHP_BLOCK_STATE, b, 1,
				    r.error ? r.error : r.value, mine[b]);
			touch_block(st, hartid, b,
				    mine[b] ? TOUCH_OK : TOUCH_FAULT);
		}
	}
}

static void stress_free(unsigned long hartid, struct stress_stats *st,
			unsigned long *seed)
{
	unsigned char *buf = st_buf[hartid];
	unsigned long n = ctl.n;

	while (stress_more(st)) {
		unsigned long f, c, fid, g0, g1, i, a = 0;
		bool has1 = false, has0 = false;
		int touch = -1;
		long err, busy;

		if (rand64(seed) % 100 < 40) {
			call_invalid(st, seed);
			continue;
		}
		fid = rand64(seed) & 1 ? MEMHP_PLUG : MEMHP_UNPLUG;
		f = rand64(seed) % n;
		/* mostly single blocks: every UNPLUG scrubs what it frees */
		c = rand64(seed) % 100 < 60 ? 1 : 1 + rand64(seed) % (n - f);
		g0 = mh_get(MEMHP_ATTR_GENERATION, 0);
		err = mh_op(fid, 0, f, c).error;
		count_result(st, fid, err);
		busy = fid == MEMHP_PLUG ? SBI_ERR_ALREADY_AVAILABLE :
					   SBI_ERR_ALREADY_STOPPED;
		if (err && err != busy &&
		    !(err == SBI_ERR_FAILED && ctl.may_refuse)) {
			bad(st, BAD_RESULT, fid, f, c, err, busy);
			continue;
		}
		if (!err) {
			struct mh_touch t;

			/* a spot of its own: other harts touch the block too */
			a = mh_block_addr(0, f + rand64(seed) % c) +
			    64 * hartid;
			touch = mh_touch_class(a, mh_pattern(hartid, a), &t);
			st->touches++;
		}
		memset(buf, 0xee, c + 1);
		if (mh_read_state(0, f, c, (unsigned long)buf, 0).error ||
		    buf[c] != 0xee) {
			bad(st, BAD_STATE, MEMHP_READ_STATE, f, c, -1, 0);
			continue;
		}
		g1 = mh_get(MEMHP_ATTR_GENERATION, 0);
		if (g1 < g0 + !err) {
			bad(st, BAD_GEN, fid, f, c, g1, g0);
			continue;
		}
		if (g1 != g0 + !err) {
			st->unverified++;
			continue;
		}
		/* nobody else changed anything between g0 and g1 */
		st->verified++;
		atomic_store(&ctl.verified, 1);
		for (i = 0; i < c; i++) {
			has1 |= buf[i] == MEMHP_PLUGGED;
			has0 |= buf[i] == MEMHP_UNPLUGGED;
		}
		if (!err && fid == MEMHP_PLUG && (has0 || touch != TOUCH_OK))
			bad(st, BAD_VERIFY, fid, f, c, touch, a);
		if (!err && fid == MEMHP_UNPLUG && (has1 || touch != TOUCH_FAULT))
			bad(st, BAD_VERIFY, fid, f, c, touch, a);
		if (err == SBI_ERR_ALREADY_AVAILABLE && !has1)
			bad(st, BAD_VERIFY, fid, f, c, err, 0);
		if (err == SBI_ERR_ALREADY_STOPPED && !has0)
			bad(st, BAD_VERIFY, fid, f, c, err, 0);
	}
}

static void stress_run(unsigned long p, unsigned long hartid)
{
	struct stress_stats *st = &stats[hartid];
	unsigned long seed = 0x9e3779b97f4a7c15UL * (hartid + 1) ^ rdtime() ^
			     (ctl.phase << 32);

	if (!seed)
		seed = 1;
	if (ctl.phase == 1)
		stress_owned(p, hartid, st, &seed);
	else
		stress_free(hartid, st, &seed);
	atomic_store(&st->done, 1);
}

void memhp_stress_cmd(struct hart_data *hd, unsigned long hartid,
		      unsigned long arg)
{
	if (!WAIT_UNTIL(atomic_load(&ctl.go), 5000000)) {
		hd->result[0] = -1;
		return;
	}
	stress_run(arg, hartid);
	hd->result[0] = 0;
}

static const char *const bad_names[] = {
	"", "wrong result", "wrong touch", "wrong state", "GENERATION",
	"GENERATION-verified state",
};

static void stress_phase(unsigned long phase, const unsigned long *parts,
			 unsigned long np)
{
	struct stress_stats sum;
	unsigned long i, g0, g1, t0, us, ok_calls = 0, b, nb, budget, min_ops;
	bool ok;

	memset(stats, 0, sizeof(stats));
	memset(&sum, 0, sizeof(sum));
	ctl.phase = phase;
	ctl.nparts = np;
	ctl.n = mh_win[0].nblocks < MH_MAX_BLOCKS ? mh_win[0].nblocks :
						    MH_MAX_BLOCKS;
	ctl.may_refuse = mh_pmp_may_refuse(NULL);
	atomic_store(&ctl.go, 0);
	g0 = mh_get(MEMHP_ATTR_GENERATION, 0);
	for (i = 1; i < np; i++)
		check_true(post_cmd(parts[i], CMD_MEMHP_STRESS, i),
			   "MEMHP stress phase %lu: hart %lu takes the command",
			   phase, parts[i]);
	t0 = rdtime();
	budget = phase == 1 ? STRESS1_BUDGET_US : STRESS2_BUDGET_US;
	min_ops = phase == 1 ? STRESS1_MIN_OPS : STRESS2_MIN_OPS;
	ctl.deadline = t0 + us_to_ticks(budget);
	ctl.hard_deadline = ctl.deadline + us_to_ticks(STRESS_HARD_US);
	ctl.min_ops = min_ops;
	ctl.verified = 0;
	atomic_store(&ctl.go, 1);
	stress_run(0, parts[0]);
	for (i = 1; i < np; i++) {
		ok = WAIT_UNTIL(atomic_load(&stats[parts[i]].done),
				budget + STRESS_HARD_US + 10000000) &&
		     wait_cmd(parts[i], 2000000);
		check_true(ok && harts[parts[i]].result[0] == 0,
			   "MEMHP stress phase %lu: hart %lu finishes in time",
			   phase, parts[i]);
	}
	us = ticks_to_us(rdtime() - t0);
	g1 = mh_get(MEMHP_ATTR_GENERATION, 0);

	for (i = 0; i < np; i++) {
		struct stress_stats *st = &stats[parts[i]];

		printk("# memhp stress phase %lu hart %lu: %lu calls (%lu plug, %lu unplug, %lu -6, %lu -8, %lu -3, %lu -1), %lu touches, %lu state reads, %lu/%lu verified\n",
		       phase, parts[i], st->ops, st->plug_ok, st->unplug_ok,
		       st->e6, st->e8, st->e3, st->e1, st->touches,
		       st->states + st->reads,
		       st->verified, st->verified + st->unverified);
		printk("# hart %lu: %lu us in successful calls, %lu us in failed calls\n",
		       parts[i], ticks_to_us(st->t_ok),
		       ticks_to_us(st->t_fail));
		if (st->bad)
			printk("# hart %lu: %lu failures, first: %s, fid %lu first %#lx count %#lx, got %ld, want %ld\n",
			       parts[i], st->bad, bad_names[st->bad_kind],
			       st->bad_fid, st->bad_first, st->bad_count,
			       st->bad_got, st->bad_want);
		check_eq(st->bad, 0,
			 "MEMHP stress phase %lu: hart %lu saw only allowed results, touches and states",
			 phase, parts[i]);
		check_true(st->ops >= min_ops,
			   "MEMHP stress phase %lu: hart %lu made at least %lu calls (%lu)",
			   phase, parts[i], min_ops, st->ops);
		sum.ops += st->ops;
		sum.plug_ok += st->plug_ok;
		sum.unplug_ok += st->unplug_ok;
		sum.e1 += st->e1;
		sum.e3 += st->e3;
		sum.e6 += st->e6;
		sum.e8 += st->e8;
		sum.touches += st->touches;
		sum.verified += st->verified;
	}
	ok_calls = sum.plug_ok + sum.unplug_ok;
	printk("# memhp stress phase %lu: %lu harts, %lu calls (%lu succeeded, %lu -6, %lu -8, %lu -3, %lu -1), %lu touches, %lu verified, %lu ms\n",
	       phase, np, sum.ops, ok_calls, sum.e6, sum.e8, sum.e3, sum.e1,
	       sum.touches, sum.verified, us / 1000);
	check_eq(g1 - g0, ok_calls,
		 "MEMHP stress phase %lu: GENERATION grew by the number of successful calls",
		 phase);
	check_true(ok_calls > 0, "MEMHP stress phase %lu: some calls succeeded",
		   phase);
	if (phase == 2)
		check_true(sum.verified > 0,
			   "MEMHP stress phase 2: some results were verified through GENERATION");

	/* the window holds what READ_STATE says; then everything goes */
	nb = ctl.n;
	memset(st_buf[0], 0xee, nb);
	ok = !mh_read_state(0, 0, nb, (unsigned long)st_buf[0], 0).error;
	for (b = 0, i = 0; ok && b < nb; b++)
		i += st_buf[0][b] == MEMHP_PLUGGED;
	check_true(ok && mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, 0) == i,
		   "MEMHP stress phase %lu: PLUGGED_BLOCKS = plugged bytes of READ_STATE (%lu)",
		   phase, i);
	for (b = 0; ok && b < nb; b++) {
		struct mh_touch t;
		unsigned long a = mh_block_addr(0, b);
		int c = mh_touch_class(a, mh_pattern(boot_hartid, a), &t);

		ok = c == (st_buf[0][b] == MEMHP_PLUGGED ? TOUCH_OK :
							    TOUCH_FAULT);
	}
	check_true(ok, "MEMHP stress phase %lu: every block behaves as READ_STATE says",
		   phase);
	/* whole runs and gaps: one block could need more PMP entries */
	i = 0;
	check_true(mh_drain(0, nb, &i) >= 0,
		   "MEMHP stress phase %lu: the leftover blocks unplugged (%lu refused for PMP on the way)",
		   phase, i);
	check_eq(mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, 0), 0,
		 "MEMHP stress phase %lu: PLUGGED_BLOCKS = 0 after the clean-up", phase);
}

void mh_stress(void)
{
	unsigned long parts[MAX_HARTS], np = 0, i;

	parts[np++] = boot_hartid;
	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h != boot_hartid && h < MAX_HARTS && harts[h].alive)
			parts[np++] = h;
	}
	check_eq(mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, 0), 0,
		 "MEMHP stress starts with every block unplugged");
	stress_phase(1, parts, np);
	stress_phase(2, parts, np);
}
