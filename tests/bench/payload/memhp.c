/*
 * HotSBI bench payload, MEMHP part: instret of PLUG and UNPLUG (1 and 8
 * blocks) on a scrubbing window (the emulated card) and a non-scrubbing
 * one (a board window), with every hart of the machine started.
 *
 * QEMU 7.2 -icount runs the harts round-robin on one thread and its
 * instret is machine-wide (the virtual clock), not per hart.  A hart's
 * turn ends only when it halts, is kicked, or reaches the next virtual
 * timer deadline; an IPI does none of these.  So with more than one hart:
 *
 *  - the calling hart is the last one (vCPU order is hart order) and every
 *    other hart idles in wfi (memhp_idle in loops.S): idle harts retire
 *    nothing, a woken one runs its IPI handler and halts again;
 *  - before each timed call the caller arms the goldfish RTC alarm
 *    (-rtc clock=vm) `slice` instructions ahead (arming kicks the caller,
 *    so the slice starts at once) and, as a backstop, its Sstc timer far
 *    beyond; the firmware posts the IPIs and spins until the deadline
 *    ends the caller's turn, then hart 0 .. N-2 run their handlers in
 *    order, then the caller finds every ack and returns;
 *  - the smallest slice at which the call still needs just one deadline is
 *    the one where the caller's last IPI goes out right before it: there
 *    the caller wastes no spin, and the raw delta is all harts' work for
 *    the call.  Each idle hart stores instret as it leaves wfi, so the
 *    targets' share is (last target's store + its idle-loop tail) minus the
 *    deadline; the caller's own instructions are the rest.
 *
 * A scrubbing UNPLUG splits the scrub among the harts: a second cross-hart
 * call whose shares (17 million instructions a block, over N) exceed the
 * turns QEMU gives (time to the next timer deadline over N, with its
 * round-robin kick every 100 ms), so the harts' shares interleave and the
 * machine-wide instret cannot be taken apart.  Those calls run at the
 * slice of the same UNPLUG on the board window (the plan's IPIs go out
 * before the deadline) and report the raw delta only, with a line
 * "@@ memhp_split <op> 1"; run-bench.py derives the caller's count.
 *
 * Output: "@@ memhp <op> <raw instret> <targets' share> <slice> <spread>"
 * (slice 0 and share 0 with one hart; spread = max - min of the repeats).
 */
#include "bench.h"
#include "rtc.h"

#define HARTS_MAX		8
#define BLOCKS			8

/* deadlines, in instructions (= virtual ns under -icount shift=0) */
#define SLICE_MIN		64
#define SLICE_BIG		65536
#define BACKSTOP		200000
/* idle loop after its instret store: sd, j, wfi (see memhp_idle) */
#define IDLE_TAIL		3

/* per hart: instret read as it left wfi; set to 1 when it reached idle */
extern volatile ulong memhp_wake[HARTS_MAX];
extern volatile ulong memhp_ready[HARTS_MAX];

static ulong nharts, caller;
static long rtc_offset; /* RTC time - instret */

struct window {
	ulong id;
	ulong base, size, block_size, flags;
	ulong plugged; /* blocks 0 .. plugged - 1 are plugged */
};

static struct window card, board;

/* one timed call: raw delta and, with other harts, their share */
struct sample {
	ulong delta;
	ulong late;	/* last target's wake, instructions after the deadline */
	long share;	/* the other harts' instructions */
	long err;
	int early;	/* a target ran before the deadline */
	ulong wake[HARTS_MAX]; /* each target's wake, after the deadline */
};

static ulong instret(void)
{
	return csr_read(instret);
}

static void rtc_alarm_at(ulong when)
{
	volatile u32 *rtc = (volatile u32 *)RTC_BASE;
	ulong t = when + rtc_offset;

	rtc[RTC_ALARM_HIGH / 4] = t >> 32;
	rtc[RTC_ALARM_LOW / 4] = (u32)t; /* timer_mod: QEMU kicks this hart */
}

/* End this hart's turn so that the other harts run. */
static void yield(ulong window)
{
	rtc_alarm_at(instret() + window);
}

static void backstop(ulong instructions)
{
	/* stimecmp (Sstc); time runs at 10 MHz: 100 instructions a tick */
	csr_write(0x14d, csr_read(time) + instructions / 100 + 1);
}

