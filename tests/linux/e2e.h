/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memhp end-to-end /init: its shared runtime (e2e-util.c) and the entry
 * points of the test files that memhp-e2e.c's main() dispatches to.
 */
#ifndef HOTSBI_E2E_H
#define HOTSBI_E2E_H

#include <stddef.h>
#include <stdint.h>

#define PAGE		4096UL
#define MiB		(1024UL * 1024)

#define DRV_MOD		"/lib/modules/hotsbi-memhp.ko"
#define DRV_NAME	"hotsbi_memhp"
#define FWT_MOD		"/lib/modules/memhp_fwtool.ko"
#define FWT_STATE	"/sys/module/memhp_fwtool/parameters/state"
#define OWN_DEV		"hotplug-memory"
#define WIN		"/sys/bus/platform/devices/" OWN_DEV "/window0"
#define MEMSYS		"/sys/devices/system/memory"

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

/*
 * memhp-e2e.c's checks: the firmware's READ_STATE of window 0 (through
 * memhp_fwtool) is @want; loads and stores at @phys fault on every CPU.
 */
int check_fw(const char *what, const char *want);
int expect_faults(const char *what, uint64_t phys, int *faults);

/* memhp-dax.c: nvdimm region @region through device-dax and kmem. */
int dax_test(int region);
/* memhp-dax.c: the same from the driver's window 0 in device mode. */
int dax_window_test(void);

#endif
