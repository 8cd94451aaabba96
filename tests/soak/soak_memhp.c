/*
 * MEMHP load of the soak program. Each window is cut into one share of
 * "owned" blocks per worker hart (only that hart plugs or unplugs them, so
 * it knows their exact state) and a "contested" rest that every worker
 * plugs and unplugs at random. Other workers read owned blocks under the
 * owner's seqlock: their PMP must agree with the owner's last call.
 *
 * Owned blocks: after a PLUG the block reads as zeros where sampled (the
 * window scrubs on unplug) and takes a pattern that must still be there
 * when the block is checked or unplugged; after an UNPLUG loads and stores
 * fault; BLOCK_STATE and READ_STATE always agree with the owner.
 * Contested blocks: every result must be an allowed one; a hart's own spot
 * in a block it just plugged reads zero or faults (someone unplugged it
 * again); when GENERATION shows no other successful call in between, the
 * effect must be exactly the call's. Expected errors (busy, PMP budget,
 * bad parameters, READ_STATE into an unplugged block) are counted.
 *
 * At the end: READ_STATE matches every owner's belief, PLUGGED_BLOCKS
 * matches READ_STATE, GENERATION grew by exactly the successful calls, every
 * block behaves as its state says, and after the clean-up nothing is left
 * plugged.
 */
#include "soak.h"

unsigned long mh_eid;
unsigned long mh_nwin;
struct mh_window mh_win[MH_MAX_WINDOWS];

static unsigned long num_windows, max_pfn;
static unsigned long gen_start[SOAK_MAX_WINDOWS];
/* Workers: every hart but the boot hart (the monitor), which owns nothing. */
static unsigned long hart_index[MAX_HARTS];
static unsigned long workers[MAX_HARTS], nworkers;

/* What each owner believes: state and pattern epoch of its blocks. */
static struct {
	unsigned char state[SOAK_MAX_WINDOWS][SOAK_MAX_BLOCKS];
	unsigned long epoch[SOAK_MAX_WINDOWS][SOAK_MAX_BLOCKS];
	unsigned long last_gen[SOAK_MAX_WINDOWS];
	unsigned char buf[SOAK_MAX_BLOCKS + 64];
} __aligned(64) belief[MAX_HARTS];

/* Odd while the owner changes its blocks of a window (a seqlock). */
static struct {
	unsigned long seq[SOAK_MAX_WINDOWS];
} __aligned(64) owner_seq[MAX_HARTS];

static unsigned long final_blocks_checked;

#define BIG_BLOCK	(64UL << 20)
static unsigned long small_window;	/* the one with the smallest blocks */

static unsigned long block_base(unsigned long w, unsigned long b)
{
	return soak_win[w].base + b * soak_win[w].bsize;
}

/*
 * Sample i of a block lies in the i-th sixteenth, at least 64 bytes into
 * it (the first 64 bytes of each sixteenth are for READ_STATE buffers).
 */
static unsigned long sample_addr(unsigned long w, unsigned long b,
				 unsigned long i)
{
	unsigned long part = soak_win[w].bsize / SOAK_SAMPLES;
	unsigned long h = (w * 131 + b * 31 + i * 7 + 1) * 0x9e3779b97f4a7c15UL;

	return block_base(w, b) + i * part + 64 +
	       ((h >> 20) % (part - 64) & ~7UL);
}

static unsigned long pattern(unsigned long hartid, unsigned long w,
			     unsigned long b, unsigned long epoch,
			     unsigned long i)
{
	return 0x536f616b00000000UL ^ (hartid << 56) ^ (w << 52) ^
	       (b << 40) ^ (epoch << 8) ^ i ^ 0x80;	/* never 0 */
}

/* Each hart's spot in a contested block (not used by owners). */
static unsigned long spot_addr(unsigned long hartid, unsigned long w,
			       unsigned long b)
{
	return block_base(w, b) + 64 * hart_index[hartid] + 8;
}

static void count_err(struct soak_stats *st, long err)
{
	switch (err) {
	case SBI_ERR_FAILED:
		st->err_budget++;
		break;
	case SBI_ERR_ALREADY_AVAILABLE:
	case SBI_ERR_ALREADY_STOPPED:
		st->err_busy++;
		break;
	case SBI_ERR_INVALID_PARAM:
		st->err_param++;
		break;
	case SBI_ERR_INVALID_ADDRESS:
		st->err_addr++;
		break;
	case SBI_ERR_NOT_SUPPORTED:
		st->err_attr++;
		break;
	}
}

