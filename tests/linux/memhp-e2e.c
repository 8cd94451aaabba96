// SPDX-License-Identifier: BSD-2-Clause
/*
 * /init of the HotSBI memory hotplug end-to-end test (static, PID 1).
 *
 * Runs the hotsbi-memhp driver against the firmware's emulated card on an SMP
 * kernel and checks every step from user space:
 *
 *  1. insmod (finit_module): the window is known, none of its memory blocks
 *     exist, MemTotal is boot RAM, the firmware has nothing plugged;
 *  2. requested_size = 2 blocks: blocks 0-1 plugged (driver and firmware),
 *     they appear offline, online_movable brings MemTotal up by exactly
 *     2 blocks;
 *  3. a child fills more memory than boot RAM has free with a checksummed
 *     pattern, keeps a quarter resident, /proc/self/pagemap shows pages of
 *     it in the window;
 *  4. requested_size = 0 while the child keeps its data: the pages migrate
 *     out of the window (pagemap), checksums match, the firmware reports the
 *     blocks unplugged, MemTotal is boot RAM again;
 *  5. /dev/mem, one process pinned per CPU: a plugged (offline) block is
 *     readable and writable and reads zeros after re-plug (scrub), unplugged
 *     blocks fault with SIGSEGV/SEGV_ACCERR (Linux reports the PC as si_addr),
 *     also a block that was readable before it was unplugged;
 *  6. plug/online/offline/unplug cycles (requested_size and per-block
 *     plug_block/unplug_block in non-ascending order, user-space offlining)
 *     while threads pinned to every CPU allocate and check memory; busy
 *     memory (a page held by a pipe through vmsplice) gives -EBUSY and stays
 *     plugged and added; an interrupted rmmod leaves it, and loading again
 *     adopts it; blocks plugged behind the driver's back are adopted at
 *     probe; after the last rmmod the firmware has nothing plugged.
 *
 * With memhp.pmp=1 it runs only the PMP budget test (pmp_budget_test()),
 * with memhp.refuse=DEV only the refusal of a bad node (refuse_test()),
 * with memhp.numa=N only the check that plugged blocks land in node N
 * (numa_test()), with memhp.unavail=1 only the unavailable-block run
 * (unavail_test()), with memhp.inject=1 only the run against wrong
 * firmware answers (inject_test()), with memhp.dax=R only nvdimm region R
 * through device-dax and kmem (dax_test(), memhp-dax.c), with
 * memhp.dax-window=1 the same from the driver's window in device mode
 * (dax_window_test()).
 *
 * It ends with "HOTSBI-MEMHP-E2E: PASS" or "HOTSBI-MEMHP-E2E: FAIL: <steps>"
 * and powers off. With memhp.demo=1 on the kernel command line it narrates
 * the same flow (fewer cycles) for `make run`; memhp.cycles=N sets the
 * number of step 6's cycles (default 10, at least 2: both kinds).
 *
 * The firmware state is read independently of the driver through the test
 * module memhp_fwtool (tests/linux/fwtool).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "e2e.h"

#define TAG		"HOTSBI-MEMHP-E2E"
#define FWT_PLUG	"/sys/module/memhp_fwtool/parameters/plug"
#define BOOT_RAM_BASE	0x80000000ULL
#define MAX_CPUS	64
#define MAX_BLOCKS	64

static int nr_cpus;

/* The window, as the driver reports it. */
static uint64_t w_start, w_size, w_bs, mem_bs;
static unsigned int w_blocks, mb_per_block;
static long boot_total_kb, boot_free_kb;

const char *win_attr(const char *attr, char *buf, size_t size)
{
	char path[256];

	snprintf(path, sizeof(path), WIN "/%s", attr);
	if (rfile(path, buf, size) < 0)
		snprintf(buf, size, "?");
	return buf;
}

int win_write(const char *attr, uint64_t val)
{
	char path[256];

	snprintf(path, sizeof(path), WIN "/%s", attr);
	return wfilef(path, "%" PRIu64, val);
}

/* ------------------------------------------------------------ state */

/* Memory block device of driver block @blk, part @j. */
static void mb_path(char *path, size_t size, unsigned int blk, unsigned int j,
		    const char *attr)
{
	snprintf(path, size, MEMSYS "/memory%" PRIu64 "/%s",
		 (w_start + blk * w_bs) / mem_bs + j, attr);
}

/* "online", "offline" or "absent" (every memory block of the driver block). */
static const char *block_linux_state(unsigned int blk, char *buf, size_t size)
{
	char path[256], st[32];
	unsigned int j;

	buf[0] = '\0';
	for (j = 0; j < mb_per_block; j++) {
		mb_path(path, sizeof(path), blk, j, "state");
		if (rfile(path, st, sizeof(st)) < 0)
			snprintf(st, sizeof(st), "absent");
		if (j && strcmp(st, buf))
			snprintf(st, sizeof(st), "mixed");
		snprintf(buf, size, "%s", st);
	}
	return buf;
}

static int set_block_state(unsigned int blk, const char *state)
{
	char path[256];
	unsigned int j;
	int rc;

	for (j = 0; j < mb_per_block; j++) {
		mb_path(path, sizeof(path), blk, j, "state");
		rc = wfile(path, state);
		if (rc)
			return rc;
	}
	return 0;
}

/* The firmware's view through memhp_fwtool: plugged count, state digits. */
static int fw_state(long *plugged, long *gen, char *state, size_t size)
{
	char buf[512];
	int n = 0;

	if (rfile(FWT_STATE, buf, sizeof(buf)) < 0)
		return -1;
	if (sscanf(buf, "window 0 plugged %ld generation %ld state %n",
		   plugged, gen, &n) < 2 || !n)
		return -1;
	snprintf(state, size, "%.*s", (int)strcspn(buf + n, "\n"), buf + n);
	return 0;
}

/* The firmware state digits ("1100") must be @want. */
int check_fw(const char *what, const char *want)
{
	char st[MAX_BLOCKS + 1];
	long plugged, gen, n = 0;
	const char *p;

	if (fw_state(&plugged, &gen, st, sizeof(st)))
		return fail(what, "cannot read %s", FWT_STATE);
	for (p = want; *p; p++)
		n += *p == '1';
	if (strcmp(st, want) || plugged != n)
		return fail(what, "firmware READ_STATE %s PLUGGED_BLOCKS %ld, want %s",
			    st, plugged, want);
	return 0;
}

/* Demo: print the driver's new kernel log lines (/dev/kmsg). */
static int kmsg_fd = -1;

static void klog(void)
{
	char rec[1024], *msg;
	ssize_t n;

	if (!demo || kmsg_fd < 0)
		return;
	while ((n = read(kmsg_fd, rec, sizeof(rec) - 1)) > 0 || (n < 0 && errno == EPIPE)) {
		if (n <= 0)
			continue;
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (msg && strstr(msg, "hotsbi-memhp"))
			note("  kernel: %.*s", (int)strcspn(msg + 1, "\n"), msg + 1);
	}
}

/* Firmware state digits for this window with blocks @ones ("01") plugged. */
static const char *want(const char *ones)
{
	static char buf[4][MAX_BLOCKS + 1];
	static int k;
	char *st = buf[k++ & 3];
	unsigned int b;

	for (b = 0; b < w_blocks; b++)
		st[b] = '0';
	st[w_blocks] = '\0';
	for (; *ones; ones++)
		if ((unsigned int)(*ones - '0') < w_blocks)
			st[*ones - '0'] = '1';
	return st;
}

static void show(const char *when)
{
	char st[MAX_BLOCKS + 1] = "", ls[32], zone[64], path[256];
	char req[32], plg[32], fwp[64], drvp[64];
	long plugged = -1, gen = -1, total = meminfo("MemTotal");
	unsigned int b;
	int drv = exists(WIN);

	klog();
	fw_state(&plugged, &gen, st, sizeof(st));
	note("  .-- %s", when);
	note("  | block  physical range         firmware   linux memory  state    zone");
	for (b = 0; b < w_blocks; b++) {
		uint64_t a = w_start + b * w_bs;
		char mem[32];

		block_linux_state(b, ls, sizeof(ls));
		snprintf(zone, sizeof(zone), "-");
		if (!strcmp(ls, "online")) {
			mb_path(path, sizeof(path), b, 0, "valid_zones");
			rfile(path, zone, sizeof(zone));
		}
		if (strcmp(ls, "absent"))
			snprintf(mem, sizeof(mem), "memory%" PRIu64, a / mem_bs);
		else
			snprintf(mem, sizeof(mem), "-");
		note("  | %-6u 0x%08" PRIx64 "-0x%08" PRIx64 "  %-10s %-13s %-8s %s",
		     b, a, a + w_bs - 1,
		     st[b] == '1' ? "plugged" : st[b] == '0' ? "unplugged" :
		     st[b] == '2' ? "unavail" : "?", mem, ls, zone);
	}
	note("  | MemTotal %ld kB = boot %ld kB %+ld kB; firmware: %ld plugged, generation %ld",
	     total, boot_total_kb, total - boot_total_kb, plugged, gen);
	if (drv)
		note("  | driver: requested_size %s plugged_size %s plugged_blocks '%s' fw_plugged_blocks '%s'",
		     win_attr("requested_size", req, sizeof(req)),
		     win_attr("plugged_size", plg, sizeof(plg)),
		     win_attr("plugged_blocks", drvp, sizeof(drvp)),
		     win_attr("fw_plugged_blocks", fwp, sizeof(fwp)));
	else
		note("  | driver: not loaded");
	note("  '--");
}

/* Driver view: plugged_blocks and fw_plugged_blocks lists, plugged_size. */
static int check_driver(const char *what, const char *list, unsigned int nr)
{
	char a[64], b[64], c[32];

	win_attr("plugged_blocks", a, sizeof(a));
	win_attr("fw_plugged_blocks", b, sizeof(b));
	win_attr("plugged_size", c, sizeof(c));
	if (strcmp(a, list) || strcmp(b, list) ||
	    strtoull(c, NULL, 10) != nr * w_bs)
		return fail(what, "driver plugged_blocks '%s' fw_plugged_blocks '%s' plugged_size %s, want '%s' and %" PRIu64,
			    a, b, c, list, nr * w_bs);
	return 0;
}

static int check_memtotal(const char *what, unsigned int online_blocks)
{
	long total = meminfo("MemTotal");
	long want = boot_total_kb + (long)(online_blocks * (w_bs / 1024));

	if (total != want)
		return fail(what, "MemTotal %ld kB, want %ld kB (boot %ld + %u blocks)",
			    total, want, boot_total_kb, online_blocks);
	return 0;
}

/* ------------------------------------------------------------ pagemap */

struct where {
	long pages, absent, in_window, in_boot, other;
	long per_block[MAX_BLOCKS];
};

static void pagemap_count(int fd, const char *base, size_t len, struct where *w)
{
	static uint64_t ent[512];
	size_t first = (uintptr_t)base / PAGE, n = len / PAGE, i, k, c;

	for (i = 0; i < n; i += c) {
		c = n - i < 512 ? n - i : 512;
		if (pread(fd, ent, c * 8, (first + i) * 8) != (ssize_t)(c * 8)) {
			w->absent += c;
			continue;
		}
		for (k = 0; k < c; k++) {
			uint64_t phys = (ent[k] & ((1ULL << 55) - 1)) * PAGE;

			w->pages++;
			if (!(ent[k] >> 63) || !phys)
				w->absent++;
			else if (phys >= w_start && phys < w_start + w_size) {
				w->in_window++;
				w->per_block[(phys - w_start) / w_bs]++;
			} else if (phys >= BOOT_RAM_BASE && phys < w_start)
				w->in_boot++;
			else
				w->other++;
		}
	}
}

/* ------------------------------------------------------------ memory hog */

#define CHUNK		(4 * MiB)
#define KEEP		(1 * MiB)

struct hog_report {
	long fill_mb, resident_mb;
	struct where all, kept;
	int data_ok;
	uint64_t sum;
	double fill_s;
};

static inline uint64_t pattern(uint64_t off, uint64_t seed)
{
	uint64_t x = (off + seed) * 0x9E3779B97F4A7C15ULL;

	return x ^ (x >> 29) ^ off;
}

/* Compare the kept part against the pattern, return its checksum. */
static uint64_t hog_verify(const char *mem, size_t len, uint64_t seed, int *ok)
{
	uint64_t sum = 0;
	size_t c, o;

	*ok = 1;
	for (c = 0; c < len; c += CHUNK) {
		const uint64_t *p = (const uint64_t *)(mem + c);

		for (o = 0; o < KEEP / 8; o++) {
			uint64_t v = p[o];

			if (v != pattern(c + o * 8, seed))
				*ok = 0;
			sum = (sum ^ v) * 0x100000001B3ULL + o;
		}
	}
	return sum;
}

static void hog_pagemap(int pm, const char *mem, size_t len, struct where *w)
{
	size_t c;

	memset(w, 0, sizeof(*w));
	for (c = 0; c < len; c += CHUNK)
		pagemap_count(pm, mem + c, KEEP, w);
}

/*
 * Child: fill @len bytes, report where the pages went, drop 3/4 of them,
 * then answer every byte on @cmd with a fresh report (pagemap and checksum)
 * until the pipe closes.
 */