static struct sample timed(ulong fid, struct window *w, ulong count,
			   ulong slice)
{
	struct sample s = { 0 };
	ulong t0, deadline = 0, last = caller - 1, i;

	if (nharts > 1) {
		backstop(slice + BACKSTOP);
		deadline = instret() + slice;
		rtc_alarm_at(deadline);
	}
	s.delta = memhp_timed_ecall(w->id, 0, count, fid, &t0, &s.err, mh_eid);
	if (nharts > 1) {
		s.late = memhp_wake[last] - deadline;
		for (i = 0; i < last + 1; i++)
			s.wake[i] = memhp_wake[i] - deadline;
		s.share = (long)(memhp_wake[last] + IDLE_TAIL - deadline);
		/*
		 * A target that woke before the deadline had its turn early
		 * (something else ended the caller's turn, such as QEMU's
		 * round-robin kick timer): not exact, take another sample.
		 */
		for (i = 0; i < nharts; i++)
			if (i != caller && memhp_wake[i] > t0 &&
			    memhp_wake[i] < deadline)
				s.early = 1;
	}
	return s;
}

static void check(const char *what, struct sample s)
{
	if (s.err)
		fail(what, s.err);
}

/* Leave blocks 0 .. @k - 1 of @w plugged and the rest unplugged. */
static void set_state(struct window *w, ulong k)
{
	if (w->plugged == k)
		return;
	if (w->plugged)
		check("memhp_setup_unplug",
		      timed(MEMHP_UNPLUG, w, w->plugged, SLICE_BIG));
	w->plugged = 0;
	if (k)
		check("memhp_setup_plug", timed(MEMHP_PLUG, w, k, SLICE_BIG));
	w->plugged = k;
}

static struct sample probe(ulong fid, struct window *w, ulong count,
			   ulong slice)
{
	struct sample s;
	int tries = 0;

	do {
		if (tries++ == 5)
			fail("memhp_targets_keep_running_early", slice);
		set_state(w, fid == MEMHP_PLUG ? 0 : count);
		s = timed(fid, w, count, slice);
		check(fid == MEMHP_PLUG ? "memhp_plug" : "memhp_unplug", s);
		w->plugged = fid == MEMHP_PLUG ? count : 0;
	} while (s.early);
	return s;
}

/*
 * Did the call need one deadline only?  With the slice too short the last
 * IPI goes out after the deadline, and its target runs only after the
 * caller's backstop, BACKSTOP instructions on.
 */
static int fits(ulong fid, struct window *w, ulong count, ulong slice)
{
	struct sample s = probe(fid, w, count, slice);

	return s.late < BACKSTOP / 2;
}