static long call_op(struct soak_stats *st, unsigned long fid, unsigned long w,
		    unsigned long first, unsigned long count)
{
	long err;

	op_begin(st, fid == MEMHP_PLUG ? OP_MEMHP_PLUG : OP_MEMHP_UNPLUG,
		 (w << 32) | first, count);
	err = mh_op(fid, w, first, count).error;
	op_end(st);
	st->memhp_ops++;
	if (!err && fid == MEMHP_PLUG)
		st->plugs++;
	else if (!err)
		st->unplugs++;
	if (!err && w < SOAK_MAX_WINDOWS)
		st->window_ok[w]++;
	return err;
}

static struct sbiret call_attr(struct soak_stats *st, unsigned long attr,
			       unsigned long w)
{
	struct sbiret r;

	op_begin(st, OP_MEMHP_INFO, attr, w);
	r = mh_attr(attr, w);
	op_end(st);
	st->memhp_ops++;
	st->infos++;
	return r;
}

static struct sbiret call_state(struct soak_stats *st, unsigned long w,
				unsigned long b)
{
	struct sbiret r;

	op_begin(st, OP_MEMHP_STATE, w, b);
	r = mh_block_state(w, b);
	op_end(st);
	st->memhp_ops++;
	st->states++;
	return r;
}

static long call_read_state(struct soak_stats *st, unsigned long w,
			    unsigned long first, unsigned long count,
			    unsigned long buf, unsigned long hi)
{
	struct sbiret r;

	op_begin(st, OP_MEMHP_READ_STATE, (w << 32) | first, count);
	r = mh_read_state(w, first, count, buf, hi);
	op_end(st);
	st->memhp_ops++;
	st->read_states++;
	if (!r.error && (unsigned long)r.value != count)
		violation(current_hartid(), "READ_STATE(%lu, %lu, %lu) wrote %ld bytes",
			  w, first, count, r.value);
	return r.error;
}

static unsigned long generation(struct soak_stats *st, unsigned long w)
{
	struct sbiret r = call_attr(st, MEMHP_ATTR_GENERATION, w);

	if (r.error) {
		violation(current_hartid(), "GENERATION(%lu) returned %ld", w,
			  r.error);
		return 0;
	}
	if ((unsigned long)r.value < belief[current_hartid()].last_gen[w])
		violation(current_hartid(), "GENERATION(%lu) went back from %lu to %ld",
			  w, belief[current_hartid()].last_gen[w], r.value);
	belief[current_hartid()].last_gen[w] = r.value;
	return r.value;
}

/* Both a load and a store must fault with stval = addr. */
static void expect_faults(struct soak_stats *st, unsigned long hartid,
			  unsigned long addr, const char *what)
{
	unsigned long c1, c2;

	op_begin(st, OP_MEMHP_TOUCH, addr, 0);
	c1 = probe_ld(addr, NULL);
	c2 = probe_sd(addr, 0x5a5a5a5a5a5a5a5aUL);
	op_end(st);
	st->touches++;
	if (c1 == CAUSE_LOAD_ACCESS_FAULT)
		st->faults++;
	if (c2 == CAUSE_STORE_ACCESS_FAULT)
		st->faults++;
	if (c1 != CAUSE_LOAD_ACCESS_FAULT || c2 != CAUSE_STORE_ACCESS_FAULT)
		violation(hartid, "%s at %#lx: load cause %lu, store cause %lu, want 5 and 7",
			  what, addr, c1, c2);
}

/* ---- owned blocks */

static void owned_fill(struct soak_stats *st, unsigned long hartid,
		       unsigned long w, unsigned long b)
{
	struct soak_window *win = &soak_win[w];
	unsigned long e = ++belief[hartid].epoch[w][b], i, v, a;

	op_begin(st, OP_MEMHP_TOUCH, block_base(w, b), 1);
	for (i = 0; i < SOAK_SAMPLES; i++) {
		a = sample_addr(w, b, i);
		if (probe_ld(a, &v)) {
			violation(hartid, "plugged block %lu/%lu faults at %#lx",
				  w, b, a);
			break;
		}
		if (win->scrub && v)
			violation(hartid, "block %lu/%lu plugged after a scrub reads %#lx at %#lx, want 0",
				  w, b, v, a);
		*(volatile unsigned long *)a = pattern(hartid, w, b, e, i);
	}
	/* one more stretch of 256 bytes that must be zero */
	a = block_base(w, b) + win->bsize / SOAK_SAMPLES + 64 +
	    ((e * 4096) % (win->bsize / SOAK_SAMPLES - 64 - 256) & ~7UL);
	for (i = 0; win->scrub && i < 256; i += 8) {
		v = *(volatile unsigned long *)(a + i);
		if (v && a + i != sample_addr(w, b, 1)) {
			violation(hartid, "block %lu/%lu plugged after a scrub reads %#lx at %#lx, want 0",
				  w, b, v, a + i);
			break;
		}
	}
	for (i = 0; i < SOAK_SAMPLES; i++) {
		a = sample_addr(w, b, i);
		v = *(volatile unsigned long *)a;
		if (v != pattern(hartid, w, b, e, i)) {
			violation(hartid, "block %lu/%lu: wrote %#lx at %#lx, read %#lx",
				  w, b, pattern(hartid, w, b, e, i), a, v);
			break;
		}
	}
	op_end(st);
	st->touches++;
}