static void hog(size_t len, int cmd, int rep)
{
	const uint64_t seed = 0x5eed;
	struct hog_report r = { 0 };
	uint64_t *p, sum;
	double t0 = now();
	size_t c, o;
	char *mem;
	int pm, ok;
	char x;

	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pm = open("/proc/self/pagemap", O_RDONLY);
	if (mem == MAP_FAILED || pm < 0)
		_exit(2);
	for (c = 0; c < len; c += CHUNK) {
		p = (uint64_t *)(mem + c);
		for (o = 0; o < CHUNK / 8; o++)
			p[o] = pattern(c + o * 8, seed);
	}
	r.fill_s = now() - t0;
	r.fill_mb = len / MiB;
	pagemap_count(pm, mem, len, &r.all);
	for (c = 0; c < len; c += CHUNK)
		madvise(mem + c + KEEP, CHUNK - KEEP, MADV_DONTNEED);
	r.resident_mb = len / CHUNK * KEEP / MiB;
	r.sum = hog_verify(mem, len, seed, &r.data_ok);
	hog_pagemap(pm, mem, len, &r.kept);
	sum = r.sum;
	if (write(rep, &r, sizeof(r)) != sizeof(r))
		_exit(3);
	while (read(cmd, &x, 1) == 1) {
		r.sum = hog_verify(mem, len, seed, &ok);
		r.data_ok = ok && r.sum == sum;
		hog_pagemap(pm, mem, len, &r.kept);
		if (write(rep, &r, sizeof(r)) != sizeof(r))
			_exit(3);
	}
	_exit(0);
}

struct child {
	pid_t pid;
	int cmd, rep;
};

static int start_child(struct child *ch, void (*fn)(size_t, int, int), size_t arg)
{
	int a[2], b[2];

	if (pipe(a) || pipe(b))
		return -1;
	ch->pid = fork();
	if (ch->pid < 0)
		return -1;
	if (!ch->pid) {
		close(a[1]);
		close(b[0]);
		fn(arg, a[0], b[1]);
		_exit(0);
	}
	close(a[0]);
	close(b[1]);
	ch->cmd = a[1];
	ch->rep = b[0];
	return 0;
}

static int child_ask(struct child *ch, void *rep, size_t size)
{
	char x = 'c';

	if (write(ch->cmd, &x, 1) != 1)
		return -1;
	return read(ch->rep, rep, size) == (ssize_t)size ? 0 : -1;
}

static void stop_child(struct child *ch)
{
	int status;

	close(ch->cmd);
	close(ch->rep);
	waitpid(ch->pid, &status, 0);
}

/* ------------------------------------------------------------ /dev/mem */

static sigjmp_buf fault_jmp;
static siginfo_t fault_info;
static uintptr_t fault_pc;

static void on_fault(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;

	(void)sig;
	fault_info = *si;
	fault_pc = uc->uc_mcontext.__gregs[REG_PC];
	siglongjmp(fault_jmp, 1);
}

struct probe {
	int cpu;		/* CPU it ran on */
	int sig, code;		/* 0: no fault */
	int addr_is_pc;		/* si_addr == PC of the faulting instruction */
	int addr_is_data;	/* si_addr == the data address */
	uint64_t value;
};

/* One access to physical @phys through /dev/mem: load, or store of @val. */
static struct probe devmem_access(uint64_t phys, int store_, uint64_t val)
{
	static volatile uint64_t *p;
	static struct probe r;
	static int store;
	struct sigaction sa = { 0 };
	void *map;
	int fd;

	memset(&r, 0, sizeof(r));
	r.cpu = sched_getcpu();
	store = store_;

	fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		r.sig = -errno;
		return r;
	}
	map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   phys & ~(PAGE - 1));
	close(fd);
	if (map == MAP_FAILED) {
		r.sig = -errno;
		return r;
	}
	p = (volatile uint64_t *)((char *)map + (phys & (PAGE - 1)));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	if (!sigsetjmp(fault_jmp, 1)) {
		if (store)
			*p = val;
		else
			r.value = *p;
	} else {
		r.sig = fault_info.si_signo;
		r.code = fault_info.si_code;
		r.addr_is_pc = (uintptr_t)fault_info.si_addr == fault_pc;
		r.addr_is_data = fault_info.si_addr == (void *)p;
	}
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	munmap(map, PAGE);
	return r;
}

static int pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/* Run devmem_access() in a child pinned to @cpu. */
static struct probe devmem_on_cpu(int cpu, uint64_t phys, int store, uint64_t val)
{
	struct probe r = { .cpu = -1, .sig = -EIO };
	int fds[2], status;
	pid_t pid;

	if (pipe(fds))
		return r;
	pid = fork();
	if (!pid) {
		close(fds[0]);
		if (pin(cpu))
			r.sig = -errno;
		else
			r = devmem_access(phys, store, val);
		if (write(fds[1], &r, sizeof(r)) < 0)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &r, sizeof(r)) != sizeof(r))
		r.sig = -EIO;
	close(fds[0]);
	waitpid(pid, &status, 0);
	return r;
}

/* Unplugged: every CPU faults with SIGSEGV SEGV_ACCERR, si_addr = PC. */
int expect_faults(const char *what, uint64_t phys, int *faults)
{
	int cpu, store, bad = 0;

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		for (store = 0; store < 2; store++) {
			struct probe r = devmem_on_cpu(cpu, phys + cpu * 64 + store * 8,
						       store, 0xdead);

			if (r.cpu != cpu || r.sig != SIGSEGV ||
			    r.code != SEGV_ACCERR || !r.addr_is_pc) {
				bad++;
				fail(what, "%s of 0x%" PRIx64 " on CPU %d (ran on %d): signal %d code %d si_addr==pc %d si_addr==data %d",
				     store ? "store" : "load", phys, cpu, r.cpu,
				     r.sig, r.code, r.addr_is_pc, r.addr_is_data);
			} else {
				(*faults)++;
				tell("CPU %d: %s 0x%" PRIx64 " -> SIGSEGV, si_code SEGV_ACCERR, si_addr = the instruction's PC",
				     cpu, store ? "store to" : "load from", phys + cpu * 64 + store * 8);
			}
		}
	}
	return bad ? -1 : 0;
}

/* ------------------------------------------------------------ workers */

struct worker {
	pthread_t thread;
	int cpu;
	long rounds, errors;
};

static volatile int workers_stop;

static void *worker_main(void *arg)
{
	struct worker *wk = arg;
	const size_t len = 8 * MiB;
	uint64_t seed = wk->cpu * 1000;
	size_t o;

	pin(wk->cpu);
	while (!workers_stop) {
		uint64_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			wk->errors++;
			continue;
		}
		for (o = 0; o < len / 8; o += 8)
			p[o] = pattern(o, seed);
		sched_yield();
		for (o = 0; o < len / 8; o += 8)
			if (p[o] != pattern(o, seed))
				wk->errors++;
		munmap(p, len);
		wk->rounds++;
		seed++;
	}
	return NULL;
}

/*
 * A thread pinned to one CPU that reads the firmware's state through the
 * driver's fw_plugged_blocks (a READ_STATE from that CPU, outside the
 * driver's lock) in a loop, while another thread plugs and unplugs: MEMHP
 * calls from every CPU at once. Each answer must be a block list within
 * the window ("0-1,3", or empty).
 */
struct reader {
	pthread_t thread;
	int cpu;
	long reads, errors;
};

static bool block_list_ok(const char *p)
{
	unsigned long a, b;
	char *end;

	while (*p != '\n') {
		a = b = strtoul(p, &end, 10);
		if (end == p)
			return false;
		if (*end == '-')
			b = strtoul(end + 1, &end, 10);
		if (a > b || b >= w_blocks || (*end != ',' && *end != '\n'))
			return false;
		p = end + (*end == ',');
	}
	return !p[1];
}

static void *reader_main(void *arg)
{
	struct reader *rd = arg;
	char buf[256];
	ssize_t len;
	int fd;

	if (pin(rd->cpu)) {
		rd->errors++;
		return NULL;
	}
	while (!workers_stop) {
		fd = open(WIN "/fw_plugged_blocks", O_RDONLY | O_CLOEXEC);
		len = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		if (fd >= 0)
			close(fd);
		rd->reads++;
		if (len <= 0) {
			rd->errors++;
			continue;
		}
		buf[len] = '\0';
		if (!block_list_ok(buf))
			rd->errors++;
		usleep(100);
	}
	return NULL;
}

/* ------------------------------------------------------------ busy page */

