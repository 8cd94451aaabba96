// SPDX-License-Identifier: BSD-2-Clause
/*
 * The runtime the static /init programs of the Linux tests share (init.c,
 * and memhp-e2e.c with the test files beside it): reporting (PASS and FAIL
 * lines, the list of failed checks), sysfs and /proc files, modules and
 * the kernel log.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "init-util.h"

int demo;
char failures[512];
int nr_failed;
static const char *report_name = "memhp-e2e";

void report_as(const char *name)
{
	report_name = name;
}

static void out(const char *prefix, const char *fmt, va_list ap)
{
	char line[1024];
	int n;

	n = snprintf(line, sizeof(line), "%s", prefix);
	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(1, line, n) < 0)
		return;
}

void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out("", fmt, ap);
	va_end(ap);
}

/* Narration, only in the demo. */
void tell(const char *fmt, ...)
{
	va_list ap;

	if (!demo)
		return;
	va_start(ap, fmt);
	out("  | ", fmt, ap);
	va_end(ap);
}

void pass(const char *fmt, ...)
{
	char prefix[64];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "%s: PASS ", report_name);
	va_start(ap, fmt);
	out(prefix, fmt, ap);
	va_end(ap);
}

int fail(const char *what, const char *fmt, ...)
{
	size_t len = strlen(failures);
	char prefix[96];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "%s: FAIL %s: ", report_name, what);
	va_start(ap, fmt);
	out(prefix, fmt, ap);
	va_end(ap);
	if (!strstr(failures, what))
		snprintf(failures + len, sizeof(failures) - len, "%s%s",
			 nr_failed ? ", " : "", what);
	nr_failed++;
	return -1;
}

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int rfile(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return n;
}

/* 0 or -errno of the write(). */
int wfile(const char *path, const char *val)
{
	int fd, rc = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int wfilef(const char *path, const char *fmt, ...)
{
	char val[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	return wfile(path, val);
}

uint64_t rnum(const char *path, int base)
{
	char buf[64];

	if (rfile(path, buf, sizeof(buf)) <= 0)
		return UINT64_MAX;
	return strtoull(buf, NULL, base);
}

int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

long meminfo(const char *key)
{
	char buf[4096], *p;
	size_t len = strlen(key);

	if (rfile("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, key, len) && p[len] == ':')
			return strtol(p + len + 1, NULL, 10);
	}
	return -1;
}

/* MemTotal of NUMA node @nid in kB, -1 if unknown. */
long node_memtotal(int nid)
{
	char path[64], buf[4096], *p;

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/meminfo", nid);
	if (rfile(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, "MemTotal:");
	return p ? strtol(p + 9, NULL, 10) : -1;
}

/*
 * Free memory in kB, counting the pages the allocator keeps on its per-CPU
 * lists: MemFree leaves those out, and with transparent huge pages an
 * order-9 page freed (a 2 MiB vmemmap leaf) goes to such a list first.
 */
long free_kb(void)
{
	static char buf[65536];
	long kb = meminfo("MemFree");
	const char *p = buf;

	if (kb < 0 || rfile("/proc/zoneinfo", buf, sizeof(buf)) < 0)
		return -1;
	while ((p = strstr(p, "count:"))) {
		p += strlen("count:");
		kb += strtol(p, NULL, 10) * 4;
	}
	return kb;
}

int iomem_has(const char *what)
{
	static char buf[16384];

	return rfile("/proc/iomem", buf, sizeof(buf)) > 0 && strstr(buf, what);
}

int insmod(const char *path)
{
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return rc;
}

int rmmod(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

void step(int n, const char *title)
{
	note("");
	note("=== step %d: %s", n, title);
}

/* A /dev/kmsg reader positioned at the end of the log. */
int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/* Lines of @fd since it was opened that contain @needle (and closes it). */
int kmsg_count(int fd, const char *needle)
{
	char rec[1024], *msg;
	int n = 0;
	ssize_t len;

	if (fd < 0)
		return -1;
	while ((len = read(fd, rec, sizeof(rec) - 1)) > 0 || (len < 0 && errno == EPIPE)) {
		if (len <= 0)
			continue;
		rec[len] = '\0';
		msg = strchr(rec, ';');
		if (msg && strstr(msg, needle)) {
			note("  kernel: %.*s", (int)strcspn(msg + 1, "\n"), msg + 1);
			n++;
		}
	}
	close(fd);
	return n;
}