/* The pattern of an owned plugged block is intact. */
static void owned_verify(struct soak_stats *st, unsigned long hartid,
			 unsigned long w, unsigned long b, unsigned long n)
{
	unsigned long e = belief[hartid].epoch[w][b], i, v, a;

	op_begin(st, OP_MEMHP_TOUCH, block_base(w, b), 2);
	for (i = 0; i < n; i++) {
		a = sample_addr(w, b, i);
		if (probe_ld(a, &v)) {
			violation(hartid, "owned plugged block %lu/%lu faults at %#lx",
				  w, b, a);
			break;
		}
		if (v != pattern(hartid, w, b, e, i)) {
			violation(hartid, "owned plugged block %lu/%lu changed under us: %#lx at %#lx, want %#lx",
				  w, b, v, a, pattern(hartid, w, b, e, i));
			break;
		}
	}
	op_end(st);
	st->touches++;
}

/* The owner's call and its effect, while its sequence number is odd. */
static long owned_call(struct soak_stats *st, unsigned long hartid,
		       unsigned long fid, unsigned long w, unsigned long f,
		       unsigned long c, long want, unsigned long *seed)
{
	unsigned char *state = belief[hartid].state[w];
	long err = call_op(st, fid, w, f, c);
	unsigned long i;

	if (err == want && want)
		count_err(st, err);
	if (err == SBI_ERR_FAILED && !want) {
		/* the PMP entries cannot express it: nothing changed */
		count_err(st, err);
		return err;
	}
	if (err != want) {
		violation(hartid, "%s(%lu, %lu, %lu) of owned blocks returned %ld, want %ld",
			  fid == MEMHP_PLUG ? "PLUG" : "UNPLUG", w, f, c, err,
			  want);
		return err ? err : -1;
	}
	if (want)
		return want;
	for (i = f; i < f + c; i++) {
		WRITE_ONCE(state[i], fid == MEMHP_PLUG ? MEMHP_PLUGGED :
							  MEMHP_UNPLUGGED);
		if (fid == MEMHP_PLUG)
			owned_fill(st, hartid, w, i);
		else
			expect_faults(st, hartid, sample_addr(w, i, mh_rand(seed) %
							      SOAK_SAMPLES),
				      "unplugged owned block");
	}
	return 0;
}

/*
 * Another hart's owned block, read while its owner leaves it alone: the
 * owner's last PLUG or UNPLUG returned, so this hart's PMP must agree
 * (plugged: the owner's pattern reads back; unplugged: the load faults).
 */
static void peer_check(struct soak_stats *st, unsigned long hartid,
		       unsigned long w, unsigned long *seed)
{
	struct soak_window *win = &soak_win[w];
	unsigned long owner = workers[mh_rand(seed) % nworkers];
	unsigned long b = hart_index[owner] * win->share +
			  mh_rand(seed) % win->share;
	unsigned long i = mh_rand(seed) % SOAK_SAMPLES, s1, s2, e, v, cause;
	unsigned long a = sample_addr(w, b, i);
	unsigned char state;

	s1 = atomic_load(&owner_seq[owner].seq[w]);
	if (s1 & 1)
		return;
	state = READ_ONCE(belief[owner].state[w][b]);
	e = READ_ONCE(belief[owner].epoch[w][b]);
	op_begin(st, OP_MEMHP_TOUCH, a, 4);
	cause = probe_ld(a, &v);
	op_end(st);
	st->touches++;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	s2 = atomic_load(&owner_seq[owner].seq[w]);
	if (s1 != s2) {
		st->unverified++;
		if (cause == CAUSE_LOAD_ACCESS_FAULT)
			st->faults++;
		return;
	}
	st->peer_checks++;
	if (state == MEMHP_PLUGGED && cause)
		violation(hartid, "hart %lu's plugged block %lu/%lu faults here (cause %lu): stale PMP",
			  owner, w, b, cause);
	else if (state == MEMHP_PLUGGED && v != pattern(owner, w, b, e, i))
		violation(hartid, "hart %lu's plugged block %lu/%lu reads %#lx at %#lx, want %#lx",
			  owner, w, b, v, a, pattern(owner, w, b, e, i));
	else if (state != MEMHP_PLUGGED && cause != CAUSE_LOAD_ACCESS_FAULT)
		violation(hartid, "hart %lu's unplugged block %lu/%lu: load cause %lu, want %d: stale PMP",
			  owner, w, b, cause, CAUSE_LOAD_ACCESS_FAULT);
	else if (state != MEMHP_PLUGGED)
		st->faults++;
}