/* Child: hold one page of the window in a pipe (vmsplice) until told. */
static void busy_page(size_t unused, int cmd, int rep)
{
	uint64_t phys = 0, ent;
	char *mem, x;
	int pm, fds[2];
	size_t i;

	(void)unused;
	mem = mmap(NULL, 256 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pm = open("/proc/self/pagemap", O_RDONLY);
	if (mem == MAP_FAILED || pm < 0 || pipe(fds))
		_exit(2);
	for (i = 0; i < 256 && !phys; i++) {
		mem[i * PAGE] = 1;
		if (pread(pm, &ent, 8, ((uintptr_t)mem / PAGE + i) * 8) != 8)
			continue;
		ent = (ent & ((1ULL << 55) - 1)) * PAGE;
		if (ent >= w_start && ent < w_start + w_size) {
			struct iovec iov = { mem + i * PAGE, PAGE };

			if (vmsplice(fds[1], &iov, 1, 0) == PAGE)
				phys = ent;
		}
	}
	if (write(rep, &phys, sizeof(phys)) != sizeof(phys))
		_exit(3);
	if (read(cmd, &x, 1) < 0)
		_exit(4);
	_exit(0);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* write(@attr, @val) interrupted by SIGALRM after @secs: returns -errno. */
static int write_with_alarm(const char *attr, uint64_t val, unsigned int secs,
			    double *took)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	double t0 = now();
	int rc;

	sigaction(SIGALRM, &sa, NULL);
	alarm(secs);
	rc = win_write(attr, val);
	alarm(0);
	*took = now() - t0;
	return rc;
}

/* ------------------------------------------------------------ the steps */

static int read_window(void)
{
	w_start = rnum(WIN "/start", 0);
	w_size = rnum(WIN "/size", 10);
	w_bs = rnum(WIN "/block_size", 10);
	mem_bs = rnum(MEMSYS "/block_size_bytes", 16);
	if (w_start == UINT64_MAX || w_size == UINT64_MAX || !w_bs ||
	    w_bs == UINT64_MAX || !mem_bs || mem_bs == UINT64_MAX)
		return -1;
	w_blocks = w_size / w_bs;
	mb_per_block = w_bs / mem_bs;
	return w_blocks > 0 && w_blocks <= MAX_BLOCKS ? 0 : -1;
}

static int all_absent(void)
{
	char ls[32];
	unsigned int b;

	for (b = 0; b < w_blocks; b++)
		if (strcmp(block_linux_state(b, ls, sizeof(ls)), "absent"))
			return 0;
	return 1;
}

static int step1_load(void)
{
	char buf[64];
	int rc;

	step(1, "load the driver");
	tell("HotSBI carved an emulated memory card from the top of RAM and keeps it");
	tell("behind the PMP. Linux booted with boot RAM only: MemTotal %ld kB.",
	     boot_total_kb);
	rc = insmod(FWT_MOD);
	if (rc)
		return fail("step1", "insmod memhp_fwtool: %s", strerror(-rc));
	rc = insmod(DRV_MOD);
	if (rc)
		return fail("step1", "insmod hotsbi-memhp: %s", strerror(-rc));
	if (read_window())
		return fail("step1", "no usable %s after insmod", WIN);
	note("window0: start 0x%" PRIx64 " size %" PRIu64 " MiB, %u blocks of %" PRIu64
	     " MiB (Linux memory blocks of %" PRIu64 " MiB)",
	     w_start, w_size / MiB, w_blocks, w_bs / MiB, mem_bs / MiB);
	tell("finit_module() loaded hotsbi-memhp; it cross-checked the device tree with");
	tell("the MEMHP SBI extension and created %s.", WIN);
	show("after insmod");
	rc = 0;
	rc |= CHECK("step1", all_absent(), "memory blocks of the window exist before plugging");
	rc |= check_memtotal("step1", 0);
	rc |= check_fw("step1", want(""));
	rc |= check_driver("step1", "", 0);
	rc |= CHECK("step1", !strcmp(win_attr("requested_size", buf, sizeof(buf)), "0"),
		    "requested_size %s", buf);
	rc |= CHECK("step1", iomem_has("hotsbi window 0") && !iomem_has("System RAM (hotsbi)"),
		    "/proc/iomem lacks the window reservation or has hotsbi RAM");
	if (!rc)
		pass("step1: insmod, window0 %u x %" PRIu64 " MiB, no memory blocks, MemTotal %ld kB = boot RAM, firmware plugged 0",
		     w_blocks, w_bs / MiB, boot_total_kb);
	return rc;
}

static int step2_plug(void)
{
	char ls[32];
	unsigned int b;
	int rc;

	step(2, "plug 2 blocks through requested_size and online them");
	tell("echo %" PRIu64 " > %s/requested_size", 2 * w_bs, WIN);
	tell("The driver PLUGs block 0, adds it with add_memory_driver_managed(), then block 1.");
	rc = win_write("requested_size", 2 * w_bs);
	if (rc)
		return fail("step2", "requested_size=2 blocks: %s", strerror(-rc));
	show("after requested_size = 2 blocks (added, still offline)");
	rc = 0;
	for (b = 0; b < 2; b++)
		rc |= CHECK("step2", !strcmp(block_linux_state(b, ls, sizeof(ls)), "offline"),
			    "block %u is %s after plugging, want offline", b, ls);
	rc |= check_memtotal("step2", 0);
	rc |= check_fw("step2", want("01"));
	rc |= check_driver("step2", "0-1", 2);
	rc |= CHECK("step2", iomem_has("System RAM (hotsbi)"), "/proc/iomem has no System RAM (hotsbi)");
	tell("User space onlines them as usual: echo online_movable > memoryN/state");
	for (b = 0; b < 2; b++)
		if (set_block_state(b, "online_movable"))
			rc |= fail("step2", "online_movable block %u: %s", b, strerror(errno));
	show("after online_movable");
	rc |= check_memtotal("step2", 2);
	if (!rc)
		pass("step2: 2 blocks plugged (firmware 1100), offline until onlined, MemTotal %ld -> %ld kB (+%" PRIu64 " kB = 2 blocks)",
		     boot_total_kb, meminfo("MemTotal"), 2 * w_bs / 1024);
	return rc;
}

static struct child hog_child;

static int check_hog_placement(const char *what, const struct where *w,
			       const char *plugged)
{
	unsigned int b;

	for (b = 0; b < w_blocks; b++)
		if (w->per_block[b] && plugged[b] != '1')
			return fail(what, "%ld pages in unplugged block %u",
				    w->per_block[b], b);
	return 0;
}

static int step3_fill(void)
{
	struct hog_report r;
	size_t len;
	int rc;

	step(3, "fill more memory than boot RAM has free");
	len = ((size_t)boot_free_kb * 1024 + 64 * MiB) / CHUNK * CHUNK;
	tell("A child process writes a pattern over %zu MiB (boot RAM had %ld MiB free),",
	     len / MiB, boot_free_kb / 1024);
	tell("keeps 1 MiB of every 4 MiB and reads /proc/self/pagemap.");
	if (start_child(&hog_child, hog, len))
		return fail("step3", "fork: %s", strerror(errno));
	if (read(hog_child.rep, &r, sizeof(r)) != sizeof(r))
		return fail("step3", "the memory hog died (OOM?)");
	note("hog: filled %ld MiB in %.1f s: %ld pages, %ld in the window, %ld in boot RAM, %ld elsewhere, %ld absent",
	     r.fill_mb, r.fill_s, r.all.pages, r.all.in_window, r.all.in_boot,
	     r.all.other, r.all.absent);
	note("hog: kept %ld MiB resident: %ld pages, %ld in the window (block 0: %ld, block 1: %ld), %ld in boot RAM, %ld absent; pattern %s, checksum %016" PRIx64,
	     r.resident_mb, r.kept.pages, r.kept.in_window, r.kept.per_block[0],
	     r.kept.per_block[1], r.kept.in_boot, r.kept.absent,
	     r.data_ok ? "ok" : "CORRUPT", r.sum);
	rc = 0;
	rc |= CHECK("step3", r.fill_mb * 1024 > boot_free_kb, "filled less than boot RAM has free");
	rc |= CHECK("step3", r.all.in_window > 0 && r.all.absent == 0,
		    "fill: %ld pages in the window, %ld absent", r.all.in_window, r.all.absent);
	rc |= CHECK("step3", r.kept.in_window > 0 && r.kept.absent == 0 && r.kept.other == 0,
		    "resident part: %ld pages in the window, %ld absent, %ld elsewhere",
		    r.kept.in_window, r.kept.absent, r.kept.other);
	rc |= check_hog_placement("step3", &r.all, want("01"));
	rc |= CHECK("step3", r.data_ok, "pattern corrupt right after filling");
	if (!rc)
		pass("step3: filled %ld MiB (boot RAM free %ld MiB): %ld of %ld pages in the window; resident %ld MiB with %ld pages in the window, checksum ok",
		     r.fill_mb, boot_free_kb / 1024, r.all.in_window, r.all.pages,
		     r.resident_mb, r.kept.in_window);
	return rc;
}

static int step4_shrink(void)
{
	struct hog_report before, r;
	double t0, took;
	int rc;

	step(4, "shrink back to 0 while the process keeps its data");
	if (child_ask(&hog_child, &before, sizeof(before)))
		return fail("step4", "the memory hog died");
	tell("echo 0 > requested_size: the driver calls offline_and_remove_memory() on");
	tell("block 1, then block 0 (Linux migrates the pages to boot RAM), and UNPLUGs each.");
	t0 = now();
	rc = win_write("requested_size", 0);
	took = now() - t0;
	if (rc)
		return fail("step4", "requested_size=0: %s", strerror(-rc));
	if (child_ask(&hog_child, &r, sizeof(r)))
		return fail("step4", "the memory hog died");
	note("hog after shrink (%.1f s): %ld resident pages, %ld in the window (was %ld), %ld in boot RAM, %ld absent; pattern %s, checksum %016" PRIx64 " (was %016" PRIx64 ")",
	     took, r.kept.pages, r.kept.in_window, before.kept.in_window,
	     r.kept.in_boot, r.kept.absent, r.data_ok ? "ok" : "CORRUPT", r.sum,
	     before.sum);
	show("after requested_size = 0");
	rc = 0;
	rc |= CHECK("step4", r.kept.in_window == 0 && r.kept.absent == 0 &&
		    r.kept.in_boot == r.kept.pages,
		    "%ld pages still in the window, %ld absent", r.kept.in_window, r.kept.absent);
	rc |= CHECK("step4", r.data_ok && r.sum == before.sum, "data changed by migration");
	rc |= CHECK("step4", all_absent(), "memory blocks of the window still exist");
	rc |= check_fw("step4", want(""));
	rc |= check_driver("step4", "", 0);
	rc |= check_memtotal("step4", 0);
	rc |= CHECK("step4", !iomem_has("System RAM (hotsbi)"), "System RAM (hotsbi) still in /proc/iomem");
	stop_child(&hog_child);
	if (!rc)
		pass("step4: shrink in %.1f s: %ld resident pages migrated out of the window (%ld -> 0 in the window, %ld in boot RAM), checksum ok, firmware READ_STATE 0000, MemTotal back to %ld kB",
		     took, before.kept.in_window, before.kept.in_window, r.kept.in_boot,
		     meminfo("MemTotal"));
	return rc;
}

/* Bad requests get their errno; block 0 is plugged, the others are not. */
static int check_errors(void)
{
	static const struct {
		const char *attr, *val;
		int err;
	} t[] = {
		{ "requested_size", "100", EINVAL },
		{ "requested_size", "1x", EINVAL },
		{ "requested_size", "64M", EINVAL },
		{ "requested_size", "4G", EINVAL },
		{ "plug_block", "0", EEXIST },
		{ "plug_block", "99", EINVAL },
		{ "plug_block", "one", EINVAL },
		{ "unplug_block", "1", ENOENT },
	};
	char path[256];
	unsigned int i;
	int rc = 0, e;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(path, sizeof(path), WIN "/%s", t[i].attr);
		e = wfile(path, t[i].val);
		rc |= CHECK("step5", e == -t[i].err, "%s <- '%s': %s, want %s", t[i].attr,
			    t[i].val, strerror(-e), strerror(t[i].err));
	}
	rc |= check_driver("step5", "0", 1);
	if (!rc)
		note("sysfs errors: %u bad requests refused with EINVAL/EEXIST/ENOENT, state unchanged", i);
	return rc;
}

static int step5_devmem(void)
{
	uint64_t b0 = w_start, b2 = w_start + 2 * w_bs, b3 = w_start + (w_blocks - 1) * w_bs;
	int cpu, rc = 0, faults = 0, reads = 0;
	struct probe r;

	step(5, "/dev/mem on every CPU: plugged block works, unplugged blocks fault");
	rc = wfile(WIN "/plug_block", "0");
	if (rc)
		return fail("step5", "plug_block 0: %s", strerror(-rc));
	tell("plug_block 0 (left offline); then one process pinned per CPU maps /dev/mem.");
	rc |= check_errors();
	/* Scrubbed on unplug: the block the hog used reads as zeros. */
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		uint64_t a = b0 + (uint64_t)cpu * (w_bs / nr_cpus) + 4096;

		r = devmem_on_cpu(cpu, a, 0, 0);
		rc |= CHECK("step5", r.sig == 0 && r.cpu == cpu && r.value == 0,
			    "load of plugged 0x%" PRIx64 " on CPU %d: signal %d value %" PRIx64
			    " (want 0: scrubbed)", a, cpu, r.sig, r.value);
		r = devmem_on_cpu(cpu, a + 8, 1, 0x1234500 + cpu);
		rc |= CHECK("step5", r.sig == 0, "store to plugged 0x%" PRIx64 " on CPU %d: signal %d",
			    a + 8, cpu, r.sig);
		r = devmem_on_cpu((cpu + 1) % nr_cpus, a + 8, 0, 0);
		rc |= CHECK("step5", r.sig == 0 && r.value == 0x1234500ULL + cpu,
			    "read back on CPU %d: signal %d value %" PRIx64, (cpu + 1) % nr_cpus,
			    r.sig, r.value);
		reads += 3;
	}
	note("plugged block 0: %d /dev/mem accesses on %d CPUs without a fault, scrubbed to zero",
	     reads, nr_cpus);
	tell("Now loads and stores to unplugged blocks 2 and %u: the PMP denies them, the", w_blocks - 1);
	tell("hart traps to HotSBI, which hands the access fault to Linux: SIGSEGV.");
	rc |= expect_faults("step5", b2, &faults);
	rc |= expect_faults("step5", b3 + w_bs - PAGE, &faults);
	rc = wfile(WIN "/unplug_block", "0") ? fail("step5", "unplug_block 0: %s", strerror(errno)) : rc;
	tell("unplug_block 0: the block that just worked faults on every CPU too.");
	rc |= expect_faults("step5", b0 + 4096, &faults);
	rc |= check_fw("step5", want(""));
	if (!rc)
		pass("step5: /dev/mem: %d accesses to plugged block 0 ok on %d CPUs (scrubbed, written, read back on another CPU); %d accesses to unplugged blocks 2, %u and unplugged-again block 0 on every CPU got SIGSEGV/SEGV_ACCERR with si_addr = faulting PC",
		     reads, nr_cpus, faults, w_blocks - 1);
	return rc;
}

/*
 * After plug_block in descending order: /proc/kpageflags, which ends at
 * max_pfn, still reaches the last page of block @b. riscv's
 * arch_add_memory() used to set max_pfn to the end of the block just
 * added (patch 2 of the driver's series).
 */
static int check_kpageflags(const char *what, unsigned int b)
{
	uint64_t pfn = (w_start + (b + 1) * w_bs) / 4096 - 1, flags;
	ssize_t n;
	int fd;

	fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(what, "open /proc/kpageflags: %s", strerror(errno));
	n = pread(fd, &flags, sizeof(flags), pfn * sizeof(flags));
	close(fd);
	return CHECK(what, n == sizeof(flags),
		     "/proc/kpageflags ends before pfn 0x%" PRIx64 ", the last page of block %u (read %zd): max_pfn was lowered by a lower block's add",
		     pfn, b, n);
}

/* One cycle: plug, online, (offline), unplug, with the given method. */
static int cycle(int k, long *migrated_rounds)
{
	static const unsigned int order[] = { 3, 1, 2, 0 };
	char what[32], ls[32];
	unsigned int i, b, n = w_blocks < 4 ? w_blocks : 4;
	int rc = 0, by_block = k & 1;

	(void)migrated_rounds;
	snprintf(what, sizeof(what), "step6 cycle %d", k);
	if (!by_block) {
		rc = win_write("requested_size", n * w_bs);
		if (rc)
			return fail(what, "requested_size=%u blocks: %s", n, strerror(-rc));
	} else {
		for (i = 0; i < n; i++) {
			rc = wfilef(WIN "/plug_block", "%u", order[i] % n);
			if (rc)
				return fail(what, "plug_block %u: %s", order[i] % n, strerror(-rc));
		}
		rc |= check_kpageflags(what, n - 1);
	}
	for (b = 0; b < n; b++)
		if (set_block_state(b, "online_movable"))
			return fail(what, "online_movable %u: %s", b, strerror(errno));
	rc |= check_memtotal(what, n);
	rc |= check_fw(what, want("0123"));
	usleep(200000);		/* let the workers put pages there */
	if (!by_block) {
		rc = win_write("requested_size", 0);
		if (rc)
			return fail(what, "requested_size=0: %s", strerror(-rc));
	} else {
		for (i = 0; i < n; i++) {
			b = order[i] % n;
			if (set_block_state(b, "offline"))
				return fail(what, "offline block %u: %s", b, strerror(errno));
			if (strcmp(block_linux_state(b, ls, sizeof(ls)), "offline"))
				return fail(what, "block %u is %s after offline", b, ls);
			rc = wfilef(WIN "/unplug_block", "%u", b);
			if (rc)
				return fail(what, "unplug_block %u: %s", b, strerror(-rc));
		}
	}
	rc |= check_memtotal(what, 0);
	rc |= check_fw(what, want(""));
	rc |= CHECK(what, all_absent(), "memory blocks remain");
	return rc;
}

