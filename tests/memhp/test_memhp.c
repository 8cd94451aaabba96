// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the manager (lib/memhp/memhp.c) through a fake port:
 * window validation, every SBI function and error, all-or-nothing
 * behaviour, and a long random sequence of calls checked after each one
 * against a plain bitmap model and against the PMP plan it programmed.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <memhp/memhp.h>
#include "test_harness.h"

unsigned long test_passed, test_failed;

#define FW_BASE		0x80000000ULL
#define FW_SIZE		0x40000ULL
#define RAM_END		0xc0000000ULL

static int lock_depth, lock_max;
static unsigned int applied;
static struct memhp_plan last_plan;
static u64 scrub_base, scrub_size;
static unsigned int scrubs;

static void fake_lock(void)
{
	lock_depth++;
	if (lock_depth > lock_max)
		lock_max = lock_depth;
}

static void fake_unlock(void)
{
	lock_depth--;
}

static void fake_apply(const struct memhp_plan *plan)
{
	CHECK(lock_depth == 1, "plan applied outside the lock");
	last_plan = *plan;
	applied++;
}

static void fake_scrub(u64 base, u64 size)
{
	CHECK(lock_depth == 1, "scrub outside the lock");
	scrub_base = base;
	scrub_size = size;
	scrubs++;
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

static const struct memhp_port port = {
	fake_lock, fake_unlock, fake_apply, fake_scrub, fake_log,
};

static bool buffer_yes(u64 addr, u64 size)
{
	return true;
}

static bool buffer_no(u64 addr, u64 size)
{
	return false;
}

static void setup(unsigned int pmp)
{
	const char *why;

	memhp_init(&port, pmp, FW_BASE, FW_SIZE, RAM_END);
	CHECK(memhp_add_window(0xc0000000ULL, 0x40000000ULL, 0x8000000ULL,
			       MEMHP_FLAG_EMULATED | MEMHP_FLAG_SCRUB_ON_UNPLUG,
			       0, &why) == MEMHP_OK,
	      "add card: %s", why);
	CHECK(memhp_boot_plan() == MEMHP_OK, "boot plan");
	applied = 0;
	scrubs = 0;
}

static void test_windows(void)
{
	const char *why;

	memhp_init(&port, 16, FW_BASE, FW_SIZE, RAM_END);
	CHECK(memhp_add_window(0x100000000ULL, 0x10000000ULL, 0x3000000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM, "block size not pow2");
	CHECK(memhp_add_window(0x100000000ULL, 0x10000000ULL, 0x800, 0, 0, &why) ==
		      MEMHP_ERR_INVALID_PARAM, "block size < 4K");
	CHECK(memhp_add_window(0x100001000ULL, 0x10000000ULL, 0x8000000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM, "misaligned base");
	CHECK(memhp_add_window(0x100000000ULL, 0, 0x8000000ULL, 0, 0, &why) ==
		      MEMHP_ERR_INVALID_PARAM, "empty");
	CHECK(memhp_add_window(0x7ff00000ULL, 0x200000ULL, 0x100000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM, "over firmware");
	CHECK(memhp_add_window(0xfffffffff0000000ULL, 0x20000000ULL, 0x8000000ULL,
			       0, 0, &why) == MEMHP_ERR_INVALID_PARAM, "wraps");
	CHECK(memhp_add_window(0x100000000ULL, 0x40000000ULL, 0x8000000ULL, 0, 0,
			       &why) == MEMHP_OK, "good window");
	CHECK(memhp_add_window(0x120000000ULL, 0x40000000ULL, 0x8000000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM && why,
	      "overlapping window");
	CHECK(memhp_window_count() == 1, "one window");
}

/* M-mode-only device regions: one deny entry right after the firmware's. */
static void test_deny_region(void)
{
	const struct memhp_plan *p;
	const char *why;

	memhp_init(&port, 16, FW_BASE, FW_SIZE, RAM_END);
	CHECK(memhp_deny_region(0x2000000ULL, 0x10000ULL, &why) == MEMHP_OK,
	      "CLINT region accepted");
	CHECK(memhp_deny_region(0x2000000ULL, 0xc000ULL, &why) ==
		      MEMHP_ERR_INVALID_PARAM, "size not a power of two");
	CHECK(memhp_deny_region(0x2004000ULL, 0x10000ULL, &why) ==
		      MEMHP_ERR_INVALID_PARAM, "misaligned");
	CHECK(memhp_deny_region(0, 4, &why) == MEMHP_ERR_INVALID_PARAM,
	      "smaller than a NAPOT entry");
	CHECK(memhp_add_window(0x0ULL, 0x4000000ULL, 0x1000000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM,
	      "window over the CLINT refused");
	CHECK(memhp_add_window(0xc0000000ULL, 0x40000000ULL, 0x8000000ULL, 0, 0,
			       &why) == MEMHP_OK, "window");
	CHECK(memhp_boot_plan() == MEMHP_OK, "boot plan");
	p = memhp_current_plan();
	CHECK(p->count == 4, "firmware, CLINT, window, allow-all: %u", p->count);
	CHECK(memhp_plan_check(p, 0x2000000ULL) == 0 &&
		      memhp_plan_check(p, 0x200fff8ULL) == 0,
	      "CLINT denied");
	CHECK(memhp_plan_check(p, 0x2010000ULL) == MEMHP_PMP_RWX &&
		      memhp_plan_check(p, 0x1fffff8ULL) == MEMHP_PMP_RWX,
	      "its neighbours allowed");
	memhp_init(&port, 16, FW_BASE, FW_SIZE, RAM_END);
	CHECK(memhp_window_count() == 0, "init forgets the windows");
	CHECK(memhp_boot_plan() == MEMHP_OK && memhp_current_plan()->count == 2,
	      "init forgets the deny regions");
}

/*
 * Few PMP entries: windows and deny regions the harts could not enforce are
 * refused when added, so the boot plan always fits; with fewer than two
 * entries not even the firmware is denied.
 */
static void test_pmp_admission(void)
{
	const struct memhp_plan *p;
	const char *why;
	unsigned long v;

	memhp_init(&port, 0, FW_BASE, FW_SIZE, RAM_END);
	CHECK(memhp_deny_region(0x2000000ULL, 0x10000ULL, &why) ==
		      MEMHP_ERR_FAILED && why, "no PMP: CLINT deny refused");
	CHECK(memhp_add_window(0xc0000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_ERR_FAILED && why,
	      "no PMP: window refused");
	CHECK(memhp_boot_plan() == MEMHP_OK && memhp_current_plan()->count == 0,
	      "no PMP: empty plan");
	CHECK(!memhp_get_attr(MEMHP_ATTR_NUM_WINDOWS, 0, &v) && v == 0,
	      "no PMP: no windows");

	memhp_init(&port, 1, FW_BASE, FW_SIZE, RAM_END);
	CHECK(memhp_add_window(0xc0000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_ERR_FAILED, "1 entry: window refused");
	p = memhp_current_plan();
	CHECK(memhp_boot_plan() == MEMHP_OK && p->count == 1 &&
		      memhp_plan_check(p, FW_BASE) == MEMHP_PMP_RWX,
	      "1 entry: allow-all only (S-mode would otherwise reach nothing)");

	memhp_init(&port, 2, FW_BASE, FW_SIZE, RAM_END);
	CHECK(memhp_deny_region(0x2000000ULL, 0x10000ULL, &why) ==
		      MEMHP_ERR_FAILED, "2 entries: CLINT deny refused");
	CHECK(memhp_boot_plan() == MEMHP_OK && p->count == 2 &&
		      memhp_plan_check(p, FW_BASE) == 0 &&
		      memhp_plan_check(p, 0x2000000ULL) == MEMHP_PMP_RWX,
	      "2 entries: firmware denied, CLINT open");

	/* 5 entries: firmware, CLINT, allow-all and two one-entry windows. */
	memhp_init(&port, 5, FW_BASE, FW_SIZE, RAM_END);
	CHECK(memhp_deny_region(0x2000000ULL, 0x10000ULL, &why) == MEMHP_OK,
	      "5 entries: CLINT denied");
	CHECK(memhp_add_window(0x100000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_OK, "5 entries: first window");
	/* Not naturally aligned: its deny needs two NAPOT entries. */
	CHECK(memhp_add_window(0x180000000ULL, 0x60000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_ERR_FAILED && why,
	      "5 entries: a two-entry window refused");
	CHECK(memhp_add_window(0x200000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_OK, "5 entries: a one-entry window fits");
	CHECK(memhp_add_window(0x300000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_ERR_FAILED, "5 entries: full");
	CHECK(memhp_window_count() == 2 && memhp_boot_plan() == MEMHP_OK &&
		      p->count == 5 &&
		      memhp_plan_check(p, 0x200000000ULL) == 0 &&
		      memhp_plan_check(p, 0x100000000ULL) == 0 &&
		      memhp_plan_check(p, 0x180000000ULL) == MEMHP_PMP_RWX,
	      "5 entries: both admitted windows denied, the refused one is RAM to PMP");
}

static void test_attrs(void)
{
	unsigned long v;

	setup(16);
	CHECK(!memhp_get_attr(MEMHP_ATTR_SPEC_VERSION, 99, &v) && v == 0x01010000,
	      "spec version 1.1, ignoring the window");
	CHECK(!memhp_get_attr(MEMHP_ATTR_NUM_WINDOWS, 0, &v) && v == 1, "windows");
	CHECK(!memhp_get_attr(MEMHP_ATTR_MAX_PFN, 0, &v) && v == 0x100000,
	      "max pfn %#lx", v);
	CHECK(!memhp_get_attr(MEMHP_ATTR_WINDOW_BASE, 0, &v) && v == 0xc0000000UL,
	      "base");
	CHECK(!memhp_get_attr(MEMHP_ATTR_WINDOW_SIZE, 0, &v) && v == 0x40000000UL,
	      "size");
	CHECK(!memhp_get_attr(MEMHP_ATTR_BLOCK_SIZE, 0, &v) && v == 0x8000000UL,
	      "block size");
	CHECK(!memhp_get_attr(MEMHP_ATTR_WINDOW_FLAGS, 0, &v) && v == 3, "flags");
	CHECK(!memhp_get_attr(MEMHP_ATTR_NUMA_NODE, 0, &v) && v == 0, "numa");
	CHECK(!memhp_get_attr(MEMHP_ATTR_PLUGGED_BLOCKS, 0, &v) && v == 0,
	      "plugged");
	CHECK(!memhp_get_attr(MEMHP_ATTR_GENERATION, 0, &v) && v == 0, "gen");
	CHECK(memhp_get_attr(MEMHP_ATTR_WINDOW_BASE, 1, &v) ==
		      MEMHP_ERR_INVALID_PARAM, "bad window");
	CHECK(memhp_get_attr(MEMHP_ATTR_GENERATION, -1UL, &v) ==
		      MEMHP_ERR_INVALID_PARAM, "bad window -1");
	CHECK(memhp_get_attr(10, 0, &v) == MEMHP_ERR_NOT_SUPPORTED, "attr 10");
	CHECK(memhp_check(0, 0, 1, 2) == MEMHP_ERR_INVALID_PARAM &&
		      memhp_check(0, 0, 1, -1UL) == MEMHP_ERR_INVALID_PARAM,
	      "CHECK: an operation other than 0 and 1");
	CHECK(memhp_check(1, 0, 1, MEMHP_CHECK_PLUG) == MEMHP_ERR_INVALID_PARAM &&
		      memhp_check(0, 0, 0, MEMHP_CHECK_UNPLUG) ==
			      MEMHP_ERR_INVALID_PARAM,
	      "CHECK: bad window, zero blocks");
	CHECK(memhp_get_attr(-1UL, 0, &v) == MEMHP_ERR_NOT_SUPPORTED, "attr -1");
	CHECK(lock_depth == 0, "lock balanced");
}

static unsigned long attr(unsigned long a)
{
	unsigned long v = 0;

	memhp_get_attr(a, 0, &v);
	return v;
}

static void test_plug_unplug(void)
{
	unsigned long st;
	u8 buf[16];

	setup(16);
	CHECK(memhp_plug(1, 0, 1) == MEMHP_ERR_INVALID_PARAM, "bad window");
	CHECK(memhp_plug(0, 0, 0) == MEMHP_ERR_INVALID_PARAM, "zero blocks");
	CHECK(memhp_plug(0, 7, 2) == MEMHP_ERR_INVALID_PARAM, "leaves window");
	CHECK(memhp_plug(0, 8, 1) == MEMHP_ERR_INVALID_PARAM, "past end");
	CHECK(memhp_plug(0, -1UL, 2) == MEMHP_ERR_INVALID_PARAM, "overflow");
	CHECK(memhp_plug(0, 2, -1UL) == MEMHP_ERR_INVALID_PARAM, "overflow count");
	CHECK(applied == 0 && attr(MEMHP_ATTR_GENERATION) == 0, "nothing changed");

	CHECK(memhp_plug(0, 2, 2) == MEMHP_OK, "plug 2..3");
	CHECK(applied == 1, "plan applied once");
	CHECK(memhp_plan_check(&last_plan, 0xd0000000ULL) == MEMHP_PMP_RWX &&
		      memhp_plan_check(&last_plan, 0xdfffffffULL) == MEMHP_PMP_RWX &&
		      memhp_plan_check(&last_plan, 0xcfffffffULL) == 0 &&
		      memhp_plan_check(&last_plan, 0xe0000000ULL) == 0,
	      "plan opens exactly blocks 2-3");
	CHECK(attr(MEMHP_ATTR_PLUGGED_BLOCKS) == 2 && attr(MEMHP_ATTR_GENERATION) == 1,
	      "counters");
	CHECK(memhp_plug(0, 3, 2) == MEMHP_ERR_ALREADY_AVAILABLE, "overlap plugged");
	CHECK(memhp_plug(0, 0, 8) == MEMHP_ERR_ALREADY_AVAILABLE, "whole window");
	CHECK(memhp_unplug(0, 1, 2) == MEMHP_ERR_ALREADY_STOPPED, "holds unplugged");
	CHECK(memhp_unplug(0, 4, 1) == MEMHP_ERR_ALREADY_STOPPED, "unplugged");
	CHECK(memhp_unplug(0, 0, 0) == MEMHP_ERR_INVALID_PARAM, "zero");
	CHECK(attr(MEMHP_ATTR_GENERATION) == 1 && applied == 1, "errors change nothing");

	CHECK(!memhp_block_state(0, 2, &st) && st == MEMHP_BLOCK_PLUGGED, "state 2");
	CHECK(!memhp_block_state(0, 1, &st) && st == MEMHP_BLOCK_UNPLUGGED, "state 1");
	CHECK(memhp_block_state(0, 8, &st) == MEMHP_ERR_INVALID_PARAM, "state 8");
	CHECK(memhp_block_state(3, 0, &st) == MEMHP_ERR_INVALID_PARAM, "state win");

	memset(buf, 0xee, sizeof(buf));
	CHECK(memhp_read_state(0, 0, 8, buf, buffer_no) == MEMHP_ERR_INVALID_ADDRESS,
	      "bad buffer");
	CHECK(buf[0] == 0xee && buf[7] == 0xee, "nothing written on error");
	CHECK(memhp_read_state(0, 1, 4, buf, buffer_yes) == MEMHP_OK, "read");
	CHECK(buf[0] == 0 && buf[1] == 1 && buf[2] == 1 && buf[3] == 0 &&
		      buf[4] == 0xee,
	      "read state bytes %d %d %d %d %d", buf[0], buf[1], buf[2], buf[3],
	      buf[4]);
	CHECK(memhp_read_state(0, 0, 9, buf, buffer_yes) == MEMHP_ERR_INVALID_PARAM,
	      "read past end");
	CHECK(memhp_read_state(0, 0, 0, buf, buffer_yes) == MEMHP_ERR_INVALID_PARAM,
	      "read zero");

	CHECK(memhp_plugged_end(0xd0000000ULL) == 0xe0000000ULL &&
		      memhp_plugged_end(0xdfffffffULL) == 0xe0000000ULL,
	      "plugged run 0xd0000000-0xe0000000 ends at its last block");
	CHECK(memhp_plugged_end(0xe0000000ULL) == 0xe0000000ULL,
	      "first byte past the run is not plugged");
	CHECK(memhp_plugged_end(0xc0000000ULL) == 0xc0000000ULL,
	      "unplugged block");
	CHECK(memhp_plugged_end(0x90000000ULL) == 0x90000000ULL,
	      "outside every window");
	CHECK(memhp_range_in_windows(0xbffffff0ULL, 0x20), "touches window");
	CHECK(!memhp_range_in_windows(0xbffffff0ULL, 0x10), "below window");

	CHECK(memhp_unplug(0, 3, 1) == MEMHP_OK, "unplug 3");
	CHECK(scrubs == 1 && scrub_base == 0xd8000000ULL && scrub_size == 0x8000000ULL,
	      "scrubbed block 3");
	CHECK(memhp_plan_check(&last_plan, 0xd8000000ULL) == 0, "block 3 closed");
	CHECK(memhp_plan_check(&last_plan, 0xd0000000ULL) == MEMHP_PMP_RWX,
	      "block 2 open");
	CHECK(attr(MEMHP_ATTR_PLUGGED_BLOCKS) == 1 && attr(MEMHP_ATTR_GENERATION) == 2,
	      "counters after unplug");
	CHECK(lock_depth == 0 && lock_max == 1, "lock balanced and not nested");
}

/* PLUG that would need more PMP entries than the harts have fails clean. */
static void test_pmp_exhaustion(void)
{
	unsigned int i, ok = 0;
	unsigned long gen;
	int rc = 0;

	setup(5);
	for (i = 0; i < 8; i += 2) {
		rc = memhp_plug(0, i, 1);
		if (rc)
			break;
		ok++;
	}
	CHECK(rc == MEMHP_ERR_FAILED, "eventually no PMP room: %d", rc);
	gen = attr(MEMHP_ATTR_GENERATION);
	CHECK(gen == ok && attr(MEMHP_ATTR_PLUGGED_BLOCKS) == ok,
	      "failed plug changed nothing (%lu, %u)", gen, ok);
	CHECK(last_plan.count <= 5, "applied plans fit");
	printf("# 5 PMP entries: %u isolated single blocks plugged\n", ok);
}

static uint64_t rng_state = 12345;

/*
 * Alternating runs of plugged and unplugged blocks in @st[0..n). A TOR
 * chain over them (one base entry, one entry per run: TOR entry i covers
 * [pmpaddr(i-1), pmpaddr(i)), privileged spec 3.7.1) represents any state
 * of a window, so a plan never needs more than runs + 1 entries for it:
 * an upper bound that does not come from the planner.
 */
static unsigned int state_runs(const u8 *st, unsigned int n)
{
	unsigned int i, runs = n > 0;

	for (i = 1; i < n; i++)
		runs += st[i] != st[i - 1];
	return runs;
}

/* test_random(): firmware deny and allow-all; no deny region is set up */
#define RANDOM_FIXED	2
#define RANDOM_BUDGET	16

/* Random calls against a bitmap model. */
static void test_random(void)
{
	const char *why;
	static u8 model[64], next[64];
	unsigned int iter, b, ok_ops = 0, refused = 0, may_refuse = 0;
	unsigned long gen = 0;

	memhp_init(&port, RANDOM_BUDGET, FW_BASE, FW_SIZE, RAM_END);
	memhp_add_window(0x200000000ULL, 64 * 0x200000ULL, 0x200000ULL,
			 MEMHP_FLAG_SCRUB_ON_UNPLUG, 0, &why);
	memhp_boot_plan();
	CHECK(memhp_current_plan()->count == RANDOM_FIXED + 1,
	      "boot plan of %u entries: RANDOM_FIXED and one window entry",
	      memhp_current_plan()->count);
	memset(model, 0, sizeof(model));

	for (iter = 0; iter < 200000; iter++) {
		unsigned long first = test_rng(&rng_state) % 66;
		unsigned long count = test_rng(&rng_state) % 6, st;
		bool plug = test_rng(&rng_state) & 1;
		int rc, check_rc, want = MEMHP_OK;
		unsigned long i, plugged = 0;
		unsigned int applied_before = applied;

		if (!count || first + count > 64)
			want = MEMHP_ERR_INVALID_PARAM;
		for (i = 0; want == MEMHP_OK && i < count; i++) {
			if (plug && model[first + i])
				want = MEMHP_ERR_ALREADY_AVAILABLE;
			if (!plug && !model[first + i])
				want = MEMHP_ERR_ALREADY_STOPPED;
		}
		check_rc = memhp_check(0, first, count,
				       plug ? MEMHP_CHECK_PLUG : MEMHP_CHECK_UNPLUG);
		CHECK(applied == applied_before &&
			      attr(MEMHP_ATTR_GENERATION) == gen,
		      "iter %u: CHECK changed nothing", iter);
		rc = plug ? memhp_plug(0, first, count) :
			    memhp_unplug(0, first, count);
		CHECK(check_rc == rc, "iter %u: CHECK %s(%lu,%lu) = %d, the call %d",
		      iter, plug ? "plug" : "unplug", first, count, check_rc, rc);
		if (want == MEMHP_OK) {
			memcpy(next, model, sizeof(next));
			memset(next + first, plug, count);
			/* PMP full: allowed only where the bound exceeds the budget */
			if (RANDOM_FIXED + state_runs(next, 64) + 1 > RANDOM_BUDGET) {
				may_refuse++;
				if (rc == MEMHP_ERR_FAILED) {
					want = MEMHP_ERR_FAILED;
					refused++;
				}
			}
		}
		CHECK(rc == want, "iter %u %s(%lu,%lu) = %d want %d", iter,
		      plug ? "plug" : "unplug", first, count, rc, want);
		if (rc == MEMHP_OK) {
			for (i = 0; i < count; i++)
				model[first + i] = plug;
			gen++;
			ok_ops++;
		}
		for (b = 0; b < 64; b++) {
			memhp_block_state(0, b, &st);
			if (st != model[b] ||
			    memhp_plan_check(memhp_current_plan(),
					     0x200000000ULL + b * 0x200000ULL) !=
				    (model[b] ? MEMHP_PMP_RWX : 0u))
				break;
			plugged += model[b];
		}
		CHECK(b == 64, "iter %u: block %u disagrees with the model", iter, b);
		CHECK(attr(MEMHP_ATTR_GENERATION) == gen &&
			      attr(MEMHP_ATTR_PLUGGED_BLOCKS) == plugged,
		      "iter %u counters", iter);
		if (test_failed > 20)
			break;
	}
	printf("# random: 200000 calls, %u succeeded, generation %lu; %u refused for PMP room of %u that might not fit\n",
	       ok_ops, gen, refused, may_refuse);
}

int main(void)
{
	test_windows();
	test_deny_region();
	test_pmp_admission();
	test_attrs();
	test_plug_unplug();
	test_pmp_exhaustion();
	test_random();
	return test_summary("host-memhp");
}