static void owned_op(struct soak_stats *st, unsigned long hartid,
		     unsigned long w, unsigned long *seed)
{
	struct soak_window *win = &soak_win[w];
	unsigned char *state = belief[hartid].state[w];
	unsigned long lo = hart_index[hartid] * win->share, hi = lo + win->share;
	unsigned long f = lo + mh_rand(seed) % win->share, c = 1, i, fid;
	bool all = true, any = false;
	long want, err;

	if (mh_rand(seed) % 4 == 0)
		c = 1 + mh_rand(seed) % (hi - f);
	for (i = f; i < f + c; i++) {
		all &= state[i] == MEMHP_PLUGGED;
		any |= state[i] == MEMHP_PLUGGED;
	}
	if (all) {
		fid = MEMHP_UNPLUG;
		want = 0;
	} else if (!any) {
		fid = MEMHP_PLUG;
		want = 0;
	} else {
		fid = mh_rand(seed) & 1 ? MEMHP_PLUG : MEMHP_UNPLUG;
		want = fid == MEMHP_PLUG ? SBI_ERR_ALREADY_AVAILABLE :
					   SBI_ERR_ALREADY_STOPPED;
	}
	if (fid == MEMHP_UNPLUG && !want)
		for (i = f; i < f + c; i++)
			owned_verify(st, hartid, w, i, SOAK_SAMPLES);
	atomic_add(&owner_seq[hartid].seq[w], 1);
	err = owned_call(st, hartid, fid, w, f, c, want, seed);
	atomic_add(&owner_seq[hartid].seq[w], 1);
	if (err)
		return;
}

/* BLOCK_STATE, READ_STATE and a touch agree with what the owner knows. */
static void owned_check(struct soak_stats *st, unsigned long hartid,
			unsigned long w, unsigned long *seed)
{
	struct soak_window *win = &soak_win[w];
	unsigned char *state = belief[hartid].state[w];
	unsigned char *buf = belief[hartid].buf;
	unsigned long lo = hart_index[hartid] * win->share;
	unsigned long b = lo + mh_rand(seed) % win->share, i, where;
	struct sbiret r;
	long err;

	switch (mh_rand(seed) % 3) {
	case 0:
		r = call_state(st, w, b);
		if (r.error || r.value != state[b])
			violation(hartid, "BLOCK_STATE(%lu, %lu) = %ld/%ld, owner knows %u",
				  w, b, r.error, r.value, state[b]);
		if (state[b] == MEMHP_PLUGGED)
			owned_verify(st, hartid, w, b, 1 + mh_rand(seed) % SOAK_SAMPLES);
		else
			expect_faults(st, hartid,
				      sample_addr(w, b, mh_rand(seed) % SOAK_SAMPLES),
				      "unplugged owned block");
		break;
	case 1:
		memset(buf, 0xee, win->share + 1);
		err = call_read_state(st, w, lo, win->share, (unsigned long)buf, 0);
		if (err || buf[win->share] != 0xee ||
		    memcmp(buf, state + lo, win->share))
			violation(hartid, "READ_STATE(%lu, %lu, %lu) returned %ld or disagrees with the owner",
				  w, lo, win->share, err);
		break;
	default:
		/* a buffer inside block b: fine when plugged, else -5 */
		where = block_base(w, b) +
			(mh_rand(seed) % SOAK_SAMPLES) * (win->bsize / SOAK_SAMPLES);
		err = call_read_state(st, w, lo, win->share, where, 0);
		if (state[b] == MEMHP_PLUGGED) {
			const volatile unsigned char *p = (void *)where;

			for (i = 0; !err && i < win->share; i++)
				if (p[i] != state[lo + i])
					break;
			if (err || i < win->share)
				violation(hartid, "READ_STATE into plugged block %lu/%lu returned %ld or wrote wrong bytes",
					  w, b, err);
		} else if (err == SBI_ERR_INVALID_ADDRESS) {
			count_err(st, err);
		} else {
			violation(hartid, "READ_STATE into unplugged block %lu/%lu returned %ld, want %d",
				  w, b, err, SBI_ERR_INVALID_ADDRESS);
		}
		break;
	}
}

