// SPDX-License-Identifier: BSD-2-Clause
/*
 * /init of make bench's Linux table (static, PID 1): the hotplug cycle as
 * Linux sees it, on the firmware's emulated card, through the hotsbi-memhp
 * driver's sysfs files.
 *
 * Under QEMU -icount shift=0,sleep=off one nanosecond of CLOCK_MONOTONIC is
 * one guest instruction (machine-wide: every hart's, and the virtual length
 * of idle waits), so the time of each write is its cost in instructions.
 * For N blocks, one cycle is:
 *
 *   up       requested_size = N blocks (PLUG + add_memory_driver_managed,
 *            the blocks appear offline: memhp_default_state=offline)
 *   online   online_movable to memoryM/state of each block
 *   offline  offline to memoryM/state of each block (empty blocks)
 *   down     requested_size = 0 (remove + UNPLUG with the firmware's scrub)
 *
 * The first cycle after insmod (1 block) is reported on its own ("first");
 * then CYCLES cycles of 1 block and CYCLES of every block count up to the
 * card's, each printed as
 *
 *   @@ cycle <blocks> <round> <up> <online> <offline> <down>   (ns, totals)
 *
 * Every step's result is checked outside the timed writes (plugged_size,
 * the state of each memory block); a failed write or check prints
 * "memhp-bench: FAIL ..." and the run ends with "HOTSBI-MEMHP-BENCH: FAIL"
 * instead of "HOTSBI-MEMHP-BENCH: done". It powers off either way.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TAG		"HOTSBI-MEMHP-BENCH"
#define DRV_MOD		"/lib/modules/hotsbi-memhp.ko"
#define WIN		"/sys/bus/platform/devices/hotplug-memory/window0"
#define MEMSYS		"/sys/devices/system/memory"
#define CYCLES		3

static uint64_t w_start, w_bs, mem_bs;
static unsigned int w_blocks, mb_per_block;
static int nr_failed;

static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(1, line, n) < 0)
		return;
}

#define FAIL(...) (say("memhp-bench: FAIL " __VA_ARGS__), nr_failed++, -1)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The first line of @path without its newline; -1 if unreadable. */
static int rfile(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, size, f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return strlen(buf);
}

static uint64_t rnum(const char *path, int base)
{
	char buf[64];

	if (rfile(path, buf, sizeof(buf)) <= 0)
		return 0;
	return strtoull(buf, NULL, base);
}

/* 0 or -errno of the write(); the open and close are outside *@ns. */
static int wfile(const char *path, const char *val, uint64_t *ns)
{
	uint64_t t;
	int fd, rc = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	t = now_ns();
	if (write(fd, val, strlen(val)) < 0)
		rc = -errno;
	*ns += now_ns() - t;
	close(fd);
	return rc;
}

static void mb_path(char *path, size_t size, unsigned int blk, unsigned int j)
{
	snprintf(path, size, MEMSYS "/memory%" PRIu64 "/state",
		 (w_start + blk * w_bs) / mem_bs + j);
}

/* Write @state to every memory block of driver block @blk, timed. */
static int set_state(unsigned int blk, const char *state, uint64_t *ns)
{
	char path[256];
	unsigned int j;
	int rc;

	for (j = 0; j < mb_per_block; j++) {
		mb_path(path, sizeof(path), blk, j);
		rc = wfile(path, state, ns);
		if (rc)
			return FAIL("%s block %u: %s", state, blk, strerror(-rc));
	}
	return 0;
}

static int check_state(unsigned int blk, const char *want)
{
	char path[256], st[32];
	unsigned int j;

	for (j = 0; j < mb_per_block; j++) {
		mb_path(path, sizeof(path), blk, j);
		if (rfile(path, st, sizeof(st)) < 0)
			snprintf(st, sizeof(st), "absent");
		if (strcmp(st, want))
			return FAIL("block %u: memory block state %s, want %s", blk, st, want);
	}
	return 0;
}

static int resize(unsigned int blocks, uint64_t *ns)
{
	char val[32];
	uint64_t got;
	int rc;

	snprintf(val, sizeof(val), "%" PRIu64, blocks * w_bs);
	rc = wfile(WIN "/requested_size", val, ns);
	if (rc)
		return FAIL("requested_size %s: %s", val, strerror(-rc));
	got = rnum(WIN "/plugged_size", 10);
	if (got != blocks * w_bs)
		return FAIL("requested_size %s: plugged_size %" PRIu64, val, got);
	return 0;
}

/* One cycle of @n blocks; @t: up, online, offline, down (ns). */
static int cycle(unsigned int n, uint64_t t[4])
{
	unsigned int b;

	memset(t, 0, 4 * sizeof(*t));
	if (resize(n, &t[0]))
		return -1;
	for (b = 0; b < n; b++)
		if (check_state(b, "offline"))
			return -1;
	for (b = 0; b < n; b++)
		if (set_state(b, "online_movable", &t[1]) || check_state(b, "online"))
			return -1;
	for (b = 0; b < n; b++)
		if (set_state(b, "offline", &t[2]) || check_state(b, "offline"))
			return -1;
	if (resize(0, &t[3]))
		return -1;
	for (b = 0; b < n; b++)
		if (check_state(b, "absent"))
			return -1;
	return 0;
}

static int load(void)
{
	int fd, rc;

	fd = open(DRV_MOD, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return FAIL("open %s: %s", DRV_MOD, strerror(errno));
	rc = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	if (rc)
		return FAIL("insmod %s: %s", DRV_MOD, strerror(-rc));
	w_start = rnum(WIN "/start", 16);
	w_bs = rnum(WIN "/block_size", 10);
	mem_bs = rnum(MEMSYS "/block_size_bytes", 16);
	if (!w_bs || !mem_bs || w_bs % mem_bs)
		return FAIL("window0: block_size %" PRIu64 ", memory block size %" PRIu64,
			    w_bs, mem_bs);
	w_blocks = rnum(WIN "/size", 10) / w_bs;
	mb_per_block = w_bs / mem_bs;
	if (!w_blocks || rnum(WIN "/plugged_size", 10))
		return FAIL("window0: %u blocks, plugged_size %" PRIu64, w_blocks,
			    rnum(WIN "/plugged_size", 10));
	return 0;
}

int main(void)
{
	unsigned int counts[2], n, i, r;
	uint64_t t[4];

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	if (!load()) {
		say("@@ setup %ld %u %" PRIu64 " 0x%" PRIx64,
		    sysconf(_SC_NPROCESSORS_ONLN), w_blocks, w_bs, w_start);
		if (!cycle(1, t))
			say("@@ cycle first 0 %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64,
			    t[0], t[1], t[2], t[3]);
		counts[0] = 1;
		counts[1] = w_blocks;
		for (i = 0; i < 2 && !nr_failed; i++) {
			n = counts[i];
			for (r = 0; r < CYCLES && !nr_failed; r++)
				if (!cycle(n, t))
					say("@@ cycle %u %u %" PRIu64 " %" PRIu64 " %" PRIu64
					    " %" PRIu64, n, r, t[0], t[1], t[2], t[3]);
		}
	}
	say("%s: %s", TAG, nr_failed ? "FAIL" : "done");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