/* Smallest slice in (lo, hi] that fits; lo must not fit, hi must. */
static ulong find_slice(ulong fid, struct window *w, ulong count, ulong lo,
			ulong hi)
{
	while (hi - lo > 1) {
		ulong mid = (lo + hi) / 2;

		if (fits(fid, w, count, mid))
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

static void report(const char *name, struct sample s, ulong slice,
		   ulong spread)
{
	out("@@ memhp %s %lu %ld %lu %lu\n", name, s.delta, s.share, slice,
	    spread);
}

/*
 * Measure one operation @reps times at its smallest fitting slice.
 * @hint: a slice found for a similar call (0: none); calls that scrub,
 * or need a scrub to undo, cost 23 million instructions a block, so they
 * search only around it when it brackets their own.
 */
static ulong measure(const char *name, ulong fid, struct window *w,
		     ulong count, int reps, ulong hint)
{
	struct sample s, best = { 0 };
	ulong slice = 0, lo = SLICE_MIN, hi = SLICE_BIG, min = -1UL, max = 0;
	ulong step;
	int i, split = nharts > 1 && fid == MEMHP_UNPLUG &&
		       (w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG);

	if (split) {
		slice = hint;
	} else if (nharts > 1) {
		for (step = 16; hint && step <= 1024; step *= 8) {
			ulong l = hint > step + SLICE_MIN ? hint - step : SLICE_MIN;

			if (!fits(fid, w, count, l) &&
			    fits(fid, w, count, hint + step)) {
				lo = l;
				hi = hint + step;
				break;
			}
		}
		if (hi == SLICE_BIG && !fits(fid, w, count, hi))
			fail("memhp_no_slice_fits", hi);
		slice = find_slice(fid, w, count, lo, hi);
	}
	for (i = 0; i < reps; i++) {
		s = probe(fid, w, count, slice);
		if (split)
			s.share = 0;
		else if (nharts > 1 && s.late >= BACKSTOP / 2)
			fail("memhp_slice_no_longer_fits", slice);
		if (s.delta < min) {
			min = s.delta;
			best = s;
		}
		if (s.delta > max)
			max = s.delta;
	}
	report(name, best, slice, max - min);
	if (split)
		out("@@ memhp_split %s 1\n", name);
	if (nharts > 1) {
		/* when each target left wfi, after the deadline of its turn */
		out("@@ memhp_wakes %s", name);
		for (i = 0; i < (int)nharts - 1; i++)
			out(" %lu", best.wake[i]);
		out("\n");
	}
	return slice;
}

static void find_windows(void)
{
	struct sbiret r;
	ulong n, i;

	r = sbi_probe(mh_find_eid());
	if (r.error || r.value <= 0)
		fail("memhp_probe", r.error ? r.error : r.value);
	r = mh_attr(MEMHP_ATTR_NUM_WINDOWS, 0);
	if (r.error)
		fail("memhp_num_windows", r.error);
	n = r.value;
	kv_dec("memhp_windows", n);
	card.id = board.id = -1UL;
	for (i = 0; i < n; i++) {
		struct window w = { .id = i };

		w.base = mh_attr(MEMHP_ATTR_WINDOW_BASE, i).value;
		w.size = mh_attr(MEMHP_ATTR_WINDOW_SIZE, i).value;
		w.block_size = mh_attr(MEMHP_ATTR_BLOCK_SIZE, i).value;
		w.flags = mh_attr(MEMHP_ATTR_WINDOW_FLAGS, i).value;
		kv_hex("memhp_window_base", w.base);
		kv_hex("memhp_window_size", w.size);
		kv_hex("memhp_window_block_size", w.block_size);
		kv_hex("memhp_window_flags", w.flags);
		if (!w.block_size || w.size / w.block_size < BLOCKS)
			continue;
		if ((w.flags & (MEMHP_FLAG_EMULATED | MEMHP_FLAG_SCRUB_ON_UNPLUG)) ==
			    (MEMHP_FLAG_EMULATED | MEMHP_FLAG_SCRUB_ON_UNPLUG) &&
		    card.id == -1UL)
			card = w;
		else if (!(w.flags & MEMHP_FLAG_SCRUB_ON_UNPLUG) &&
			 board.id == -1UL)
			board = w;
	}
	if (card.id == -1UL)
		fail("memhp_no_scrubbing_card_of_8_blocks", n);
	if (board.id == -1UL)
		fail("memhp_no_non_scrubbing_window_of_8_blocks", n);
	kv_dec("memhp_card_window", card.id);
	kv_dec("memhp_card_block_size", card.block_size);
	kv_dec("memhp_board_window", board.id);
	kv_dec("memhp_board_block_size", board.block_size);
}

/* The calling hart: the last one, started by HSM (or the only one). */
void memhp_caller(ulong hartid)
{
	ulong i, p1, p8, u1, u8;

	caller = hartid;
	rtc_offset = memhp_rtc_offset();

	/* every other hart must sit in memhp_idle before anything is timed */
	for (i = 0; i < nharts; i++)
		while (i != caller && !memhp_ready[i])
			yield(100000);
	kv_dec("memhp_caller", caller);
	kv_dec("memhp_harts", nharts);
	find_windows();

	/*
	 * The board window first: nothing is scrubbed there, so its slices
	 * are searched in full and then bracket the card's (PLUG never
	 * scrubs, but undoing it on the card does).
	 */
	p1 = measure("plug1_board", MEMHP_PLUG, &board, 1, 3, 0);
	p8 = measure("plug8_board", MEMHP_PLUG, &board, BLOCKS, 3, 0);
	u1 = measure("unplug1_board", MEMHP_UNPLUG, &board, 1, 3, 0);
	u8 = measure("unplug8_board", MEMHP_UNPLUG, &board, BLOCKS, 3, 0);
	measure("plug1_card", MEMHP_PLUG, &card, 1, 2, p1);
	measure("plug8_card", MEMHP_PLUG, &card, BLOCKS, 1, p8);
	measure("unplug1_card", MEMHP_UNPLUG, &card, 1, 2, u1);
	measure("unplug8_card", MEMHP_UNPLUG, &card, BLOCKS, 1, u8);
	bench_exit(0);
}

/* The boot hart: start the others (the last one calls), then idle. */
void memhp_bench(ulong hartid)
{
	struct sbiret r;
	ulong i;

	for (nharts = 0; nharts < HARTS_MAX; nharts++)
		if (sbi_hart_get_status(nharts).error)
			break;
	if (nharts == 1)
		memhp_caller(hartid);
	if (hartid == nharts - 1)
		fail("memhp_boot_hart_is_last", hartid);
	for (i = 0; i < nharts - 1; i++) {
		if (i == hartid)
			continue;
		r = sbi_hart_start(i, (ulong)secondary_entry, ROLE_MEMHP_IDLE);
		if (r.error)
			fail("memhp_hsm_start_idle", r.error);
	}
	r = sbi_hart_start(nharts - 1, (ulong)secondary_entry,
			   ROLE_MEMHP_CALLER);
	if (r.error)
		fail("memhp_hsm_start_caller", r.error);
	memhp_idle(hartid);
}