/* ---- contested blocks */

static void contested_op(struct soak_stats *st, unsigned long hartid,
			 unsigned long w, unsigned long *seed)
{
	struct soak_window *win = &soak_win[w];
	unsigned char *buf = belief[hartid].buf;
	unsigned long n = win->nblocks - win->contested;
	unsigned long f = win->contested + mh_rand(seed) % n, c = 1, i, g0, g1;
	unsigned long fid = mh_rand(seed) & 1 ? MEMHP_PLUG : MEMHP_UNPLUG;
	unsigned long seen[4], cause[4];
	bool has_p = false, has_u = false, verified;
	long err, busy;

	if (mh_rand(seed) % 4 == 0)
		c = 1 + mh_rand(seed) % (win->nblocks - f < 4 ? win->nblocks - f : 4);
	busy = fid == MEMHP_PLUG ? SBI_ERR_ALREADY_AVAILABLE :
				   SBI_ERR_ALREADY_STOPPED;
	g0 = generation(st, w);
	err = call_op(st, fid, w, f, c);
	if (err && err != busy && err != SBI_ERR_FAILED) {
		violation(hartid, "%s(%lu, %lu, %lu) of contested blocks returned %ld",
			  fid == MEMHP_PLUG ? "PLUG" : "UNPLUG", w, f, c, err);
		return;
	}
	count_err(st, err);
	for (i = 0; !err && i < c; i++) {
		unsigned long a = spot_addr(hartid, w, f + i);

		op_begin(st, OP_MEMHP_TOUCH, a, 3);
		cause[i] = probe_ld(a, &seen[i]);
		if (!cause[i] && fid == MEMHP_PLUG)
			probe_sd(a, pattern(hartid, w, f + i, 0, 0));
		op_end(st);
		st->touches++;
		/* my spot is only ever written after my PLUG, then scrubbed */
		if (cause[i] && cause[i] != CAUSE_LOAD_ACCESS_FAULT)
			violation(hartid, "contested block %lu/%lu: load cause %lu",
				  w, f + i, cause[i]);
		else if (cause[i])
			st->faults++;
		else if (win->scrub && seen[i])
			violation(hartid, "contested block %lu/%lu: my spot %#lx reads %#lx after a scrub, want 0",
				  w, f + i, a, seen[i]);
	}
	memset(buf, 0xee, c + 1);
	if (call_read_state(st, w, f, c, (unsigned long)buf, 0) ||
	    buf[c] != 0xee) {
		violation(hartid, "READ_STATE(%lu, %lu, %lu) failed", w, f, c);
		return;
	}
	g1 = generation(st, w);
	if (g1 < g0 + !err)
		violation(hartid, "GENERATION(%lu) grew from %lu to only %lu around a successful call",
			  w, g0, g1);
	verified = g1 == g0 + !err;
	if (!verified) {
		st->unverified++;
		return;
	}
	/* nobody else changed window w between g0 and g1 */
	st->verified++;
	for (i = 0; i < c; i++) {
		has_p |= buf[i] == MEMHP_PLUGGED;
		has_u |= buf[i] == MEMHP_UNPLUGGED;
	}
	if ((!err && fid == MEMHP_PLUG && has_u) ||
	    (!err && fid == MEMHP_UNPLUG && has_p) ||
	    (err == SBI_ERR_ALREADY_AVAILABLE && !has_p) ||
	    (err == SBI_ERR_ALREADY_STOPPED && !has_u) ||
	    (err == SBI_ERR_FAILED && fid == MEMHP_PLUG && has_p) ||
	    (err == SBI_ERR_FAILED && fid == MEMHP_UNPLUG && has_u))
		violation(hartid, "%s(%lu, %lu, %lu) returned %ld but READ_STATE disagrees",
			  fid == MEMHP_PLUG ? "PLUG" : "UNPLUG", w, f, c, err);
	for (i = 0; !err && i < c; i++) {
		if (fid == MEMHP_PLUG && cause[i])
			violation(hartid, "contested block %lu/%lu faults right after its PLUG",
				  w, f + i);
		if (fid == MEMHP_UNPLUG && !cause[i])
			violation(hartid, "contested block %lu/%lu is readable right after its UNPLUG",
				  w, f + i);
	}
}

/* ---- attributes and calls that must fail */