static int step6_cycles(int nr_cycles)
{
	struct worker wk[MAX_CPUS];
	struct reader rd[MAX_CPUS];
	long rounds = 0, errors = 0, reads = 0, read_errors = 0, plugged, gen0, gen1;
	char st[MAX_BLOCKS + 1];
	double t0 = now();
	int i, k, rc = 0, ok = 0;

	step(6, "plug/online/offline/unplug cycles with every CPU busy");
	tell("%d threads pinned to CPUs 0-%d allocate, fill and check 8 MiB buffers in a loop.",
	     nr_cpus, nr_cpus - 1);
	tell("%d more threads, one per CPU, read fw_plugged_blocks (MEMHP READ_STATE from", nr_cpus);
	tell("every CPU at once, next to the PLUG and UNPLUG calls of the cycles).");
	tell("Even cycles use requested_size, odd ones plug_block 3,1,2,0, online_movable,");
	tell("then offline from user space and unplug_block in the same order.");
	fw_state(&plugged, &gen0, st, sizeof(st));
	workers_stop = 0;
	for (i = 0; i < nr_cpus; i++) {
		wk[i].cpu = i;
		wk[i].rounds = wk[i].errors = 0;
		pthread_create(&wk[i].thread, NULL, worker_main, &wk[i]);
		rd[i].cpu = i;
		rd[i].reads = rd[i].errors = 0;
		pthread_create(&rd[i].thread, NULL, reader_main, &rd[i]);
	}
	for (k = 0; k < nr_cycles; k++) {
		if (!cycle(k, NULL))
			ok++;
		else
			rc = -1;
		if (demo && k == 0)
			show("after cycle 0");
	}
	workers_stop = 1;
	for (i = 0; i < nr_cpus; i++) {
		pthread_join(wk[i].thread, NULL);
		rounds += wk[i].rounds;
		errors += wk[i].errors;
		if (!wk[i].rounds)
			rc |= fail("step6", "worker on CPU %d made no progress", i);
		pthread_join(rd[i].thread, NULL);
		reads += rd[i].reads;
		read_errors += rd[i].errors;
		if (!rd[i].reads)
			rc |= fail("step6", "reader on CPU %d made no READ_STATE", i);
	}
	fw_state(&plugged, &gen1, st, sizeof(st));
	note("cycles: %d of %d ok in %.1f s, workers: %ld rounds of 8 MiB, %ld errors, firmware generation %ld -> %ld",
	     ok, nr_cycles, now() - t0, rounds, errors, gen0, gen1);
	note("readers: %ld fw_plugged_blocks reads on %d CPUs, %ld errors", reads, nr_cpus,
	     read_errors);
	rc |= CHECK("step6", errors == 0, "%ld worker pattern errors", errors);
	rc |= CHECK("step6", read_errors == 0, "%ld fw_plugged_blocks reads failed or were malformed",
		    read_errors);
	if (!rc)
		pass("step6: %d plug/online/offline/unplug cycles of %u blocks with %d pinned workers (%ld rounds, 0 errors) and %d pinned READ_STATE readers (%ld reads, 0 errors), firmware generation %ld -> %ld; /proc/kpageflags reached the highest block after each descending plug_block",
		     nr_cycles, w_blocks < 4 ? w_blocks : 4, nr_cpus, rounds, nr_cpus, reads, gen0, gen1);
	return rc;
}

/* Busy memory: -EBUSY, an interrupted rmmod leaves it, reload adopts it. */
static int step6_busy(void)
{
	struct child busy;
	uint64_t phys = 0;
	double took;
	char ls[32], buf[64];
	int rc, status;
	pid_t pid;

	step(6, "busy memory, interrupted unload, adoption on reload");
	rc = win_write("requested_size", w_bs);
	if (rc || set_block_state(0, "online_movable"))
		return fail("step6-busy", "plug and online block 0 failed");
	if (start_child(&busy, busy_page, 0) ||
	    read(busy.rep, &phys, sizeof(phys)) != sizeof(phys) || !phys)
		return fail("step6-busy", "could not pin a page of block 0 in a pipe");
	tell("A child vmsplice()d its page at 0x%" PRIx64 " into a pipe: it cannot migrate.", phys);
	rc = write_with_alarm("requested_size", 0, 2, &took);
	note("requested_size=0 with a page held by a pipe: %s after %.1f s (SIGALRM)",
	     strerror(-rc), took);
	rc = rc == -EBUSY ? 0 : fail("step6-busy", "requested_size=0 returned %s, want EBUSY",
				     strerror(-rc));
	{
		double took2;
		int rc2 = write_with_alarm("unplug_block", 0, 1, &took2);

		note("unplug_block 0: %s after %.1f s", strerror(-rc2), took2);
		rc |= CHECK("step6-busy", rc2 == -EBUSY, "unplug_block 0 returned %s, want EBUSY",
			    strerror(-rc2));
	}
	rc |= CHECK("step6-busy", !strcmp(block_linux_state(0, ls, sizeof(ls)), "online"),
		    "busy block 0 is %s, want online", ls);
	rc |= check_driver("step6-busy", "0", 1);
	rc |= check_memtotal("step6-busy", 1);
	rc |= check_fw("step6-busy", want("0"));

	tell("rmmod from a child that gets SIGALRM after 2 s: the driver gives up on the");
	tell("busy block and leaves it plugged and added.");
	pid = fork();
	if (!pid) {
		struct sigaction sa = { .sa_handler = on_alarm };

		sigaction(SIGALRM, &sa, NULL);
		alarm(2);
		_exit(rmmod(DRV_NAME) ? 1 : 0);
	}
	waitpid(pid, &status, 0);
	rc |= CHECK("step6-busy", WIFEXITED(status) && !WEXITSTATUS(status) && !exists(WIN),
		    "interrupted rmmod failed");
	show("after the interrupted rmmod");
	rc |= CHECK("step6-busy", !strcmp(block_linux_state(0, ls, sizeof(ls)), "online") &&
		    iomem_has("System RAM (hotsbi)"), "busy block 0 is %s after rmmod", ls);
	rc |= check_fw("step6-busy", want("0"));
	stop_child(&busy);
	tell("The pipe is gone; insmod again: the driver finds block 0 plugged and present.");
	rc |= insmod(DRV_MOD) ? fail("step6-busy", "insmod again failed") : 0;
	show("after insmod (adoption)");
	rc |= check_driver("step6-busy", "0", 1);
	rc |= CHECK("step6-busy", strtoull(win_attr("requested_size", buf, sizeof(buf)), NULL, 10) == w_bs,
		    "requested_size %s after adoption", buf);
	rc |= win_write("requested_size", 0) ? fail("step6-busy", "requested_size=0 after adoption failed") : 0;
	rc |= check_memtotal("step6-busy", 0);
	rc |= check_fw("step6-busy", want(""));
	if (!rc)
		pass("step6: busy block (page in a pipe): requested_size=0 and unplug_block gave EBUSY, block stayed online/plugged; interrupted rmmod left it plugged+added, reload adopted it (plugged_blocks 0), then removed it");
	return rc;
}

/* Blocks plugged behind the driver's back are added at probe. */
static int step6_adopt(void)
{
	int rc = 0;

	step(6, "blocks plugged without the driver are adopted at probe");
	rc |= rmmod(DRV_NAME) ? fail("step6-adopt", "rmmod: %s", strerror(errno)) : 0;
	rc |= check_fw("step6-adopt", want(""));
	if (w_blocks < 3)
		return rc;
	tell("memhp_fwtool issues a raw PLUG of blocks 1-2 (as a kexec'd kernel would find them).");
	rc |= wfile(FWT_PLUG, "0 1 2") ? fail("step6-adopt", "raw PLUG failed") : 0;
	rc |= check_fw("step6-adopt", want("12"));
	rc |= insmod(DRV_MOD) ? fail("step6-adopt", "insmod failed") : 0;
	show("after insmod with blocks 1-2 plugged in the firmware");
	rc |= check_driver("step6-adopt", "1-2", 2);
	rc |= set_block_state(1, "online_movable") ? fail("step6-adopt", "online block 1") : 0;
	rc |= check_memtotal("step6-adopt", 1);
	tell("rmmod removes and unplugs what the driver owns, online or not.");
	rc |= rmmod(DRV_NAME) ? fail("step6-adopt", "rmmod: %s", strerror(errno)) : 0;
	rc |= check_memtotal("step6-adopt", 0);
	rc |= CHECK("step6-adopt", all_absent() && !iomem_has("hotsbi"),
		    "memory or resources left after rmmod");
	rc |= check_fw("step6-adopt", want(""));
	show("after the final rmmod");
	if (!rc)
		pass("step6: raw-plugged blocks 1-2 adopted at probe (added, plugged_blocks 1-2), rmmod removed and unplugged them: firmware READ_STATE 0000, PLUGGED_BLOCKS 0");
	return rc;
}

/* ------------------------------------------------------------ issue 13 */

#define FWT_UNPLUG	"/sys/module/memhp_fwtool/parameters/unplug"
#define FWT_SPEC	"/sys/module/memhp_fwtool/parameters/spec"
#define FWT_CLAIM	"/sys/module/memhp_fwtool/parameters/claim"
#define FWT_IOMEM	"/sys/module/memhp_fwtool/parameters/iomem"
/* include/linux/ioport.h */
#define IORES_MEM	0x00000200UL
#define IORES_SYSRAM	0x01000000UL
#define IORES_EXCL	0x08000000UL
#define IORES_BUSY	0x80000000UL

/*
 * Ownership: fw_plugged_blocks (every read takes the firmware's lock) is
 * root only, and the window is reserved as exclusive, non-busy System RAM,
 * the resource flags iomem_is_exclusive() refuses /dev/mem for.
 */
static int step1_owner(void)
{
	char buf[512], *p;
	unsigned long flags = 0;
	struct stat sb;
	int rc = 0, status, e;
	pid_t pid;

	step(1, "ownership: root-only firmware reads, exclusive window");
	if (stat(WIN "/fw_plugged_blocks", &sb))
		return fail("step1-owner", "stat fw_plugged_blocks: %s", strerror(errno));
	rc |= CHECK("step1-owner", (sb.st_mode & 0777) == 0400,
		    "fw_plugged_blocks has mode %03o, want 0400", sb.st_mode & 0777);
	pid = fork();
	if (!pid) {
		int fd;

		if (setgid(65534) || setuid(65534))
			_exit(255);
		fd = open(WIN "/fw_plugged_blocks", O_RDONLY);
		_exit(fd < 0 ? errno : 0);
	}
	waitpid(pid, &status, 0);
	e = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	rc |= CHECK("step1-owner", e == EACCES,
		    "uid 65534 opening fw_plugged_blocks: %s, want EACCES",
		    e > 0 && e < 255 ? strerror(e) : e ? "(setuid failed)" : "opened");
	if (rfile(FWT_IOMEM, buf, sizeof(buf)) < 0 || !(p = strstr(buf, " hotsbi window 0")))
		return fail("step1-owner", "no iomem resource 'hotsbi window 0' ('%s')", buf);
	while (p > buf && p[-1] != '\n')
		p--;
	flags = strtoul(p, NULL, 16);
	rc |= CHECK("step1-owner", (flags & (IORES_MEM | IORES_SYSRAM | IORES_EXCL | IORES_BUSY)) ==
		    (IORES_MEM | IORES_SYSRAM | IORES_EXCL),
		    "window resource flags %#lx, want System RAM | EXCLUSIVE, not BUSY", flags);
	if (!rc)
		pass("step1-owner: fw_plugged_blocks is 0400 (uid 65534 gets EACCES), window reserved with flags %#lx (exclusive System RAM, not busy)",
		     flags);
	return rc;
}

/* Hibernation: refused with blocks plugged (@plugged), allowed otherwise. */
static int hibernate_test(const char *what, int plugged)
{
	int fd, rc, lines;

	if (!exists("/sys/power/state") || !exists("/sys/power/pm_test"))
		return fail(what, "no /sys/power/state or pm_test (CONFIG_HIBERNATION, CONFIG_PM_DEBUG)");
	/* Stop after freezing: nothing is written, no swap is needed. */
	if (wfile("/sys/power/pm_test", "freezer"))
		return fail(what, "pm_test=freezer: %s", strerror(errno));
	fd = kmsg_open();
	rc = wfile("/sys/power/state", "disk");
	lines = kmsg_count(fd, "hibernation refused");
	wfile("/sys/power/pm_test", "none");
	note("echo disk > /sys/power/state with %s blocks plugged: %s, %d refusal line(s)",
	     plugged ? "2" : "no", rc ? strerror(-rc) : "ok (freezer test)", lines);
	if (plugged)
		rc = CHECK(what, rc == -EBUSY && lines == 1,
			   "hibernation with blocks plugged: %s, %d refusal lines, want EBUSY and 1",
			   rc ? strerror(-rc) : "allowed", lines);
	else
		rc = CHECK(what, rc == 0 && lines == 0,
			   "hibernation with nothing plugged: %s, %d refusal lines, want allowed",
			   strerror(-rc), lines);
	if (!rc)
		pass("%s: hibernation %s", what, plugged ?
		     "refused with blocks plugged (EBUSY, one line saying why)" :
		     "allowed with nothing plugged (pm_test=freezer)");
	return rc;
}

