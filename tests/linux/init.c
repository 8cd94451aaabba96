// SPDX-License-Identifier: BSD-2-Clause
/*
 * /init of the HotSBI Linux test initramfs (static, runs as PID 1).
 *
 * Mounts proc, sysfs and devtmpfs, then checks what the firmware is responsible for:
 * every CPU came online (SBI HSM), each of them runs tasks when asked to (IPIs), the
 * timer fires (SBI TIME or Sstc), and the kernel features the memory hotplug tests
 * rely on are there.  It prints one "PASS"/"FAIL" line per check, then a final
 *
 *	HOTSBI-LINUX-TEST: PASS
 * or	HOTSBI-LINUX-TEST: FAIL: <reasons>
 *
 * and powers off with reboot(RB_POWER_OFF), which Linux implements with SBI SRST.
 *
 * Kernel command line: hotsbi.cpus=N is the number of CPUs that must be online
 * (default: all possible CPUs, which then must be more than one).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "init-util.h"

#define TAG		"HOTSBI-LINUX-TEST"
#define MAX_CPUS	512

/* Parse a CPU list such as "0-3,6" into a mask; returns the count or -1. */
static int parse_cpulist(const char *s, unsigned char *mask)
{
	int count = 0;

	memset(mask, 0, MAX_CPUS);
	while (*s) {
		char *end;
		long a, b;

		a = strtol(s, &end, 10);
		if (end == s || a < 0 || a >= MAX_CPUS)
			return -1;
		b = a;
		s = end;
		if (*s == '-') {
			b = strtol(s + 1, &end, 10);
			if (end == s + 1 || b < a || b >= MAX_CPUS)
				return -1;
			s = end;
		}
		for (; a <= b; a++) {
			if (!mask[a])
				count++;
			mask[a] = 1;
		}
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return count;
}

/* Value of "key=" on the kernel command line, or NULL. */
static const char *cmdline_arg(const char *cmdline, const char *key)
{
	size_t len = strlen(key);
	const char *p = cmdline;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == cmdline || p[-1] == ' ') && p[len] == '=')
			return p + len + 1;
		p += len;
	}
	return NULL;
}

static void mount_fs(const char *type, const char *dir)
{
	mkdir(dir, 0755);
	if (mount(type, dir, type, 0, NULL) && errno != EBUSY)
		fail("mount", "%s on %s: %s", type, dir, strerror(errno));
}

static void setup_console(void)
{
	int fd;

	/* The initramfs has /dev/console, so fds 0-2 should be open already. */
	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static void check_cpus(const char *cmdline)
{
	unsigned char possible[MAX_CPUS], online[MAX_CPUS];
	char buf[256], buf2[256];
	const char *arg;
	int n_possible, n_online, expected, cpu;

	if (rfile("/sys/devices/system/cpu/possible", buf, sizeof(buf)) < 0 ||
	    rfile("/sys/devices/system/cpu/online", buf2, sizeof(buf2)) < 0) {
		fail("cpus", "cannot read /sys/devices/system/cpu/{possible,online}");
		return;
	}
	n_possible = parse_cpulist(buf, possible);
	n_online = parse_cpulist(buf2, online);
	if (n_possible < 0 || n_online < 0) {
		fail("cpus", "cannot parse possible '%s' / online '%s'", buf, buf2);
		return;
	}

	arg = cmdline_arg(cmdline, "hotsbi.cpus");
	if (arg) {
		expected = atoi(arg);
		if (expected < 1) {
			fail("cpus", "bad hotsbi.cpus=%s", arg);
			return;
		}
	} else {
		expected = n_possible;
		if (expected < 2) {
			fail("cpus", "only %d possible CPU and no hotsbi.cpus=", expected);
			return;
		}
	}

	if (n_possible != expected)
		fail("cpus-possible", "%d possible CPUs (%s), expected %d",
		     n_possible, buf, expected);
	if (n_online != expected) {
		fail("cpus-online", "%d of %d CPUs online (online %s, possible %s)",
		     n_online, expected, buf2, buf);
		return;
	}
	pass("cpus-online: %d of %d CPUs online (%s)", n_online, expected, buf2);

	/*
	 * Move this task to every online CPU in turn: migration is done by the
	 * stopper thread of the source CPU after an IPI, so this needs working IPIs
	 * and a scheduler tick on every hart.
	 */
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		cpu_set_t set;
		int got;

		if (!online[cpu])
			continue;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			fail("cpu-migrate", "sched_setaffinity(cpu %d): %s",
			     cpu, strerror(errno));
			return;
		}
		got = sched_getcpu();
		if (got != cpu) {
			fail("cpu-migrate", "asked for cpu %d, running on %d", cpu, got);
			return;
		}
	}
	pass("cpu-migrate: ran on each of the %d online CPUs", n_online);
}

