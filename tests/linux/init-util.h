/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The runtime the static /init programs of the Linux tests share
 * (init-util.c): reporting (PASS and FAIL lines, the list of failed
 * checks), sysfs and /proc files, modules and the kernel log.
 */
#ifndef HOTSBI_INIT_UTIL_H
#define HOTSBI_INIT_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define PAGE		4096UL
#define MiB		(1024UL * 1024)

/* Names the PASS and FAIL lines ("<name>: PASS ..."); "memhp-e2e" if not. */
void report_as(const char *name);
/* memhp.demo=1: narrate for `make run`. */
extern int demo;
/* The checks that failed, for the final line, and how many. */
extern char failures[512];
extern int nr_failed;

void note(const char *fmt, ...);
void tell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pass(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a FAIL line, records @what among the failures, returns -1. */
int fail(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define CHECK(what, cond, ...) ((cond) ? 0 : fail(what, __VA_ARGS__))
void step(int n, const char *title);
double now(void);

/* The file's contents without trailing blanks: length or -errno. */
int rfile(const char *path, char *buf, size_t size);
int wfile(const char *path, const char *val);
int wfilef(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The number in the file, UINT64_MAX if there is none. */
uint64_t rnum(const char *path, int base);
int exists(const char *path);
/* A /proc/meminfo field in kB, -1 if missing. */
long meminfo(const char *key);
long free_kb(void);
long node_memtotal(int nid);
int iomem_has(const char *what);

int insmod(const char *path);
int rmmod(const char *name);

int kmsg_open(void);
int kmsg_count(int fd, const char *needle);

#endif
