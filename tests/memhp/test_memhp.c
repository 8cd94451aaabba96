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
#include "harness.h"
#include "host_layout.h"


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

/* The host's deny entries around the plan: the firmware, maybe a CLINT. */
static u64 host_deny[2][2] = { { FW_BASE, FW_SIZE } };
static unsigned int host_ndeny = 1;

/* The windows' plan in force as the harts run it (host_layout.h). */
static const struct memhp_plan *full_plan(void)
{
	static struct memhp_plan full;

	host_layout((const u64(*)[2])host_deny, host_ndeny,
		    memhp_current_plan(), &full);
	return &full;
}

static void fake_apply(const struct memhp_plan *plan)
{
	CHECK_MSG(lock_depth == 1, "plan applied outside the lock");
	host_layout((const u64(*)[2])host_deny, host_ndeny, plan, &last_plan);
	applied++;
}

static void fake_scrub(u64 base, u64 size)
{
	CHECK_MSG(lock_depth == 1, "scrub outside the lock");
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

static bool buffer_ok;

static bool fake_smode_writable(u64 addr __unused, u64 size __unused)
{
	CHECK_MSG(lock_depth == 1, "buffer checked outside the lock");
	return buffer_ok;
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
 * The manager for harts with @pmp entries: the host keeps the firmware's
 * deny entry (and the CLINT's with @clint) and the allow-all.
 */
static void init_for(unsigned int pmp, bool clint)
{
	struct memhp_config cfg = { .ram_end = RAM_END };

	host_ndeny = 1 + clint;
	host_deny[1][0] = 0x2000000ULL;
	host_deny[1][1] = 0x10000ULL;
	cfg.pmp_budget = pmp < 2 ? 0 : pmp - host_ndeny - 1;
	cfg.nreserved = host_ndeny;
	cfg.reserved[0].base = FW_BASE;
	cfg.reserved[0].size = FW_SIZE;
	cfg.reserved[1].base = host_deny[1][0];
	cfg.reserved[1].size = host_deny[1][1];
	memhp_init(&port, &cfg);
}

static void setup(unsigned int pmp)
{
	const char *why;

	init_for(pmp, false);
	CHECK_MSG(memhp_add_window(0xc0000000ULL, 0x40000000ULL, 0x8000000ULL,
			       MEMHP_FLAG_EMULATED | MEMHP_FLAG_SCRUB_ON_UNPLUG,
			       0, &why) == MEMHP_OK,
	      "add card: %s", why);
	CHECK_MSG(memhp_boot_plan() == MEMHP_OK, "boot plan");
	applied = 0;
	scrubs = 0;
}

static void test_windows(void)
{
	const char *why;

	init_for(16, false);
	CHECK_MSG(memhp_add_window(0x100000000ULL, 0x10000000ULL, 0x3000000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM, "block size not pow2");
	CHECK_MSG(memhp_add_window(0x100000000ULL, 0x10000000ULL, 0x800, 0, 0, &why) ==
		      MEMHP_ERR_INVALID_PARAM, "block size < 4K");
	CHECK_MSG(memhp_add_window(0x100001000ULL, 0x10000000ULL, 0x8000000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM, "misaligned base");
	CHECK_MSG(memhp_add_window(0x100000000ULL, 0, 0x8000000ULL, 0, 0, &why) ==
		      MEMHP_ERR_INVALID_PARAM, "empty");
	CHECK_MSG(memhp_add_window(0x7ff00000ULL, 0x200000ULL, 0x100000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM, "over firmware");
	CHECK_MSG(memhp_add_window(0xfffffffff0000000ULL, 0x20000000ULL, 0x8000000ULL,
			       0, 0, &why) == MEMHP_ERR_INVALID_PARAM, "wraps");
	CHECK_MSG(memhp_add_window(0x100000000ULL, 0x40000000ULL, 0x8000000ULL, 0, 0,
			       &why) == MEMHP_OK, "good window");
	CHECK_MSG(memhp_add_window(0x120000000ULL, 0x40000000ULL, 0x8000000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM && why,
	      "overlapping window");
	CHECK_MSG(memhp_window_count() == 1, "one window");
}

/* Reserved ranges (the host's deny entries) never become windows. */
static void test_reserved(void)
{
	const struct memhp_plan *p;
	const char *why;

	init_for(16, true);
	CHECK_MSG(memhp_add_window(0x0ULL, 0x4000000ULL, 0x1000000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM && why,
	      "window over the CLINT refused");
	CHECK_MSG(memhp_add_window(0x7ff00000ULL, 0x200000ULL, 0x100000ULL, 0, 0,
			       &why) == MEMHP_ERR_INVALID_PARAM && why,
	      "window over the firmware refused");
	CHECK_MSG(memhp_add_window(0xc0000000ULL, 0x40000000ULL, 0x8000000ULL, 0, 0,
			       &why) == MEMHP_OK, "window");
	CHECK_MSG(memhp_boot_plan() == MEMHP_OK, "boot plan");
	CHECK_MSG(memhp_current_plan()->count == 1, "the window's entry alone: %u",
	      memhp_current_plan()->count);
	p = full_plan();
	CHECK_MSG(p->count == 4, "firmware, CLINT, window, allow-all: %u", p->count);
	CHECK_MSG(memhp_plan_check(p, 0x2000000ULL) == 0 &&
		      memhp_plan_check(p, 0x200fff8ULL) == 0 &&
		      memhp_plan_check(p, 0xc0000000ULL) == 0,
	      "CLINT and window denied");
	CHECK_MSG(memhp_plan_check(p, 0x2010000ULL) == MEMHP_PMP_RWX &&
		      memhp_plan_check(p, 0x1fffff8ULL) == MEMHP_PMP_RWX,
	      "the CLINT's neighbours allowed");
	init_for(16, false);
	CHECK_MSG(memhp_window_count() == 0, "init forgets the windows");
	CHECK_MSG(memhp_boot_plan() == MEMHP_OK && memhp_current_plan()->count == 0,
	      "no windows: an empty plan");
}

/*
 * Few PMP entries: windows the budget cannot hold are refused when
 * added, so the boot plan always fits.
 */
static void test_pmp_admission(void)
{
	const char *why;
	unsigned long v;

	init_for(1, false);
	CHECK_MSG(memhp_add_window(0xc0000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_ERR_FAILED && why,
	      "no budget: window refused");
	CHECK_MSG(memhp_boot_plan() == MEMHP_OK && memhp_current_plan()->count == 0,
	      "no budget: empty plan");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_NUM_WINDOWS, 0, &v) && v == 0,
	      "no budget: no windows");

	/* 5 entries: firmware, CLINT, allow-all and two one-entry windows. */
	init_for(5, true);
	CHECK_MSG(memhp_add_window(0x100000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_OK, "budget 2: first window");
	/* Not naturally aligned: its deny needs two NAPOT entries. */
	CHECK_MSG(memhp_add_window(0x180000000ULL, 0x60000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_ERR_FAILED && why,
	      "budget 2: a two-entry window refused");
	CHECK_MSG(memhp_add_window(0x200000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_OK, "budget 2: a one-entry window fits");
	CHECK_MSG(memhp_add_window(0x300000000ULL, 0x40000000ULL, 0x8000000ULL, 0,
			       0, &why) == MEMHP_ERR_FAILED, "budget 2: full");
	CHECK_MSG(memhp_window_count() == 2 && memhp_boot_plan() == MEMHP_OK &&
		      full_plan()->count == 5 &&
		      memhp_plan_check(full_plan(), 0x200000000ULL) == 0 &&
		      memhp_plan_check(full_plan(), 0x100000000ULL) == 0 &&
		      memhp_plan_check(full_plan(), 0x180000000ULL) == MEMHP_PMP_RWX,
	      "budget 2: both admitted windows denied, the refused one is RAM to PMP");
}

static void test_attrs(void)
{
	unsigned long v;

	setup(16);
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_SPEC_VERSION, 99, &v) && v == 0x01010000,
	      "spec version 1.1, ignoring the window");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_NUM_WINDOWS, 0, &v) && v == 1, "windows");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_MAX_PFN, 0, &v) && v == 0x100000,
	      "max pfn %#lx", v);
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_WINDOW_BASE, 0, &v) && v == 0xc0000000UL,
	      "base");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_WINDOW_SIZE, 0, &v) && v == 0x40000000UL,
	      "size");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_BLOCK_SIZE, 0, &v) && v == 0x8000000UL,
	      "block size");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_WINDOW_FLAGS, 0, &v) && v == 3, "flags");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_NUMA_NODE, 0, &v) && v == 0, "numa");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_PLUGGED_BLOCKS, 0, &v) && v == 0,
	      "plugged");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_GENERATION, 0, &v) && v == 0, "gen");
	CHECK_MSG(memhp_get_attr(MEMHP_ATTR_WINDOW_BASE, 1, &v) ==
		      MEMHP_ERR_INVALID_PARAM, "bad window");
	CHECK_MSG(memhp_get_attr(MEMHP_ATTR_GENERATION, -1UL, &v) ==
		      MEMHP_ERR_INVALID_PARAM, "bad window -1");
	CHECK_MSG(memhp_get_attr(10, 0, &v) == MEMHP_ERR_NOT_SUPPORTED, "attr 10");
	CHECK_MSG(memhp_check(0, 0, 1, 2) == MEMHP_ERR_INVALID_PARAM &&
		      memhp_check(0, 0, 1, -1UL) == MEMHP_ERR_INVALID_PARAM,
	      "CHECK: an operation other than 0 and 1");
	CHECK_MSG(memhp_check(1, 0, 1, MEMHP_CHECK_PLUG) == MEMHP_ERR_INVALID_PARAM &&
		      memhp_check(0, 0, 0, MEMHP_CHECK_UNPLUG) ==
			      MEMHP_ERR_INVALID_PARAM,
	      "CHECK: bad window, zero blocks");
	CHECK_MSG(memhp_get_attr(-1UL, 0, &v) == MEMHP_ERR_NOT_SUPPORTED, "attr -1");
	CHECK_MSG(lock_depth == 0, "lock balanced");
}