static void info_op(struct soak_stats *st, unsigned long hartid,
		    unsigned long w, unsigned long *seed)
{
	struct soak_window *win = &soak_win[w];
	unsigned long attr = mh_rand(seed) % (MEMHP_NUM_ATTRS + 1), want, i;
	unsigned long mine = 0;
	struct sbiret r;

	if (attr == MEMHP_ATTR_GENERATION) {
		generation(st, w);
		return;
	}
	r = call_attr(st, attr, w);
	if (attr == MEMHP_NUM_ATTRS) {
		if (r.error == SBI_ERR_NOT_SUPPORTED)
			count_err(st, r.error);
		else
			violation(hartid, "GET_ATTR(%lu) returned %ld, want %d",
				  attr, r.error, SBI_ERR_NOT_SUPPORTED);
		return;
	}
	if (r.error) {
		violation(hartid, "GET_ATTR(%lu, %lu) returned %ld", attr, w,
			  r.error);
		return;
	}
	switch (attr) {
	case MEMHP_ATTR_SPEC_VERSION:
		want = MEMHP_SPEC_VERSION_1_1;
		break;
	case MEMHP_ATTR_NUM_WINDOWS:
		want = num_windows;
		break;
	case MEMHP_ATTR_MAX_PFN:
		want = max_pfn;
		break;
	case MEMHP_ATTR_WINDOW_BASE:
		want = win->base;
		break;
	case MEMHP_ATTR_WINDOW_SIZE:
		want = win->size;
		break;
	case MEMHP_ATTR_BLOCK_SIZE:
		want = win->bsize;
		break;
	case MEMHP_ATTR_WINDOW_FLAGS:
		want = win->flags;
		break;
	case MEMHP_ATTR_PLUGGED_BLOCKS:
		/* at least my own plugged blocks, at most the window */
		for (i = 0; i < win->share; i++)
			mine += belief[hartid].state[w][hart_index[hartid] *
							 win->share + i];
		if ((unsigned long)r.value < mine ||
		    (unsigned long)r.value > win->total_blocks)
			violation(hartid, "PLUGGED_BLOCKS(%lu) = %ld, I alone hold %lu of %lu",
				  w, r.value, mine, win->total_blocks);
		return;
	default:
		return;			/* NUMA_NODE: nothing to compare */
	}
	if ((unsigned long)r.value != want)
		violation(hartid, "GET_ATTR(%lu, %lu) = %#lx, at boot %#lx",
			  attr, w, r.value, want);
}

static void error_op(struct soak_stats *st, unsigned long hartid,
		     unsigned long w, unsigned long *seed)
{
	struct soak_window *win = &soak_win[w];
	unsigned long fid = mh_rand(seed) & 1 ? MEMHP_PLUG : MEMHP_UNPLUG;
	unsigned long lo = hart_index[hartid] * win->share, b, f, c;
	unsigned char *state = belief[hartid].state[w];
	struct sbiret r;
	long want = SBI_ERR_INVALID_PARAM, err;

	switch (mh_rand(seed) % 6) {
	case 0:
		err = call_op(st, fid, num_windows + mh_rand(seed) % 3, 0, 1);
		break;
	case 1:
		err = call_op(st, fid, w, mh_rand(seed) % win->total_blocks, 0);
		break;
	case 2:
		f = win->total_blocks - 1 - mh_rand(seed) % 2;
		err = call_op(st, fid, w, f, win->total_blocks - f + 1);
		break;
	case 3:
		r = call_state(st, w, win->total_blocks + mh_rand(seed) % 4);
		err = r.error;
		break;
	case 4:
		want = SBI_ERR_INVALID_ADDRESS;
		err = call_read_state(st, w, 0, 1,
				      (unsigned long)belief[hartid].buf, 1);
		break;
	default:
		/* a range over my block b (and others'): b decides the answer */
		if (!win->share)
			return;
		b = lo + mh_rand(seed) % win->share;
		f = mh_rand(seed) % (b + 1);
		c = b + 1 - f + mh_rand(seed) % (win->nblocks - b);
		fid = state[b] == MEMHP_PLUGGED ? MEMHP_PLUG : MEMHP_UNPLUG;
		want = fid == MEMHP_PLUG ? SBI_ERR_ALREADY_AVAILABLE :
					   SBI_ERR_ALREADY_STOPPED;
		err = call_op(st, fid, w, f, c);
		break;
	}
	if (err == want)
		count_err(st, err);
	else
		violation(hartid, "a call that must fail with %ld returned %ld (window %lu)",
			  want, err, w);
}