/*
 * Every firmware answer: PLUG of a block already plugged behind the driver's
 * back (ALREADY_AVAILABLE) adds it; UNPLUG of a block already unplugged
 * (ALREADY_STOPPED) succeeds with a warning; a shrink takes offline blocks
 * before online ones.
 */
static int step5_answers(void)
{
	char buf[64], ls[32];
	int rc = 0, fd, n;

	step(5, "firmware answers: already plugged, already unplugged, offline blocks first");
	if (w_blocks < 3)
		return fail("step5-answers", "needs 3 blocks, the window has %u", w_blocks);
	rc |= wfile(FWT_PLUG, "0 1 1") ? fail("step5-answers", "raw PLUG of block 1 failed") : 0;
	fd = kmsg_open();
	n = win_write("requested_size", 2 * w_bs);
	rc |= CHECK("step5-answers", n == 0, "requested_size 2 blocks with block 1 plugged behind the driver's back: %s",
		    strerror(-n));
	rc |= CHECK("step5-answers", kmsg_count(fd, "block 1 already (partly) plugged") == 1,
		    "no warning about block 1 being plugged already");
	rc |= check_driver("step5-answers", "0-1", 2);
	rc |= check_fw("step5-answers", want("01"));

	rc |= wfile(FWT_UNPLUG, "0 1 1") ? fail("step5-answers", "raw UNPLUG of block 1 failed") : 0;
	fd = kmsg_open();
	n = wfile(WIN "/unplug_block", "1");
	rc |= CHECK("step5-answers", n == 0, "unplug_block 1, unplugged behind the driver's back: %s",
		    strerror(-n));
	rc |= CHECK("step5-answers", kmsg_count(fd, "block 1 already (partly) unplugged") == 1,
		    "no warning about block 1 being unplugged already");
	rc |= check_driver("step5-answers", "0", 1);
	rc |= check_fw("step5-answers", want("0"));
	rc |= CHECK("step5-answers", !strcmp(win_attr("unusable_blocks", buf, sizeof(buf)), ""),
		    "unusable_blocks '%s', want none", buf);

	/* blocks 0-2 plugged, only block 2 online: a shrink takes block 1 */
	n = win_write("requested_size", 3 * w_bs);
	rc |= n ? fail("step5-answers", "requested_size 3 blocks: %s", strerror(-n)) : 0;
	rc |= set_block_state(2, "online_movable") ? fail("step5-answers", "online block 2") : 0;
	n = win_write("requested_size", 2 * w_bs);
	rc |= n ? fail("step5-answers", "requested_size 2 blocks: %s", strerror(-n)) : 0;
	rc |= check_fw("step5-answers", want("02"));
	rc |= CHECK("step5-answers", !strcmp(block_linux_state(2, ls, sizeof(ls)), "online"),
		    "online block 2 is %s after the shrink, want online (offline block 1 goes first)", ls);
	n = win_write("requested_size", 0);
	rc |= n ? fail("step5-answers", "requested_size 0: %s", strerror(-n)) : 0;
	rc |= check_fw("step5-answers", want(""));
	if (!rc)
		pass("step5-answers: ALREADY_AVAILABLE block added, ALREADY_STOPPED unplug succeeded with a warning, shrink took offline block 1 before online block 2");
	return rc;
}

/* The probe fails when the window is in use by someone else. */
static int step7_claim(void)
{
	char arg[64];
	int rc = 0, n, fd;

	step(7, "the window in use by someone else: the probe fails");
	snprintf(arg, sizeof(arg), "%" PRIx64 " %" PRIx64, w_start + w_bs, w_bs);
	if (wfile(FWT_CLAIM, arg))
		return fail("step7", "memhp_fwtool could not claim %s: %s", arg, strerror(errno));
	fd = kmsg_open();
	n = insmod(DRV_MOD);
	rc |= CHECK("step7", kmsg_count(fd, "is in use by someone else") == 1 &&
		    !exists(WIN), "no refusal with block 1 claimed (insmod: %s)", strerror(-n));
	if (!n)
		rmmod(DRV_NAME);
	wfile(FWT_CLAIM, "0 0");
	/* A claim across the window's end: the reservation cannot be had. */
	snprintf(arg, sizeof(arg), "%" PRIx64 " %lx", w_start + w_size - PAGE, 2 * PAGE);
	if (wfile(FWT_CLAIM, arg))
		return fail("step7", "memhp_fwtool could not claim %s: %s", arg, strerror(errno));
	fd = kmsg_open();
	n = insmod(DRV_MOD);
	rc |= CHECK("step7", kmsg_count(fd, "is in use by someone else") == 1 &&
		    !exists(WIN), "no refusal with the window's end claimed (insmod: %s)",
		    strerror(-n));
	if (!n)
		rmmod(DRV_NAME);
	wfile(FWT_CLAIM, "0 0");
	n = insmod(DRV_MOD);
	rc |= CHECK("step7", !n && exists(WIN), "insmod after the claim was released: %s", strerror(-n));
	rc |= rmmod(DRV_NAME) ? fail("step7", "rmmod: %s", strerror(errno)) : 0;
	if (!rc)
		pass("step7: with a block of the window claimed, and with a range across its end claimed, the driver did not bind (one error line each); after the release it did");
	return rc;
}

/*
 * memhp.policy=P (the kernel booted with that online policy): the blocks the
 * driver adds come up as the policy says, whole window blocks at a time,
 * and go again. P is offline (memhp_default_state=offline), online_movable
 * (memhp_default_state=online_movable) or auto-movable
 * (memhp_default_state=online memory_hotplug.online_policy=auto-movable,
 * decided per memory group: one per window). With
 * memory_hotplug.memmap_on_memory=force on the command line the memmap of each
 * block must live in the block (MHP_MEMMAP_ON_MEMORY): MemTotal grows by
 * the blocks less their memmap, when the memmap of a block fills whole
 * 2 MiB vmemmap leaves (a 64-byte struct page). With a 56-byte struct page
 * the kernel declines memmap_on_memory (arch_supports_memmap_on_memory())
 * and the blocks must be added whole, the memmap in boot RAM.
 */
static int policy_test(const char *cmdline)
{
	char policy[32] = "", ls[32], zone[64], path[256];
	int rc = 0, online, memmap;
	unsigned int b;

	sscanf(strstr(cmdline, "memhp.policy=") + 13, "%31[^ ]", policy);
	online = strcmp(policy, "offline") != 0;
	memmap = strstr(cmdline, "memory_hotplug.memmap_on_memory=") != NULL;
	step(0, "online policy: added blocks come up as the kernel's policy says");
	if (insmod(FWT_MOD) || insmod(DRV_MOD) || read_window() || w_blocks < 2)
		return fail("policy", "driver or window missing");
	rc = win_write("requested_size", 2 * w_bs);
	if (rc)
		return fail("policy", "requested_size 2 blocks: %s", strerror(-rc));
	show("after requested_size = 2 blocks");
	for (b = 0; b < 2; b++) {
		block_linux_state(b, ls, sizeof(ls));
		zone[0] = '\0';
		mb_path(path, sizeof(path), b, 0, "valid_zones");
		if (!strcmp(ls, "online"))
			rfile(path, zone, sizeof(zone));
		if (online)
			rc |= CHECK("policy", !strcmp(ls, "online") && !strcmp(zone, "Movable"),
				    "%s: block %u is %s (zone '%s'), want online in Movable",
				    policy, b, ls, zone);
		else
			rc |= CHECK("policy", !strcmp(ls, "offline"),
				    "%s: block %u is %s, want offline", policy, b, ls);
	}
	if (memmap) {
		uint64_t sp = rnum("/sys/module/memhp_fwtool/parameters/struct_page_size", 10);

		if (sp == UINT64_MAX || (w_bs / PAGE * sp) % (2 << 20))
			memmap = 0;
		note("struct page: %" PRIu64 " bytes, the memmap of a block %s whole 2 MiB vmemmap leaves%s",
		     sp, memmap ? "fills" : "does not fill",
		     memmap ? "" : ": the kernel declines memmap_on_memory");
	}
	if (memmap) {
		/*
		 * The memmap lives in the block, rounded up to whole
		 * pageblocks (memmap_on_memory=force).
		 */
		uint64_t sp = rnum("/sys/module/memhp_fwtool/parameters/struct_page_size", 10);
		char pti[256] = "", *o;
		uint64_t pb, memmap = w_bs / PAGE * sp;
		long want;

		rfile("/proc/pagetypeinfo", pti, sizeof(pti));
		o = strstr(pti, "Page block order:");
		pb = o ? PAGE << atoi(o + 17) : 0;
		if (pb)
			memmap = (memmap + pb - 1) / pb * pb;
		want = boot_total_kb + 2 * (long)((w_bs - memmap) / 1024);
		rc |= CHECK("policy", pb && meminfo("MemTotal") == want,
			    "memmap_on_memory: MemTotal %ld kB, want %ld kB (2 blocks less their %" PRIu64 "-byte memmap)",
			    meminfo("MemTotal"), want, memmap);
	} else {
		rc |= check_memtotal("policy", online ? 2 : 0);
	}
	rc |= CHECK("policy", !win_write("requested_size", 0), "requested_size 0 failed");
	rc |= check_fw("policy", want(""));
	rc |= check_memtotal("policy", 0);
	rc |= rmmod(DRV_NAME) ? fail("policy", "rmmod: %s", strerror(errno)) : 0;
	if (!rc)
		pass("policy %s: 2 blocks added %s%s, removed and unplugged again", policy,
		     online ? "online in ZONE_MOVABLE" : "offline",
		     memmap ? ", their memmap on the blocks themselves" :
		     strstr(cmdline, "memmap_on_memory=") ?
		     ", whole (memmap_on_memory declined for this struct page size)" : "");
	return rc;
}

/*
 * memhp.dumpfdt=1: print the device tree the firmware passed to Linux
 * (/sys/firmware/fdt) as "memhp-fdt: HEX" lines, for dt-validate on the
 * host (tests/linux/lint.mk).
 */
static int dump_fdt(void)
{
	static unsigned char fdt[256 * 1024];
	char line[16 + 2 * 64 + 2];
	ssize_t n, i, total = 0;
	int fd, k;

	fd = open("/sys/firmware/fdt", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("dumpfdt", "/sys/firmware/fdt: %s", strerror(errno));
	while ((n = read(fd, fdt + total, sizeof(fdt) - total)) > 0)
		total += n;
	close(fd);
	for (i = 0; i < total; i += 64) {
		k = snprintf(line, sizeof(line), "memhp-fdt: ");
		for (n = i; n < total && n < i + 64; n++)
			k += snprintf(line + k, sizeof(line) - k, "%02x", fdt[n]);
		note("%s", line);
	}
	pass("dumpfdt: %zd bytes", total);
	return 0;
}

/* ------------------------------------------------------------ kdump */

#define KDUMP_KERNEL	"/kdump/vmlinux"
#define KDUMP_INITRD	"/kdump/initrd.cpio"
#define KDUMP_MAGIC0	0x4b44554d50303030ULL	/* "KDUMP000" */
#define KDUMP_MAGIC1	0x4b44554d50313131ULL
#define KDUMP_OFF	0x3000
#ifndef KEXEC_FILE_ON_CRASH
#define KEXEC_FILE_ON_CRASH	0x2
#endif

/*
 * memhp.kdump=1, first kernel: blocks 0 and 1 plugged and added (offline),
 * a mark written into each through /dev/mem, the crash kernel loaded with
 * kexec_file_load() (its elfcorehdr lists both blocks), then block 1
 * unplugged (the elfcorehdr is now stale: riscv has no CRASH_HOTPLUG) and
 * the kernel crashed with SysRq c.
 */
static int kdump_first(const char *cmdline)
{
	char cmd[1024], *p;
	struct probe r;
	int kfd, ifd, rc;

	step(0, "kdump: load a crash kernel, unplug a block, crash");
	if (insmod(FWT_MOD) || insmod(DRV_MOD) || read_window() || w_blocks < 2)
		return fail("kdump", "driver or window missing");
	rc = win_write("requested_size", 2 * w_bs);
	if (rc)
		return fail("kdump", "requested_size 2 blocks: %s", strerror(-rc));
	r = devmem_access(w_start + KDUMP_OFF, 1, KDUMP_MAGIC0);
	rc = r.sig;
	r = devmem_access(w_start + w_bs + KDUMP_OFF, 1, KDUMP_MAGIC1);
	if (rc || r.sig)
		return fail("kdump", "marking blocks 0 and 1 through /dev/mem: %d %d", rc, r.sig);
	/* The crash kernel's command line: this one, in crash mode, one CPU. */
	snprintf(cmd, sizeof(cmd), "%s nosmp", cmdline);
	p = strstr(cmd, "memhp.kdump=1");
	p[12] = '2';
	p = strstr(cmd, "crashkernel=");
	if (p)
		memset(p, ' ', strcspn(p, " "));
	kfd = open(KDUMP_KERNEL, O_RDONLY | O_CLOEXEC);
	ifd = open(KDUMP_INITRD, O_RDONLY | O_CLOEXEC);
	if (kfd < 0 || ifd < 0)
		return fail("kdump", "no %s or %s", KDUMP_KERNEL, KDUMP_INITRD);
	if (syscall(SYS_kexec_file_load, kfd, ifd, strlen(cmd) + 1, cmd, KEXEC_FILE_ON_CRASH))
		return fail("kdump", "kexec_file_load: %s", strerror(errno));
	note("crash kernel loaded: %s", cmd);
	rc = wfile(WIN "/unplug_block", "1");
	if (rc)
		return fail("kdump", "unplug_block 1: %s", strerror(-rc));
	rc = check_fw("kdump", want("0"));
	if (rc)
		return rc;
	note("memhp-e2e: block 1 unplugged after the crash kernel was loaded; crashing (SysRq c)");
	sync();
	wfile("/proc/sysrq-trigger", "c");
	return fail("kdump", "still alive after SysRq c");
}

/* The window from the device tree (the crash kernel has no windowN device). */
static int dt_window(void)
{
	char path[512], buf[64];
	struct dirent *d;
	DIR *dir;
	int fd, n = -1;

	dir = opendir("/sys/firmware/devicetree/base/hotplug-memory");
	while (dir && (d = readdir(dir)))
		if (!strncmp(d->d_name, "window@", 7))
			break;
	if (dir && d) {
		snprintf(path, sizeof(path), "/sys/firmware/devicetree/base/hotplug-memory/%s/reg",
			 d->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));
		if (fd >= 0)
			close(fd);
	}
	if (dir)
		closedir(dir);
	if (n != 16)
		return -1;
	w_start = be64toh(*(uint64_t *)buf);
	w_size = be64toh(*(uint64_t *)(buf + 8));
	w_bs = 128 * MiB;
	w_blocks = w_size / w_bs;
	return 0;
}