/* The SBI binding: each manager error maps to the contract's SBI error. */
static void test_sbi_binding(void)
{
	static const struct {
		int err;
		long sbi;
	} map[] = {
		{ MEMHP_OK, 0 },
		{ MEMHP_ERR_FAILED, -1 },
		{ MEMHP_ERR_NOT_SUPPORTED, -2 },
		{ MEMHP_ERR_INVALID_PARAM, -3 },
		{ MEMHP_ERR_DENIED, -4 },
		{ MEMHP_ERR_INVALID_ADDRESS, -5 },
		{ MEMHP_ERR_ALREADY_AVAILABLE, -6 },
		{ MEMHP_ERR_ALREADY_STOPPED, -8 },
	};
	unsigned long args[6] = { 0 }, value;
	unsigned int i;
	u8 buf[8];

	CHECK_MSG(sizeof(map) / sizeof(map[0]) == MEMHP_ERR_COUNT,
	      "every manager error is listed");
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		CHECK_MSG(memhp_sbi_error(map[i].err) == map[i].sbi,
		      "error %d maps to SBI %ld, got %ld", map[i].err,
		      map[i].sbi, memhp_sbi_error(map[i].err));
	CHECK_MSG(memhp_sbi_error(MEMHP_ERR_COUNT) == -1 &&
		      memhp_sbi_error(-3) == -1,
	      "an unknown error is SBI_ERR_FAILED");

	setup(16);
	value = 1;
	CHECK_MSG(memhp_sbi_call(6, args, &value) == -2 && !value, "FID 6: -2, value 0");
	args[0] = 1;
	args[1] = 0;
	args[2] = 1;
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_PLUG, args, &value) == -3, "PLUG window 1: -3");
	args[0] = 0;
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_PLUG, args, &value) == 0 && !value,
	      "PLUG(0, 0, 1): 0");
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_PLUG, args, &value) == -6, "again: -6");
	args[3] = MEMHP_CHECK_UNPLUG;
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_CHECK, args, &value) == 0, "CHECK UNPLUG: 0");
	args[3] = 7;
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_CHECK, args, &value) == -3, "CHECK op 7: -3");
	args[0] = MEMHP_ATTR_PLUGGED_BLOCKS;
	args[1] = 0;
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_GET_ATTR, args, &value) == 0 && value == 1,
	      "GET_ATTR(PLUGGED_BLOCKS): 1");
	buffer_ok = true;
	args[0] = 0;
	args[1] = 0;
	args[2] = 8;
	args[3] = (uintptr_t)buf;
	args[4] = 0;
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_READ_STATE, args, &value) == 0 &&
		      value == 8 && buf[0] == 1 && buf[1] == 0,
	      "READ_STATE: 8 bytes written");
	args[4] = 1;
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_READ_STATE, args, &value) == -5 && !value,
	      "READ_STATE with a high address word: -5");
	args[0] = 0;
	args[1] = 0;
	args[2] = 1;
	CHECK_MSG(memhp_sbi_call(MEMHP_FID_UNPLUG, args, &value) == 0 &&
		      memhp_sbi_call(MEMHP_FID_UNPLUG, args, &value) == -8,
	      "UNPLUG: 0, then -8");
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
	CHECK_MSG(memhp_plug(1, 0, 1) == MEMHP_ERR_INVALID_PARAM, "bad window");
	CHECK_MSG(memhp_plug(0, 0, 0) == MEMHP_ERR_INVALID_PARAM, "zero blocks");
	CHECK_MSG(memhp_plug(0, 7, 2) == MEMHP_ERR_INVALID_PARAM, "leaves window");
	CHECK_MSG(memhp_plug(0, 8, 1) == MEMHP_ERR_INVALID_PARAM, "past end");
	CHECK_MSG(memhp_plug(0, -1UL, 2) == MEMHP_ERR_INVALID_PARAM, "overflow");
	CHECK_MSG(memhp_plug(0, 2, -1UL) == MEMHP_ERR_INVALID_PARAM, "overflow count");
	CHECK_MSG(applied == 0 && attr(MEMHP_ATTR_GENERATION) == 0, "nothing changed");

	CHECK_MSG(memhp_plug(0, 2, 2) == MEMHP_OK, "plug 2..3");
	CHECK_MSG(applied == 1, "plan applied once");
	CHECK_MSG(memhp_plan_check(&last_plan, 0xd0000000ULL) == MEMHP_PMP_RWX &&
		      memhp_plan_check(&last_plan, 0xdfffffffULL) == MEMHP_PMP_RWX &&
		      memhp_plan_check(&last_plan, 0xcfffffffULL) == 0 &&
		      memhp_plan_check(&last_plan, 0xe0000000ULL) == 0,
	      "plan opens exactly blocks 2-3");
	CHECK_MSG(attr(MEMHP_ATTR_PLUGGED_BLOCKS) == 2 && attr(MEMHP_ATTR_GENERATION) == 1,
	      "counters");
	CHECK_MSG(memhp_plug(0, 3, 2) == MEMHP_ERR_ALREADY_AVAILABLE, "overlap plugged");
	CHECK_MSG(memhp_plug(0, 0, 8) == MEMHP_ERR_ALREADY_AVAILABLE, "whole window");
	CHECK_MSG(memhp_unplug(0, 1, 2) == MEMHP_ERR_ALREADY_STOPPED, "holds unplugged");
	CHECK_MSG(memhp_unplug(0, 4, 1) == MEMHP_ERR_ALREADY_STOPPED, "unplugged");
	CHECK_MSG(memhp_unplug(0, 0, 0) == MEMHP_ERR_INVALID_PARAM, "zero");
	CHECK_MSG(attr(MEMHP_ATTR_GENERATION) == 1 && applied == 1, "errors change nothing");

	CHECK_MSG(!memhp_block_state(0, 2, &st) && st == MEMHP_BLOCK_PLUGGED, "state 2");
	CHECK_MSG(!memhp_block_state(0, 1, &st) && st == MEMHP_BLOCK_UNPLUGGED, "state 1");
	CHECK_MSG(memhp_block_state(0, 8, &st) == MEMHP_ERR_INVALID_PARAM, "state 8");
	CHECK_MSG(memhp_block_state(3, 0, &st) == MEMHP_ERR_INVALID_PARAM, "state win");

	memset(buf, 0xee, sizeof(buf));
	buffer_ok = false;
	CHECK_MSG(memhp_read_state(0, 0, 8, (uintptr_t)buf, 0) ==
		      MEMHP_ERR_INVALID_ADDRESS, "bad buffer");
	buffer_ok = true;
	CHECK_MSG(memhp_read_state(0, 0, 8, (uintptr_t)buf, 1) ==
		      MEMHP_ERR_INVALID_ADDRESS, "buffer above XLEN bits");
	CHECK_MSG(buf[0] == 0xee && buf[7] == 0xee, "nothing written on error");
	CHECK_MSG(memhp_read_state(0, 1, 4, (uintptr_t)buf, 0) == MEMHP_OK, "read");
	CHECK_MSG(buf[0] == 0 && buf[1] == 1 && buf[2] == 1 && buf[3] == 0 &&
		      buf[4] == 0xee,
	      "read state bytes %d %d %d %d %d", buf[0], buf[1], buf[2], buf[3],
	      buf[4]);
	CHECK_MSG(memhp_read_state(0, 0, 9, (uintptr_t)buf, 0) ==
		      MEMHP_ERR_INVALID_PARAM, "read past end");
	CHECK_MSG(memhp_read_state(0, 0, 0, (uintptr_t)buf, 0) ==
		      MEMHP_ERR_INVALID_PARAM, "read zero");

	CHECK_MSG(memhp_plugged_end(0xd0000000ULL) == 0xe0000000ULL &&
		      memhp_plugged_end(0xdfffffffULL) == 0xe0000000ULL,
	      "plugged run 0xd0000000-0xe0000000 ends at its last block");
	CHECK_MSG(memhp_plugged_end(0xe0000000ULL) == 0xe0000000ULL,
	      "first byte past the run is not plugged");
	CHECK_MSG(memhp_plugged_end(0xc0000000ULL) == 0xc0000000ULL,
	      "unplugged block");
	CHECK_MSG(memhp_plugged_end(0x90000000ULL) == 0x90000000ULL,
	      "outside every window");
	CHECK_MSG(memhp_range_in_windows(0xbffffff0ULL, 0x20), "touches window");
	CHECK_MSG(!memhp_range_in_windows(0xbffffff0ULL, 0x10), "below window");

	CHECK_MSG(memhp_unplug(0, 3, 1) == MEMHP_OK, "unplug 3");
	CHECK_MSG(scrubs == 1 && scrub_base == 0xd8000000ULL && scrub_size == 0x8000000ULL,
	      "scrubbed block 3");
	CHECK_MSG(memhp_plan_check(&last_plan, 0xd8000000ULL) == 0, "block 3 closed");
	CHECK_MSG(memhp_plan_check(&last_plan, 0xd0000000ULL) == MEMHP_PMP_RWX,
	      "block 2 open");
	CHECK_MSG(attr(MEMHP_ATTR_PLUGGED_BLOCKS) == 1 && attr(MEMHP_ATTR_GENERATION) == 2,
	      "counters after unplug");
	CHECK_MSG(lock_depth == 0 && lock_max == 1, "lock balanced and not nested");
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
	CHECK_MSG(rc == MEMHP_ERR_FAILED, "eventually no PMP room: %d", rc);
	gen = attr(MEMHP_ATTR_GENERATION);
	CHECK_MSG(gen == ok && attr(MEMHP_ATTR_PLUGGED_BLOCKS) == ok,
	      "failed plug changed nothing (%lu, %u)", gen, ok);
	CHECK_MSG(last_plan.count <= 5, "applied plans fit");
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
	const struct memhp_plan *full;

	init_for(RANDOM_BUDGET, false);
	memhp_add_window(0x200000000ULL, 64 * 0x200000ULL, 0x200000ULL,
			 MEMHP_FLAG_SCRUB_ON_UNPLUG, 0, &why);
	memhp_boot_plan();
	CHECK_MSG(full_plan()->count == RANDOM_FIXED + 1,
	      "boot plan of %u entries: RANDOM_FIXED and one window entry",
	      full_plan()->count);
	memset(model, 0, sizeof(model));

	for (iter = 0; iter < 200000; iter++) {
		unsigned long first = host_rng(&rng_state) % 66;
		unsigned long count = host_rng(&rng_state) % 6, st;
		bool plug = host_rng(&rng_state) & 1;
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
		CHECK_MSG(applied == applied_before &&
			      attr(MEMHP_ATTR_GENERATION) == gen,
		      "iter %u: CHECK changed nothing", iter);
		rc = plug ? memhp_plug(0, first, count) :
			    memhp_unplug(0, first, count);
		CHECK_MSG(check_rc == rc, "iter %u: CHECK %s(%lu,%lu) = %d, the call %d",
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
		CHECK_MSG(rc == want, "iter %u %s(%lu,%lu) = %d want %d", iter,
		      plug ? "plug" : "unplug", first, count, rc, want);
		if (rc == MEMHP_OK) {
			for (i = 0; i < count; i++)
				model[first + i] = plug;
			gen++;
			ok_ops++;
		}
		full = full_plan();
		for (b = 0; b < 64; b++) {
			memhp_block_state(0, b, &st);
			if (st != model[b] ||
			    memhp_plan_check(full,
					     0x200000000ULL + b * 0x200000ULL) !=
				    (model[b] ? MEMHP_PMP_RWX : 0u))
				break;
			plugged += model[b];
		}
		CHECK_MSG(b == 64, "iter %u: block %u disagrees with the model", iter, b);
		CHECK_MSG(attr(MEMHP_ATTR_GENERATION) == gen &&
			      attr(MEMHP_ATTR_PLUGGED_BLOCKS) == plugged,
		      "iter %u counters", iter);
		if (host_failed > 20)
			break;
	}
	printf("# random: 200000 calls, %u succeeded, generation %lu; %u refused for PMP room of %u that might not fit\n",
	       ok_ops, gen, refused, may_refuse);
}

int main(void)
{
	/* Millions of checks: print the failures only. */
	host_verbose = false;
	test_windows();
	test_reserved();
	test_pmp_admission();
	test_attrs();
	test_sbi_binding();
	test_plug_unplug();
	test_pmp_exhaustion();
	test_random();
	return host_summary("memhp");
}