void memhp_step(unsigned long hartid, unsigned long *seed)
{
	struct soak_stats *st = &soak_stats[hartid];
	unsigned long w = mh_rand(seed) % soak_nwin, x = mh_rand(seed) % 100;
	struct soak_window *win;

	/*
	 * Every UNPLUG of a 128 MiB block scrubs it under the manager's lock
	 * (100-300 ms here): windows of big blocks get a quarter of the calls
	 * when there is a window of small blocks.
	 */
	if (soak_win[w].bsize >= BIG_BLOCK && mh_rand(seed) % 4)
		w = small_window;
	win = &soak_win[w];
	if (x < 30 && win->share)
		owned_op(st, hartid, w, seed);
	else if (x < 40 && win->share)
		owned_check(st, hartid, w, seed);
	else if (x < 50 && win->share)
		peer_check(st, hartid, w, seed);
	else if (x < 80 && win->contested < win->nblocks)
		contested_op(st, hartid, w, seed);
	else if (x < 90)
		info_op(st, hartid, w, seed);
	else
		error_op(st, hartid, w, seed);
}

/* ---- set-up and the final cross-check */

bool memhp_setup(void)
{
	struct soak_stats *st = &soak_stats[current_hartid()];
	unsigned long vendor, w, i;

	for (i = 0; i < soak_nharts; i++)
		if (soak_hartids[i] != soak_boot_hart || soak_nharts == 1)
			workers[nworkers++] = soak_hartids[i];
	for (i = 0; i < nworkers; i++)
		hart_index[workers[i]] = i;
	hart_index[soak_boot_hart] = nworkers;
	vendor = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MVENDORID).value;
	mh_eid = MEMHP_EID_BASE | (vendor & 0xffffff);
	if (sbi_probe(mh_eid).value != 1) {
		violation(current_hartid(), "MEMHP extension %#lx not found", mh_eid);
		return false;
	}
	num_windows = mh_get(MEMHP_ATTR_NUM_WINDOWS, 0);
	max_pfn = mh_get(MEMHP_ATTR_MAX_PFN, 0);
	soak_nwin = num_windows < SOAK_MAX_WINDOWS ? num_windows : SOAK_MAX_WINDOWS;
	if (!num_windows || num_windows == -1UL) {
		violation(current_hartid(), "no MEMHP window");
		return false;
	}
	for (w = 0; w < soak_nwin; w++) {
		struct soak_window *win = &soak_win[w];

		win->base = mh_get(MEMHP_ATTR_WINDOW_BASE, w);
		win->size = mh_get(MEMHP_ATTR_WINDOW_SIZE, w);
		win->bsize = mh_get(MEMHP_ATTR_BLOCK_SIZE, w);
		win->flags = mh_get(MEMHP_ATTR_WINDOW_FLAGS, w);
		win->scrub = win->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG;
		/* samples and READ_STATE buffers need 8 KiB blocks */
		if (win->bsize < 8192 || win->size < win->bsize) {
			violation(current_hartid(), "window %lu: block size %#lx, size %#lx",
				  w, win->bsize, win->size);
			return false;
		}
		win->total_blocks = win->size / win->bsize;
		win->nblocks = win->total_blocks < SOAK_MAX_BLOCKS ?
				       win->total_blocks : SOAK_MAX_BLOCKS;
		win->share = win->nblocks / 2 / nworkers;
		win->contested = win->share * nworkers;
		if (mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, w) != 0) {
			violation(current_hartid(), "window %lu has plugged blocks at boot", w);
			return false;
		}
		/* plug and unplug everything once: every block is scrubbed */
		if (call_op(st, MEMHP_PLUG, w, 0, win->nblocks) ||
		    call_op(st, MEMHP_UNPLUG, w, 0, win->nblocks)) {
			violation(current_hartid(), "window %lu: PLUG/UNPLUG of all %lu blocks failed",
				  w, win->nblocks);
			return false;
		}
		if (win->bsize < soak_win[small_window].bsize)
			small_window = w;
		gen_start[w] = mh_get(MEMHP_ATTR_GENERATION, w);
		st->window_ok[w] = 0;
		printk("soak: window %lu: %#lx, %lu blocks of %lu KiB (%lu followed): %lu owned per worker, %lu contested%s\n",
		       w, win->base, win->total_blocks, win->bsize >> 10,
		       win->nblocks, win->share, win->nblocks - win->contested,
		       win->scrub ? ", scrubbed on unplug" : "");
	}
	memset(st, 0, sizeof(*st));
	return true;
}