/* File offset in /proc/vmcore of physical address @pa, or -1. */
static off_t vmcore_offset(int fd, uint64_t pa)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int i;

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG))
		return -1;
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) != sizeof(ph))
			return -1;
		if (ph.p_type == PT_LOAD && pa >= ph.p_paddr && pa - ph.p_paddr < ph.p_memsz)
			return ph.p_offset + (pa - ph.p_paddr);
	}
	return -1;
}

/*
 * memhp.kdump=2, the crash kernel: the driver adds nothing, and reading
 * /proc/vmcore gives block 0's mark and zeros for the unplugged block 1
 * (reading it would take an access fault) without a kernel warning.
 */
static int kdump_crash(void)
{
	static uint64_t buf[(1 * MiB) / 8];
	uint64_t v0 = 0, nonzero = 0;
	off_t o0, o1;
	int fd, kfd, rc = 0, lines;
	size_t i;

	step(0, "kdump: the crash kernel reads only plugged window blocks");
	if (!exists("/proc/vmcore"))
		return fail("kdump", "no /proc/vmcore: this is not a crash kernel");
	if (dt_window() || w_blocks < 2)
		return fail("kdump", "no window in the device tree");
	if (insmod(FWT_MOD))
		return fail("kdump", "insmod memhp_fwtool");
	rc |= check_fw("kdump", want("0"));
	kfd = kmsg_open();
	if (insmod(DRV_MOD))
		return fail("kdump", "insmod hotsbi-memhp");
	lines = kmsg_count(kfd, "crash kernel: window memory is not added");
	rc |= CHECK("kdump", lines == 1 && !exists(WIN) && !iomem_has("hotsbi"),
		    "in the crash kernel the driver announced %d times that it adds nothing, window device %s, iomem %s",
		    lines, exists(WIN) ? "present" : "absent", iomem_has("hotsbi") ? "has hotsbi" : "clean");
	fd = open("/proc/vmcore", O_RDONLY | O_CLOEXEC);
	o0 = fd < 0 ? -1 : vmcore_offset(fd, w_start + KDUMP_OFF);
	o1 = fd < 0 ? -1 : vmcore_offset(fd, w_start + w_bs);
	if (o0 < 0 || o1 < 0)
		return fail("kdump", "the vmcore does not list blocks 0 and 1 (%lld %lld)",
			    (long long)o0, (long long)o1);
	rc |= CHECK("kdump", pread(fd, &v0, 8, o0) == 8 && v0 == KDUMP_MAGIC0,
		    "block 0 (plugged) reads %#" PRIx64 " in the vmcore, want the mark %#llx",
		    v0, KDUMP_MAGIC0);
	note("vmcore: block 0 (plugged) at offset %#llx reads the mark %#" PRIx64,
	     (long long)o0, v0);
	note("vmcore: reading 1 MiB of block 1 (unplugged after the crash kernel was loaded)");
	if (pread(fd, buf, sizeof(buf), o1) != (ssize_t)sizeof(buf))
		rc |= fail("kdump", "reading block 1 from the vmcore: %s", strerror(errno));
	for (i = 0; i < sizeof(buf) / 8; i++)
		nonzero += buf[i] != 0;
	rc |= CHECK("kdump", nonzero == 0, "%" PRIu64 " non-zero words in unplugged block 1", nonzero);
	close(fd);
	rc |= check_fw("kdump", want("0"));
	if (!rc)
		pass("kdump: the crash kernel added nothing; /proc/vmcore gave block 0's mark and zeros for unplugged block 1 (in its stale elfcorehdr)");
	return rc;
}

/*
 * memhp.refuse=DEV: the driver must refuse platform device DEV with exactly
 * one error line (and no other line); unless DEV is the firmware's own node
 * (OWN_DEV, refused when the firmware lacks MEMHP), that node must still bind
 * and work.
 */
static int refuse_test(const char *cmdline)
{
	char dev[64], path[256], rec[1024], line[512] = "", *msg;
	int fd, n, errs = 0, others = 0, rc = 0;
	ssize_t len;

	n = 0;
	sscanf(strstr(cmdline, "memhp.refuse=") + 13, "%63[^ ]%n", dev, &n);
	step(0, "the driver refuses an inconsistent node");
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return fail("refuse", "/dev/kmsg: %s", strerror(errno));
	lseek(fd, 0, SEEK_END);
	rc = insmod(DRV_MOD);
	if (rc)
		return fail("refuse", "insmod: %s", strerror(-rc));
	snprintf(line, sizeof(line), "hotsbi-memhp %s: ", dev);
	while ((len = read(fd, rec, sizeof(rec) - 1)) > 0 || (len < 0 && errno == EPIPE)) {
		if (len <= 0)
			continue;
		rec[len] = '\0';
		msg = strchr(rec, ';');
		if (!msg || !strstr(msg, line))
			continue;
		note("kernel (level %d): %.*s", atoi(rec) & 7, (int)strcspn(msg + 1, "\n"), msg + 1);
		if ((atoi(rec) & 7) == 3)
			errs++;
		else
			others++;
	}
	close(fd);
	snprintf(path, sizeof(path), "/sys/bus/platform/devices/%s", dev);
	rc |= CHECK("refuse", exists(path), "no platform device %s", dev);
	snprintf(path, sizeof(path), "/sys/bus/platform/devices/%s/driver", dev);
	rc |= CHECK("refuse", !exists(path), "the driver bound to %s", dev);
	rc |= CHECK("refuse", errs == 1 && others == 0,
		    "%d error lines and %d other lines for %s, want exactly 1 error line",
		    errs, others, dev);
	if (strcmp(dev, OWN_DEV)) {
		/* The firmware's own node is not affected. */
		if (read_window()) {
			rc |= fail("refuse", "no usable %s next to the refused %s", WIN, dev);
		} else {
			n = win_write("requested_size", w_bs);
			rc |= CHECK("refuse", !n && !strcmp(block_linux_state(0, path, sizeof(path)), "offline") &&
				    !win_write("requested_size", 0) && !check_fw("refuse", want("")),
				    "the firmware's own window does not work next to %s", dev);
			if (!rc)
				note("the firmware's own node %s still works (plugged and unplugged a block)", WIN);
		}
	}
	rc |= rmmod(DRV_NAME) ? fail("refuse", "rmmod: %s", strerror(errno)) : 0;
	if (!rc)
		pass("refuse: %s refused with one error line, driver not bound", dev);
	return rc;
}

/* Driver and firmware lists agree and the firmware has @nr blocks plugged. */
static int check_pmp_state(const char *what, long nr, char *st, size_t size)
{
	char a[256], b[256];
	long plugged, gen;

	win_attr("plugged_blocks", a, sizeof(a));
	win_attr("fw_plugged_blocks", b, sizeof(b));
	if (fw_state(&plugged, &gen, st, size))
		return fail(what, "cannot read %s", FWT_STATE);
	if (strcmp(a, b) || plugged != nr)
		return fail(what, "driver plugged_blocks '%s', firmware '%s' (%ld plugged), want the same lists and %ld",
			    a, b, plugged, nr);
	return 0;
}

/*
 * memhp.pmp=1, on a firmware whose planner has few PMP entries and a card
 * of many blocks: the firmware refuses an UNPLUG when the blocks left
 * plugged would not fit its PMP (every hole in a plugged window costs a
 * deny entry). The driver asks first (CHECK, MEMHP 1.1): the refused block
 * (-ENOSPC) is never offlined, so it stays online in ZONE_MOVABLE; a
 * shrink through requested_size must pass over refused blocks to one the
 * firmware accepts, and the window must empty. On a firmware offering
 * MEMHP 1.0 (no CHECK) the refused block is offlined and removed before
 * the UNPLUG is refused, then added back (-ENOSPC, one "adding it back"
 * line): it comes back offline (memhp_default_state=offline), its zone
 * lost; the rest is the same.
 */
static int pmp_budget_test(void)
{
	char st[MAX_BLOCKS + 1], st2[MAX_BLOCKS + 1], ls[32], spec[32] = "?";
	char path[256], zone[64] = "";
	unsigned int b, refused = UINT32_MAX, holes = 0, gone = UINT32_MAX;
	int rc, kfd, n;
	bool v10;

	step(0, "UNPLUG refused for the firmware's PMP budget");
	rc = insmod(FWT_MOD);
	if (rc)
		return fail("pmp", "insmod memhp_fwtool: %s", strerror(-rc));
	rc = insmod(DRV_MOD);
	if (rc)
		return fail("pmp", "insmod hotsbi-memhp: %s", strerror(-rc));
	if (read_window() || w_blocks < 8)
		return fail("pmp", "no usable %s with at least 8 blocks", WIN);
	note("window0: %u blocks of %" PRIu64 " MiB at 0x%" PRIx64, w_blocks,
	     w_bs / MiB, w_start);
	if (rfile(FWT_SPEC, spec, sizeof(spec)) < 0 || strtoul(spec, NULL, 16) < 0x01000000)
		return fail("pmp", "firmware SPEC_VERSION %s", spec);
	v10 = strtoul(spec, NULL, 16) < 0x01010000;
	note("firmware MEMHP %s: %s", spec, v10 ? "no CHECK, refusals are added back" :
	     "CHECK before offlining");
	rc = win_write("requested_size", w_size);
	if (rc || check_pmp_state("pmp", w_blocks, st, sizeof(st)))
		return fail("pmp", "plugging the whole window: %s", strerror(-rc));
	/* Online: a refused block must keep its zone (CHECK, no migration). */
	for (b = 0; b < w_blocks; b++)
		if (set_block_state(b, "online_movable"))
			return fail("pmp", "online_movable block %u: %s", b, strerror(errno));

	/* holes at blocks 1, 3, 5, ...: one deny entry each */
	kfd = kmsg_open();
	for (b = 1; b < w_blocks; b += 2) {
		rc = win_write("unplug_block", b);
		if (rc == -ENOSPC) {
			refused = b;
			break;
		}
		if (rc)
			return fail("pmp", "unplug_block %u: %s", b, strerror(-rc));
		holes++;
	}
	if (refused == UINT32_MAX)
		return fail("pmp", "all %u odd blocks unplugged: no refusal, is this a firmware with few PMP entries?",
			    holes);
	note("unplug_block %u: ENOSPC after %u holes", refused, holes);
	show("after the refused unplug_block");
	rc = check_pmp_state("pmp", w_blocks - holes, st, sizeof(st));
	rc |= CHECK("pmp", st[refused] == '1', "block %u is '%c' in the firmware, want plugged",
		    refused, st[refused]);
	mb_path(path, sizeof(path), refused, 0, "valid_zones");
	rfile(path, zone, sizeof(zone));
	n = kmsg_count(kfd, "adding it back");
	if (v10) {
		rc |= CHECK("pmp", !strcmp(block_linux_state(refused, ls, sizeof(ls)), "offline"),
			    "refused block %u is %s in Linux, want offline (added back, MEMHP 1.0)",
			    refused, ls);
		rc |= CHECK("pmp", n == 1, "%d blocks were added back, want 1", n);
		rc |= CHECK("pmp", !set_block_state(refused, "online_movable"),
			    "the block added back does not online");
	} else {
		rc |= CHECK("pmp", !strcmp(block_linux_state(refused, ls, sizeof(ls)), "online") &&
			    !strcmp(zone, "Movable"),
			    "refused block %u is %s (zones %s) in Linux, want online in Movable (CHECK: never offlined)",
			    refused, ls, zone);
		rc |= CHECK("pmp", n == 0, "%d blocks were offlined, refused and added back", n);
	}
	rc |= CHECK("pmp", !set_block_state(refused, "offline") &&
		    !strcmp(block_linux_state(refused, ls, sizeof(ls)), "offline") &&
		    !set_block_state(refused, "online_movable"),
		    "refused block %u cannot be offlined and onlined again (%s)", refused, ls);
	if (rc)
		return rc;

	/* a shrink by one passes over the blocks the firmware refuses */
	rc = win_write("requested_size", (uint64_t)(w_blocks - holes - 1) * w_bs);
	rc = rc ? fail("pmp", "requested_size minus one block: %s", strerror(-rc)) :
		  check_pmp_state("pmp", w_blocks - holes - 1, st2, sizeof(st2));
	if (rc)
		return rc;
	for (b = 0; b < w_blocks; b++)
		if (st[b] != st2[b])
			gone = b;
	note("requested_size minus one block: block %u went (firmware %s)", gone, st2);
	rc = CHECK("pmp", gone != UINT32_MAX && st2[gone] == '0',
		   "firmware states %s -> %s", st, st2);

	/* and the window empties */
	rc |= CHECK("pmp", !win_write("requested_size", 0), "requested_size 0 failed");
	rc |= check_pmp_state("pmp", 0, st, sizeof(st));
	rc |= check_memtotal("pmp", 0);
	rc |= rmmod(DRV_NAME) ? fail("pmp", "rmmod: %s", strerror(errno)) : 0;
	if (!rc && v10)
		pass("pmp: MEMHP 1.0: unplug_block %u refused after %u holes, offlined and added back (offline, onlined again); a shrink passed over refused blocks to block %u; the window emptied",
		     refused, holes, gone);
	else if (!rc)
		pass("pmp: unplug_block %u refused by CHECK after %u holes, stayed online in Movable; a shrink passed over refused blocks to block %u; the window emptied",
		     refused, holes, gone);
	return rc;
}