/* One child per CPU, each pinned there, each doing a little work. */
static void check_fork_per_cpu(void)
{
	unsigned char online[MAX_CPUS];
	char buf[256];
	int cpu, n = 0, bad = 0, status;
	pid_t pid;

	if (rfile("/sys/devices/system/cpu/online", buf, sizeof(buf)) < 0 ||
	    parse_cpulist(buf, online) < 0)
		return;	/* already reported by check_cpus() */

	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		if (!online[cpu])
			continue;
		pid = fork();
		if (pid < 0) {
			fail("fork", "fork: %s", strerror(errno));
			break;
		}
		if (pid == 0) {
			unsigned long i, sum = 0;
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(cpu, &set);
			if (sched_setaffinity(0, sizeof(set), &set) ||
			    sched_getcpu() != cpu)
				_exit(2);
			for (i = 0; i < 1000000; i++) {
				sum += i;
				/* keep the loop: spend some time on this CPU */
				__asm__ __volatile__("" : "+r" (sum));
			}
			_exit(sched_getcpu() == cpu ? 0 : 3);
		}
		n++;
	}
	while (n > 0 && (pid = wait(&status)) > 0) {
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
		n--;
	}
	if (bad)
		fail("fork", "%d of the per-CPU children failed", bad);
	else
		pass("fork: one pinned child per online CPU ran and exited");
}

static void check_timer(void)
{
	struct timespec req = { 0, 200 * 1000 * 1000 };
	double t0, dt;

	t0 = now();
	if (nanosleep(&req, NULL)) {
		fail("timer", "nanosleep: %s", strerror(errno));
		return;
	}
	dt = now() - t0;
	if (dt < 0.2 || dt > 5.0) {
		fail("timer", "200 ms sleep took %.3f s", dt);
		return;
	}
	pass("timer: 200 ms sleep took %.3f s", dt);
}

/* Kernel features the memory hotplug tests need (they share this kernel build). */
static void check_memhp_support(void)
{
	char buf[64];
	unsigned long long pfn;
	int fd;

	if (rfile("/sys/devices/system/memory/block_size_bytes", buf, sizeof(buf)) < 0)
		fail("memhp", "no /sys/devices/system/memory (MEMORY_HOTPLUG off?)");
	else if (strtoull(buf, NULL, 16) != 128ULL << 20)
		fail("memhp", "memory block size 0x%s, expected 128 MiB", buf);
	else
		pass("memhp: memory block devices present, block size 0x%s", buf);

	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0 || pread(fd, &pfn, sizeof(pfn), 0) != sizeof(pfn))
		fail("pagemap", "/proc/self/pagemap: %s", strerror(errno));
	else
		pass("pagemap: /proc/self/pagemap readable");
	if (fd >= 0)
		close(fd);

	fd = open("/dev/mem", O_RDONLY);
	if (fd < 0)
		fail("devmem", "/dev/mem: %s", strerror(errno));
	else
		pass("devmem: /dev/mem opens");
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char cmdline[1024];

	report_as("hotsbi-linux-test");
	mount_fs("devtmpfs", "/dev");
	setup_console();
	mount_fs("proc", "/proc");
	mount_fs("sysfs", "/sys");
	note("hotsbi-linux-test: init started");

	if (rfile("/proc/cmdline", cmdline, sizeof(cmdline)) < 0) {
		fail("cmdline", "cannot read /proc/cmdline");
		cmdline[0] = '\0';
	}

	check_cpus(cmdline);
	check_fork_per_cpu();
	check_timer();
	check_memhp_support();

	if (nr_failed)
		note(TAG ": FAIL: %s", failures);
	else
		note(TAG ": PASS");

	sync();
	reboot(RB_POWER_OFF);
	/* Not reached: power off does not return (SRST, then syscon fallback). */
	note(TAG ": FAIL: reboot(RB_POWER_OFF) returned: %s", strerror(errno));
	for (;;)
		pause();
}