static bool final_window(unsigned long w)
{
	struct soak_stats *st = &soak_stats[current_hartid()];
	struct soak_window *win = &soak_win[w];
	unsigned char *buf = belief[current_hartid()].buf;
	unsigned long i, b, plugged = 0, ok_calls = 0, g, refused = 0;
	long calls;
	bool ok = true;

	for (i = 0; i < soak_nharts; i++)
		ok_calls += soak_stats[soak_hartids[i]].window_ok[w];
	memset(buf, 0xee, win->nblocks + 1);
	if (call_read_state(st, w, 0, win->nblocks, (unsigned long)buf, 0)) {
		violation(current_hartid(), "final READ_STATE of window %lu failed", w);
		return false;
	}
	g = mh_get(MEMHP_ATTR_GENERATION, w);
	if (g - gen_start[w] != ok_calls) {
		violation(current_hartid(), "window %lu: GENERATION grew by %lu, harts made %lu successful calls",
			  w, g - gen_start[w], ok_calls);
		ok = false;
	}
	for (b = 0; b < win->nblocks; b++) {
		bool owned = b < win->contested;
		unsigned long owner = owned ? workers[b / win->share] : 0;

		plugged += buf[b] == MEMHP_PLUGGED;
		if (owned && buf[b] != belief[owner].state[w][b]) {
			violation(current_hartid(), "window %lu block %lu is %u, its owner hart %lu believes %u",
				  w, b, buf[b], owner, belief[owner].state[w][b]);
			ok = false;
		}
		if (buf[b] == MEMHP_PLUGGED) {
			unsigned long v;

			if (probe_ld(block_base(w, b), &v)) {
				violation(current_hartid(), "window %lu block %lu is plugged but faults", w, b);
				ok = false;
			}
			if (owned)
				owned_verify(st, owner, w, b, SOAK_SAMPLES);
		} else {
			expect_faults(st, current_hartid(), block_base(w, b),
				      "final: unplugged block");
		}
		final_blocks_checked++;
	}
	if (win->nblocks == win->total_blocks &&
	    mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, w) != plugged) {
		violation(current_hartid(), "window %lu: PLUGGED_BLOCKS %lu, READ_STATE shows %lu",
			  w, mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, w), plugged);
		ok = false;
	}
	/*
	 * Clean up by whole runs and gaps (mh_drain): unplugging a whole run
	 * can need more PMP entries (a second hole in a mostly plugged
	 * window), so a single UNPLUG may be refused with -1.
	 */
	calls = mh_drain(w, win->nblocks, &refused);
	if (calls < 0) {
		violation(current_hartid(), "window %lu: the clean-up found no accepted UNPLUG or PLUG", w);
		ok = false;
	}
	if (mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, w) != 0) {
		violation(current_hartid(), "window %lu: %lu blocks still plugged after the clean-up",
			  w, mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, w));
		ok = false;
	}
	for (b = 0; b < win->nblocks; b++)
		expect_faults(st, current_hartid(),
			      block_base(w, b) + win->bsize - 8,
			      "after the clean-up: block");
	printk("soak: window %lu at the end: %lu plugged (clean-up: %ld calls, %lu refused for PMP), GENERATION +%lu = successful calls %lu\n",
	       w, plugged, calls, refused, g - gen_start[w], ok_calls);
	return ok;
}

bool memhp_final(void)
{
	unsigned long w;
	bool ok = true;

	for (w = 0; w < soak_nwin; w++)
		ok &= final_window(w);
	return ok;
}

void memhp_report(void)
{
	unsigned long i, budget = 0, busy = 0, param = 0, addr = 0, attr = 0;
	unsigned long ver = 0, unver = 0, states = 0, infos = 0, reads = 0;

	for (i = 0; i < soak_nharts; i++) {
		struct soak_stats *st = &soak_stats[soak_hartids[i]];

		budget += st->err_budget;
		busy += st->err_busy;
		param += st->err_param;
		addr += st->err_addr;
		attr += st->err_attr;
		ver += st->verified + st->peer_checks;
		unver += st->unverified;
		states += st->states;
		infos += st->infos;
		reads += st->read_states;
	}
	printk("soak: memhp: expected errors: %lu busy (-6/-8), %lu PMP budget (-1), %lu invalid (-3), %lu bad address (-5), %lu unknown attribute (-2)\n",
	       busy, budget, param, addr, attr);
	printk("soak: memhp: %lu BLOCK_STATE, %lu GET_ATTR, %lu READ_STATE; %lu contested calls and other harts' blocks verified, %lu not (changing meanwhile); %lu blocks checked at the end\n",
	       states, infos, reads, ver, unver, final_blocks_checked);
}