static int count_cpus(void)
{
	char buf[64];
	int a, b;

	if (rfile("/sys/devices/system/cpu/online", buf, sizeof(buf)) > 0 &&
	    sscanf(buf, "%d-%d", &a, &b) == 2 && a == 0)
		return b + 1;
	return 1;
}

/*
 * Static device memory (memhp.pmem=1; the firmware was given
 * /chosen/hotsbi,emulated-card-pmem-size = 256 MiB of the default card):
 * of_pmem turns the pmem-region node into /dev/pmem0 with no driver of
 * ours, data written to it with O_DIRECT reads back, the firmware reports
 * the two blocks plugged and refuses to unplug them (SBI_ERR_DENIED), and
 * hotsbi-memhp leaves the window to of_pmem.
 */
#define PMEM_DEV	"/dev/pmem0"
#define PMEM_BYTES	(256L << 20)

static int pmem_static_test(void)
{
	char buf[512];
	unsigned char *pat = NULL, *back = NULL;
	long sectors;
	int fd, kfd, rc = 0, i;

	step(0, "static device memory: /dev/pmem0 from the firmware's pmem-region node");
	if (demo) {
		note("The firmware was told (/chosen/hotsbi,emulated-card-pmem-size) that the");
		note("top 256 MiB of the card are device memory, as the Con Tutto card's memory");
		note("was used: plugged at boot and published as a standard pmem-region node,");
		note("which Linux's of_pmem driver serves as /dev/pmem0 with no driver of ours.");
	}
	if (!exists(PMEM_DEV))
		return fail("pmem", "no %s: of_pmem did not serve the pmem-region node",
			    PMEM_DEV);
	if (rfile("/sys/block/pmem0/size", buf, sizeof(buf)) < 0)
		return fail("pmem", "no /sys/block/pmem0/size");
	sectors = atol(buf);
	rc |= CHECK("pmem", sectors == PMEM_BYTES / 512,
		    "%s has %ld sectors, want %ld", PMEM_DEV, sectors, PMEM_BYTES / 512);

	/* O_DIRECT: the read comes from the device, not the page cache. */
	if (posix_memalign((void **)&pat, 4096, 4096) ||
	    posix_memalign((void **)&back, 4096, 4096))
		return fail("pmem", "no memory");
	for (i = 0; i < 4096; i++)
		pat[i] = (unsigned char)(i * 7 + 0x5a);
	fd = open(PMEM_DEV, O_RDWR | O_DIRECT);
	if (fd < 0)
		return fail("pmem", "open %s: %s", PMEM_DEV, strerror(errno));
	rc |= CHECK("pmem", pwrite(fd, pat, 4096, PMEM_BYTES - 4096) == 4096 &&
		    pread(fd, back, 4096, PMEM_BYTES - 4096) == 4096 &&
		    !memcmp(pat, back, 4096),
		    "4 KiB written at the end of %s did not read back", PMEM_DEV);
	close(fd);
	free(pat);
	free(back);
	if (!rc)
		pass("pmem: %s of %ld MiB, 4 KiB written at its end read back (O_DIRECT)",
		     PMEM_DEV, PMEM_BYTES >> 20);

	if (insmod(FWT_MOD))
		return fail("pmem", "insmod memhp_fwtool failed");
	rc |= check_fw("pmem", "0011");
	kfd = kmsg_open();
	rc |= CHECK("pmem", wfile(FWT_UNPLUG, "0 3 1") != 0,
		    "raw UNPLUG of a device-memory block succeeded");
	rc |= CHECK("pmem", kmsg_count(kfd, "raw UNPLUG window 0 blocks 3+1: SBI error -4") == 1,
		    "no SBI_ERR_DENIED for the raw UNPLUG of block 3");
	rc |= check_fw("pmem", "0011");
	if (!rc)
		pass("pmem: the firmware reads blocks 2-3 plugged (READ_STATE 0011) and refuses to unplug them (SBI error -4)");

	kfd = kmsg_open();
	if (insmod(DRV_MOD))
		rc |= fail("pmem", "insmod hotsbi-memhp failed");
	rc |= CHECK("pmem", kmsg_count(kfd, "left to of_pmem") == 1,
		    "hotsbi-memhp did not leave the window to of_pmem");
	if (!rc)
		pass("pmem: hotsbi-memhp leaves the window to of_pmem");
	return rc;
}

/*
 * Device memory teardown (memhp.pmem-teardown=1; the tree has two 64 MiB
 * "pmem-region" nodes at 0xb8000000 and 0xbc000000, in one 128 MiB
 * section, /memory ending at 0xb0000000, and no card): the memmaps of both
 * regions lie in one 2 MiB vmemmap leaf that no other memory uses, with a
 * struct page of 56 bytes as of 64. Unbinding a namespace removes its
 * region's memmap;
 * the leaf must stay while the other region uses it and go with the last
 * user (the riscv fix of the driver's series: without it the first unbind
 * frees the leaf and the second oopses). Unbound one by one, bound again
 * and unbound in the other order, the regions keep their data.
 */
#define TD_REGIONS	2
#define TD_BYTES	(64L << 20)
#define TD_UNBIND	"/sys/bus/nd/drivers/nd_pmem/unbind"
#define TD_BIND		"/sys/bus/nd/drivers/nd_pmem/bind"
/* A 2 MiB leaf freed shows in free_kb(); less than half of it is noise. */
#define TD_LEAF_KB	2048
#define TD_NOISE_KB	(TD_LEAF_KB / 2)

/* Writes (or, with check, compares) region i's pattern at both ends. */
static int td_data(int i, int check)
{
	unsigned char *pat = NULL, *back = NULL;
	const off_t at[2] = { 0, TD_BYTES - 4096 };
	char dev[32];
	int fd, j, k, rc = 0;

	snprintf(dev, sizeof(dev), "/dev/pmem%d", i);
	if (posix_memalign((void **)&pat, 4096, 4096) ||
	    posix_memalign((void **)&back, 4096, 4096))
		return fail("pmem-teardown", "no memory");
	fd = open(dev, O_RDWR | O_DIRECT);
	if (fd < 0) {
		rc = fail("pmem-teardown", "open %s: %s", dev, strerror(errno));
		goto out;
	}
	for (j = 0; j < 2 && !rc; j++) {
		for (k = 0; k < 4096; k++)
			pat[k] = (unsigned char)(k * 13 + i * 101 + j * 37 + 1);
		if (!check)
			rc = CHECK("pmem-teardown", pwrite(fd, pat, 4096, at[j]) == 4096,
				   "write %s at %lld: %s", dev, (long long)at[j],
				   strerror(errno));
		else
			rc = CHECK("pmem-teardown",
				   pread(fd, back, 4096, at[j]) == 4096 &&
				   !memcmp(pat, back, 4096),
				   "%s at %lld does not read back what was written before the unbinds",
				   dev, (long long)at[j]);
	}
	close(fd);
out:
	free(pat);
	free(back);
	return rc;
}

/* Unbinds namespace i.0 and sets *grew to how much free memory grew, in kB. */
static int td_unbind(int i, long *grew)
{
	char ns[32];
	long before = free_kb(), after;

	snprintf(ns, sizeof(ns), "namespace%d.0", i);
	if (wfile(TD_UNBIND, ns))
		return fail("pmem-teardown", "unbind %s: %s", ns, strerror(errno));
	after = free_kb();
	if (before < 0 || after < 0)
		return fail("pmem-teardown", "cannot read /proc/meminfo or /proc/zoneinfo");
	*grew = after - before;
	return 0;
}

static int pmem_teardown_test(void)
{
	const int order[2][TD_REGIONS] = { { 0, 1 }, { 1, 0 } };
	char ns[32], path[64];
	long grew[TD_REGIONS];
	int i, round, rc = 0;

	step(0, "device memory teardown: two pmem regions sharing a vmemmap leaf");
	for (i = 0; i < TD_REGIONS; i++) {
		snprintf(path, sizeof(path), "/sys/block/pmem%d/size", i);
		rc |= CHECK("pmem-teardown", rnum(path, 10) == TD_BYTES / 512,
			    "%s: want %ld sectors", path, TD_BYTES / 512);
		if (!rc)
			rc |= td_data(i, 0);
	}
	if (rc)
		return rc;
	pass("pmem-teardown: /dev/pmem0 and /dev/pmem1 of 64 MiB, 8 KiB written to each");

	for (round = 0; round < 2; round++) {
		for (i = 0; i < TD_REGIONS; i++) {
			if (td_unbind(order[round][i], &grew[i]))
				return -1;
		}
		rc |= CHECK("pmem-teardown", grew[0] < TD_NOISE_KB,
			    "unbinding namespace%d.0 freed %ld kB: the vmemmap leaf namespace%d.0 still uses went with it",
			    order[round][0], grew[0], order[round][1]);
		rc |= CHECK("pmem-teardown", grew[1] >= TD_LEAF_KB - TD_NOISE_KB,
			    "unbinding the last namespace, namespace%d.0, freed only %ld kB: the vmemmap leaf was not freed",
			    order[round][1], grew[1]);
		if (!rc)
			pass("pmem-teardown: namespace%d.0 then namespace%d.0 unbound: free memory %+ld kB, then %+ld kB (the shared vmemmap leaf goes with the last)",
			     order[round][0], order[round][1], grew[0], grew[1]);
		if (round)
			break;
		for (i = 0; i < TD_REGIONS; i++) {
			snprintf(ns, sizeof(ns), "namespace%d.0", i);
			if (wfile(TD_BIND, ns))
				return fail("pmem-teardown", "bind %s: %s", ns,
					    strerror(errno));
			rc |= td_data(i, 1);
		}
		if (!rc)
			pass("pmem-teardown: both bound again, their data read back");
	}
	return rc;
}

/*
 * Memory above 4 GiB (memhp.dma32=1; -m 3G with a 1 GiB card: boot RAM
 * 0x80000000-0xffffffff, the window 0x100000000-0x13fffffff): the
 * firmware's hotsbi,max-possible-pfn made the kernel set up its bounce buffer at
 * boot (run-linux.sh checks the line). A block plugged and onlined to
 * ZONE_MOVABLE gives memhp_fwtool a page above 4 GiB, which it maps for a
 * device with a 32-bit DMA mask: the DMA address must lie below 4 GiB and
 * the data must cross both ways.
 */
#define FWT_DMA32	"/sys/module/memhp_fwtool/parameters/dma32"

static int dma32_test(void)
{
	char line[256];
	int rc = 0;

	step(0, "memory above 4 GiB: DMA with a 32-bit mask into a plugged block");
	if (insmod(FWT_MOD) || insmod(DRV_MOD) || read_window())
		return fail("dma32", "driver or window missing");
	rc |= CHECK("dma32", w_start >= (4ULL << 30),
		    "the window starts at 0x%" PRIx64 ", below 4 GiB", w_start);
	if (win_write("requested_size", w_bs))
		return fail("dma32", "requested_size 1 block failed");
	if (set_block_state(0, "online_movable"))
		return fail("dma32", "online_movable block 0: %s", strerror(errno));
	if (rfile(FWT_DMA32, line, sizeof(line)) <= 0)
		return fail("dma32", "cannot read %s", FWT_DMA32);
	note("%s", line);
	rc |= CHECK("dma32", strstr(line, "(below 4 GiB), to-device ok, from-device ok") != NULL,
		    "a page of the plugged block did not map below 4 GiB for a 32-bit device: %s",
		    line);
	rc |= CHECK("dma32", !win_write("requested_size", 0), "requested_size 0 failed");
	rc |= check_fw("dma32", want(""));
	if (!rc)
		pass("dma32: a page at the window (0x%" PRIx64 "+) mapped for a 32-bit device through the bounce buffer, data both ways; block unplugged again",
		     w_start);
	return rc;
}

/*
 * Unavailable blocks (memhp.unavail=1; a board window of 4 blocks whose
 * tree marks block 1 unavailable, hotsbi,unavailable-blocks = <1 1>): the
 * firmware reads it UNAVAILABLE, the driver shows it in unusable_blocks
 * from probe on, growth passes over it (3 blocks: 0, 2 and 3), a fourth
 * block is -ENOSPC, plug_block 1 is -EPERM after a retry that finds it
 * still unavailable, and shrinking leaves it as it was.
 */
static int unavail_test(void)
{
	char buf[64];
	int rc = 0;

	step(0, "unavailable blocks: growth passes over them");
	if (insmod(FWT_MOD) || insmod(DRV_MOD) || read_window())
		return fail("unavail", "driver or window missing");
	rc |= check_fw("unavail", "0200");
	rc |= CHECK("unavail", !strcmp(win_attr("unusable_blocks", buf, sizeof(buf)), "1"),
		    "unusable_blocks is '%s' at probe, want '1'", buf);
	rc |= CHECK("unavail", !win_write("requested_size", 3 * w_bs),
		    "requested_size 3 blocks: %s", strerror(errno));
	rc |= CHECK("unavail", !strcmp(win_attr("plugged_blocks", buf, sizeof(buf)), "0,2-3"),
		    "plugged_blocks is '%s', want '0,2-3'", buf);
	rc |= check_fw("unavail", "1211");
	rc |= CHECK("unavail", win_write("requested_size", 4 * w_bs) && errno == ENOSPC,
		    "requested_size 4 blocks with one unavailable: %s, want ENOSPC",
		    strerror(errno));
	rc |= CHECK("unavail", wfile(WIN "/plug_block", "1") && errno == EPERM,
		    "plug_block 1 (unavailable): %s, want EPERM", strerror(errno));
	rc |= CHECK("unavail", !strcmp(win_attr("unusable_blocks", buf, sizeof(buf)), "1"),
		    "unusable_blocks is '%s' after the retry, want '1'", buf);
	rc |= CHECK("unavail", !win_write("requested_size", 0),
		    "requested_size 0: %s", strerror(errno));
	rc |= check_fw("unavail", "0200");
	if (!rc)
		pass("unavail: block 1 unavailable (READ_STATE 0200, unusable_blocks 1); 3 blocks plugged as 0,2-3 (1211); a 4th ENOSPC, plug_block 1 EPERM; shrunk to 0200");
	return rc;
}

/*
 * A firmware that answers wrongly (memhp.inject=1; memhp_fwtool's inject
 * alters what the ecall returned): a READ_STATE that writes one byte short
 * at probe is -EIO, one error line, and every block unusable; BLOCK_STATE
 * failing keeps them unusable when a resize retries them (-ENOSPC); once
 * the firmware answers right again the retry makes them usable and the
 * window works; a PLUG answered DENIED marks that block unusable and
 * growth goes on past it.
 */
#define FWT_INJECT	"/sys/module/memhp_fwtool/parameters/inject"

static int inject_test(void)
{
	char buf[64];
	int rc = 0, kfd, kfd2;

	step(0, "a firmware that answers wrongly: short READ_STATE, failing BLOCK_STATE");
	if (insmod(FWT_MOD))
		return fail("inject", "insmod memhp_fwtool failed");
	kfd = kmsg_open();
	kfd2 = kmsg_open();
	if (wfile(FWT_INJECT, "4 1 short"))
		return fail("inject", "cannot arm the short READ_STATE: %s", strerror(errno));
	if (insmod(DRV_MOD) || read_window())
		return fail("inject", "driver or window missing");
	rc |= CHECK("inject", kmsg_count(kfd, "READ_STATE wrote 3 of 4 bytes") == 1,
		    "no error line for the short READ_STATE");
	rc |= CHECK("inject", kmsg_count(kfd2, "firmware state unknown (-5), every block is unusable") == 1,
		    "the short READ_STATE was not -EIO with every block unusable");
	rc |= CHECK("inject", !strcmp(win_attr("unusable_blocks", buf, sizeof(buf)), "0-3"),
		    "unusable_blocks is '%s' after the short READ_STATE, want '0-3'", buf);

	if (wfile(FWT_INJECT, "3 64 fail"))
		return fail("inject", "cannot arm the failing BLOCK_STATE: %s", strerror(errno));
	rc |= CHECK("inject", win_write("requested_size", w_bs) && errno == ENOSPC,
		    "requested_size 1 block with BLOCK_STATE failing: %s, want ENOSPC",
		    strerror(errno));
	rc |= CHECK("inject", !strcmp(win_attr("unusable_blocks", buf, sizeof(buf)), "0-3"),
		    "unusable_blocks is '%s' with BLOCK_STATE failing, want '0-3'", buf);
	if (wfile(FWT_INJECT, "off"))
		return fail("inject", "cannot disarm: %s", strerror(errno));

	kfd = kmsg_open();
	rc |= CHECK("inject", !win_write("requested_size", w_bs),
		    "requested_size 1 block once the firmware answers: %s", strerror(errno));
	rc |= CHECK("inject", kmsg_count(kfd, "is usable again") == 4,
		    "the retry did not make the 4 blocks usable again");
	rc |= CHECK("inject", !strcmp(win_attr("unusable_blocks", buf, sizeof(buf)), ""),
		    "unusable_blocks is '%s', want ''", buf);
	rc |= check_fw("inject", "1000");
	rc |= CHECK("inject", !win_write("requested_size", 0), "requested_size 0 failed");
	rc |= check_fw("inject", "0000");

	/* PLUG DENIED (a block the firmware took away): growth goes on */
	if (wfile(FWT_INJECT, "1 1 denied"))
		return fail("inject", "cannot arm the denied PLUG: %s", strerror(errno));
	rc |= CHECK("inject", !win_write("requested_size", 2 * w_bs),
		    "requested_size 2 blocks with block 0's PLUG denied: %s", strerror(errno));
	rc |= CHECK("inject", !strcmp(win_attr("plugged_blocks", buf, sizeof(buf)), "1-2") &&
		    !strcmp(win_attr("unusable_blocks", buf + 32, 32), "0"),
		    "plugged_blocks '%s', unusable_blocks '%s', want '1-2' and '0'",
		    buf, buf + 32);
	rc |= check_fw("inject", "0110");
	wfile(FWT_INJECT, "off");
	rc |= CHECK("inject", !win_write("requested_size", 0), "requested_size 0 failed");
	rc |= check_fw("inject", "0000");
	if (!rc)
		pass("inject: a short READ_STATE at probe gave -EIO and every block unusable; with BLOCK_STATE failing a resize kept them so (ENOSPC); answered right, the retry freed them; a denied PLUG of block 0 marked it unusable and growth took blocks 1-2");
	return rc;
}

/*
 * NUMA (memhp.numa=N; QEMU virt with two nodes, the card carved from the top
 * of node N's RAM): the firmware gives the window node N (numa-node-id and
 * MEMHP NUMA_NODE, cross-checked by the driver), so a plugged block's memory
 * blocks are in node N and, once online, only node N's MemTotal grows, by
 * exactly one block; after the unplug both nodes are as they were.
 */
static int numa_test(int in_node)
{
	long before[2], after[2], back[2];
	char path[256];
	unsigned int j;
	int nid, rc = 0;

	step(0, "NUMA: a plugged block lands in the window's node");
	if (insmod(FWT_MOD) || insmod(DRV_MOD) || read_window())
		return fail("numa", "driver or window missing");
	for (nid = 0; nid < 2; nid++)
		before[nid] = node_memtotal(nid);
	note("numa: before: node0 MemTotal %ld kB, node1 MemTotal %ld kB",
	     before[0], before[1]);
	if (before[0] <= 0 || before[1] <= 0)
		return fail("numa", "nodes 0 and 1 must both have memory");
	if (win_write("requested_size", w_bs))
		return fail("numa", "requested_size 1 block failed");
	for (j = 0; j < mb_per_block; j++) {
		snprintf(path, sizeof(path), MEMSYS "/memory%" PRIu64 "/node%d",
			 w_start / mem_bs + j, in_node);
		rc |= CHECK("numa", exists(path), "%s missing", path);
	}
	if (set_block_state(0, "online_movable"))
		return fail("numa", "online_movable block 0: %s", strerror(errno));
	for (nid = 0; nid < 2; nid++)
		after[nid] = node_memtotal(nid);
	note("numa: after plug + online of one %" PRIu64 " MiB block: node0 MemTotal %ld kB, node1 MemTotal %ld kB",
	     w_bs / MiB, after[0], after[1]);
	for (nid = 0; nid < 2; nid++)
		rc |= CHECK("numa", after[nid] - before[nid] ==
				    (nid == in_node ? (long)(w_bs / 1024) : 0),
			    "node%d MemTotal grew by %ld kB", nid,
			    after[nid] - before[nid]);
	rc |= CHECK("numa", !win_write("requested_size", 0),
		    "requested_size 0 failed");
	rc |= check_fw("numa", want(""));
	for (nid = 0; nid < 2; nid++) {
		back[nid] = node_memtotal(nid);
		rc |= CHECK("numa", back[nid] == before[nid],
			    "node%d MemTotal %ld kB after the unplug, %ld before",
			    nid, back[nid], before[nid]);
	}
	if (!rc)
		pass("numa: block 0 of the window (0x%" PRIx64 ") in node %d; online, only node %d grew, by %" PRIu64 " kB; unplugged, both as before",
		     w_start, in_node, in_node, w_bs / 1024);
	return rc;
}

int main(void)
{
	char cmdline[1024] = "";
	double t0;
	int cycles;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	rfile("/proc/cmdline", cmdline, sizeof(cmdline));
	demo = strstr(cmdline, "memhp.demo=1") != NULL;
	nr_cpus = count_cpus();
	if (nr_cpus > MAX_CPUS)
		nr_cpus = MAX_CPUS;
	cycles = demo ? 2 : 10;
	if (strstr(cmdline, "memhp.cycles="))
		cycles = atoi(strstr(cmdline, "memhp.cycles=") + 13);
	if (cycles < 2)
		cycles = 2;
	boot_total_kb = meminfo("MemTotal");
	boot_free_kb = meminfo("MemFree");
	t0 = now();
	note("%s: %d CPUs, MemTotal %ld kB, MemFree %ld kB%s", TAG, nr_cpus,
	     boot_total_kb, boot_free_kb, demo ? " (demo)" : "");
	if (demo) {
		kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (kmsg_fd >= 0)
			lseek(kmsg_fd, 0, SEEK_END);
		note("");
		note("HotSBI memory hotplug demo: Linux 6.12 on 4 harts, hotsbi-memhp driver.");
		note("Firmware view: MEMHP READ_STATE (test module memhp_fwtool);");
		note("kernel view: /sys/devices/system/memory and /proc/meminfo.");
	}

	if (strstr(cmdline, "memhp.refuse=")) {
		insmod(FWT_MOD);
		refuse_test(cmdline);
	} else if (strstr(cmdline, "memhp.pmp=1")) {
		pmp_budget_test();
	} else if (strstr(cmdline, "memhp.pmem=1")) {
		pmem_static_test();
	} else if (strstr(cmdline, "memhp.dax-window=1")) {
		dax_window_test();
	} else if (strstr(cmdline, "memhp.dax=")) {
		dax_test(atoi(strstr(cmdline, "memhp.dax=") + 10));
	} else if (strstr(cmdline, "memhp.pmem-teardown=1")) {
		pmem_teardown_test();
	} else if (strstr(cmdline, "memhp.inject=1")) {
		inject_test();
	} else if (strstr(cmdline, "memhp.unavail=1")) {
		unavail_test();
	} else if (strstr(cmdline, "memhp.numa=")) {
		numa_test(atoi(strstr(cmdline, "memhp.numa=") + 11));
	} else if (strstr(cmdline, "memhp.dma32=1")) {
		dma32_test();
	} else if (strstr(cmdline, "memhp.dumpfdt=1")) {
		dump_fdt();
	} else if (strstr(cmdline, "memhp.policy=")) {
		policy_test(cmdline);
	} else if (strstr(cmdline, "memhp.kdump=1")) {
		kdump_first(cmdline);
	} else if (strstr(cmdline, "memhp.kdump=2")) {
		kdump_crash();
	} else if (!step1_load()) {
		step1_owner();
		if (!step2_plug()) {
			hibernate_test("step2-hibernate", 1);
			if (!step3_fill())
				step4_shrink();
		}
		step5_devmem();
		step5_answers();
		hibernate_test("step5-hibernate", 0);
		step6_cycles(cycles);
		step6_busy();
		step6_adopt();
		step7_claim();
	}
	note("");
	note("memhp-e2e: finished in %.1f s", now() - t0);
	if (nr_failed)
		note("%s: FAIL: %s", TAG, failures);
	else
		note("%s: PASS", TAG);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
