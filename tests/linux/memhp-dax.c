// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device memory through device-dax and kmem, from user space with the sysfs
 * writes ndctl and daxctl make:
 *
 *  1. devdax: namespaceR.0 of nvdimm region R leaves nd_pmem; the region's
 *     dax seed gets a uuid, 2 MiB alignment, the info block kept in the
 *     namespace (mode "ram": the memmap stays in boot RAM) and the
 *     namespace; bound to dax_pmem it gives /dev/daxR.0;
 *  2. the whole device mapped shared: one touch makes /proc/self/pagemap
 *     show all 512 pages of a 2 MiB chunk present, with consecutive frames
 *     from the device's own 2 MiB-aligned frame (one PMD leaf: the
 *     pte_devmap path), a pattern written through the mapping reads back,
 *     and PAGEMAP_SCAN reports every mapped page as part of a huge leaf; a
 *     private mapping is refused;
 *  3. kmem: the device leaves device_dax for kmem, its whole memory blocks
 *     come up offline, online_movable grows MemTotal (and the region's
 *     node) by exactly those blocks, /proc/iomem shows "System RAM (kmem)";
 *  4. back to devdax: the blocks offlined and removed, /dev/daxR.0 again,
 *     MemTotal as before, the pattern still there in the part kmem did not
 *     take;
 *  5. teardown: daxR.0 unbound from dax_pmem and the namespace released:
 *     /dev/daxR.0 is gone and nothing holds the namespace.
 *
 * dax_test() (memhp.dax=R) runs these steps on region R, which a
 * pmem-region node the firmware published gave (static mode); it must have
 * a NUMA node, which kmem needs. dax_window_test() (memhp.dax-window=1)
 * runs them on the region the hotsbi-memhp driver publishes for window 0
 * in device mode, checks that the driver refuses to unplug the blocks
 * while anything uses them and unplugs them once all is released, after
 * which they fault on every CPU. The kernel is booted with
 * memhp_default_state=offline, so the test onlines kmem's blocks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "e2e.h"

#define ND		"/sys/bus/nd"
#define DAXBUS		"/sys/bus/dax"
#define DAX_ALIGN	(2 * MiB)
#define DAX_UUID	"6f1c0bde-5a53-4a8e-9d4c-2f5e0f3b7a11"

/* PAGEMAP_SCAN (Linux 6.7), which the toolchain's headers may predate. */
#ifndef PAGEMAP_SCAN
struct page_region {
	uint64_t start, end, categories;
};

struct pm_scan_arg {
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask;
	uint64_t return_mask;
};

#define PAGEMAP_SCAN	_IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_PRESENT	(1 << 3)
#define PAGE_IS_HUGE	(1 << 6)
#endif

#define PM_PRESENT	(1ULL << 63)
#define PM_PFN_MASK	((1ULL << 55) - 1)

struct dax {
	int region;
	int node;
	char ns[32];		/* namespaceR.0 */
	char seed[32];		/* daxR.0, on the nd bus and the dax bus */
	char dev[48];		/* /dev/daxR.0 */
	uint64_t start, size;	/* the device's data, after the info block */
	uint64_t mem_bs;	/* memory block size */
	unsigned int first_mb, nr_mb;	/* the whole memory blocks kmem adds */
};

static int wait_path(const char *path, int present, double secs)
{
	double end = now() + secs;

	while (exists(path) != present) {
		if (now() > end)
			return -1;
		usleep(10000);
	}
	return 0;
}

static uint64_t dax_num(const struct dax *d, const char *attr, int base)
{
	char path[128];

	snprintf(path, sizeof(path), DAXBUS "/devices/%s/%s", d->seed, attr);
	return rnum(path, base);
}

/* Writes @val to an attribute of the nd device @dev. */
static int nd_write(const char *dev, const char *attr, const char *val)
{
	char path[128];
	int rc;

	snprintf(path, sizeof(path), ND "/devices/%s/%s", dev, attr);
	rc = wfile(path, val);
	if (rc)
		fail("dax", "%s <- %s: %s", path, val, strerror(-rc));
	return rc;
}

static int drv_write(const char *bus, const char *drv, const char *file,
		     const char *dev)
{
	char path[128];
	int rc;

	snprintf(path, sizeof(path), "%s/drivers/%s/%s", bus, drv, file);
	rc = wfile(path, dev);
	if (rc)
		fail("dax", "%s <- %s: %s", path, dev, strerror(-rc));
	return rc;
}

static int mb_state(unsigned int mb, const char *state)
{
	char path[96];

	snprintf(path, sizeof(path), MEMSYS "/memory%u/state", mb);
	return wfile(path, state);
}

/* Step 1: namespaceR.0 as a devdax namespace, /dev/daxR.0. */
static int dax_create(struct dax *d)
{
	char path[128], buf[64];

	snprintf(d->ns, sizeof(d->ns), "namespace%d.0", d->region);
	snprintf(path, sizeof(path), ND "/devices/%s/driver", d->ns);
	if (wait_path(path, 1, 5))
		return fail("dax", "%s never bound to nd_pmem", d->ns);
	snprintf(path, sizeof(path), ND "/devices/region%d/dax_seed", d->region);
	if (rfile(path, d->seed, sizeof(d->seed)) <= 0)
		return fail("dax", "region%d has no dax seed", d->region);
	snprintf(d->dev, sizeof(d->dev), "/dev/%s", d->seed);

	if (drv_write(ND, "nd_pmem", "unbind", d->ns) ||
	    nd_write(d->seed, "uuid", DAX_UUID) ||
	    nd_write(d->seed, "align", "2097152") ||
	    nd_write(d->seed, "mode", "ram") ||
	    nd_write(d->seed, "namespace", d->ns) ||
	    drv_write(ND, "dax_pmem", "bind", d->seed))
		return -1;
	if (wait_path(d->dev, 1, 5))
		return fail("dax", "no %s after binding %s to dax_pmem", d->dev, d->seed);

	d->size = dax_num(d, "size", 0);
	d->node = (int)dax_num(d, "target_node", 10);
	d->start = dax_num(d, "resource", 16);
	if (d->start == UINT64_MAX)
		return fail("dax", "%s has no resource", d->seed);
	d->mem_bs = rnum(MEMSYS "/block_size_bytes", 16);
	if (d->size == UINT64_MAX || !d->mem_bs || d->mem_bs == UINT64_MAX)
		return fail("dax", "cannot read the size of %s or of a memory block", d->seed);
	d->first_mb = (d->start + d->mem_bs - 1) / d->mem_bs;
	d->nr_mb = (d->start + d->size) / d->mem_bs - d->first_mb;

	snprintf(path, sizeof(path), ND "/devices/%s/mode", d->ns);
	if (rfile(path, buf, sizeof(buf)) <= 0 || strcmp(buf, "dax"))
		return fail("dax", "%s reads mode '%s', want dax", d->ns, buf);
	if (CHECK("dax", d->node >= 0,
		  "%s has no NUMA node (target_node %d): kmem would refuse it",
		  d->seed, d->node) ||
	    CHECK("dax", dax_num(d, "align", 10) == DAX_ALIGN,
		  "%s align is not 2 MiB", d->seed) ||
	    CHECK("dax", d->start % DAX_ALIGN == 0 && d->size % DAX_ALIGN == 0 &&
		  d->size >= 2 * DAX_ALIGN,
		  "%s: 0x%" PRIx64 "+0x%" PRIx64 " is not whole 2 MiB chunks",
		  d->seed, d->start, d->size))
		return -1;
	pass("dax: %s is a devdax namespace: %s, 0x%" PRIx64 "-0x%" PRIx64
	     " (%" PRIu64 " MiB after its info block), 2 MiB aligned, node %d",
	     d->ns, d->dev, d->start, d->start + d->size - 1, d->size / MiB, d->node);
	return 0;
}

static inline uint64_t dax_pattern(uint64_t off)
{
	return (off * 0x9e3779b97f4a7c15ULL) ^ 0xda7ada7ada7ada7aULL;
}

/*
 * One touch of a fresh 2 MiB chunk must bring all its 512 pages in, with
 * consecutive frames from the chunk's own 2 MiB-aligned frame: a PMD leaf.
 * A PTE fault would map the touched page only (device-dax has no
 * fault-around, and with 2 MiB alignment it refuses PTE faults).
 */
static int dax_pmd_proof(const struct dax *d, volatile char *map, uint64_t chunk)
{
	uint64_t ent[DAX_ALIGN / PAGE], want = (d->start + chunk) / PAGE;
	unsigned int i, present = 0, consecutive = 0;
	ssize_t n;
	int fd;

	(void)map[chunk + 4096 * 7];
	fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("dax", "open /proc/self/pagemap: %s", strerror(errno));
	n = pread(fd, ent, sizeof(ent), (uintptr_t)(map + chunk) / PAGE * 8);
	close(fd);
	if (n != sizeof(ent))
		return fail("dax", "short read of /proc/self/pagemap");
	for (i = 0; i < DAX_ALIGN / PAGE; i++) {
		present += !!(ent[i] & PM_PRESENT);
		consecutive += (ent[i] & PM_PFN_MASK) == want + i;
	}
	if (CHECK("dax", present == DAX_ALIGN / PAGE && consecutive == DAX_ALIGN / PAGE,
		  "one touch of the 2 MiB chunk at +0x%" PRIx64 ": %u of 512 pages present, %u at frame 0x%" PRIx64 "+i: not one PMD leaf",
		  chunk, present, consecutive, want))
		return -1;
	pass("dax: one read at +0x%" PRIx64 " mapped all 512 pages of its chunk, frames 0x%" PRIx64 "-0x%" PRIx64 " (pagemap): one PMD leaf",
	     chunk, want, want + DAX_ALIGN / PAGE - 1);
	return 0;
}

/* Every mapped page must be present and part of a huge leaf. */
static int dax_scan_huge(const struct dax *d, char *map)
{
	struct page_region vec[64];
	struct pm_scan_arg arg = {
		.size = sizeof(arg),
		.start = (uintptr_t)map,
		.end = (uintptr_t)map + d->size,
		.vec = (uintptr_t)vec,
		.vec_len = 64,
		.category_mask = PAGE_IS_PRESENT,
		.return_mask = PAGE_IS_PRESENT | PAGE_IS_HUGE,
	};
	uint64_t huge = 0, other = 0;
	long n, i;
	int fd;

	fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("dax", "open /proc/self/pagemap: %s", strerror(errno));
	n = ioctl(fd, PAGEMAP_SCAN, &arg);
	close(fd);
	if (n < 0)
		return fail("dax", "PAGEMAP_SCAN: %s", strerror(errno));
	for (i = 0; i < n; i++) {
		if (vec[i].categories & PAGE_IS_HUGE)
			huge += vec[i].end - vec[i].start;
		else
			other += vec[i].end - vec[i].start;
	}
	if (CHECK("dax", huge == d->size && !other,
		  "PAGEMAP_SCAN: %" PRIu64 " MiB in huge leaves, %" PRIu64 " kB not, of %" PRIu64 " MiB",
		  huge / MiB, other / 1024, d->size / MiB))
		return -1;
	pass("dax: PAGEMAP_SCAN: all %" PRIu64 " MiB of the mapping present in huge (PMD) leaves",
	     d->size / MiB);
	return 0;
}

/*
 * Step 2 (write) and step 4 (check): one word in every page of the device;
 * the check passes over [skip, skip_end), the part kmem had.
 */
static int dax_map(const struct dax *d, int write, uint64_t skip, uint64_t skip_end)
{
	uint64_t off, bad = 0, checked = 0;
	char *map;
	int fd, rc = 0;

	fd = open(d->dev, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fail("dax", "open %s: %s", d->dev, strerror(errno));
	map = mmap(NULL, d->size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (write && CHECK("dax", map == MAP_FAILED && errno == EINVAL,
			   "a private mapping of %s was not refused", d->dev))
		rc = -1;
	if (map != MAP_FAILED)
		munmap(map, d->size);
	map = mmap(NULL, d->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		close(fd);
		return fail("dax", "mmap %s: %s", d->dev, strerror(errno));
	}
	if (write) {
		rc |= dax_pmd_proof(d, map, d->size / 2 & ~(DAX_ALIGN - 1));
		for (off = 0; off < d->size; off += PAGE)
			*(volatile uint64_t *)(map + off) = dax_pattern(d->start + off);
		msync(map, d->size, MS_SYNC);
		rc |= dax_scan_huge(d, map);
	}
	for (off = 0; off < d->size; off += PAGE) {
		if (off >= skip && off < skip_end)
			continue;
		bad += *(volatile uint64_t *)(map + off) != dax_pattern(d->start + off);
		checked++;
	}
	rc |= CHECK("dax", !bad, "%" PRIu64 " pages of %s do not read back the pattern",
		    bad, d->dev);
	munmap(map, d->size);
	close(fd);
	if (!rc && write)
		pass("dax: a pattern in all %" PRIu64 " pages of %s reads back through the shared mapping; MAP_PRIVATE refused",
		     checked, d->dev);
	else if (!rc)
		pass("dax: the pattern is still in the %" PRIu64 " pages kmem did not take",
		     checked);
	return rc;
}

/* Step 3: the device as System RAM through kmem. */
static int dax_kmem_on(struct dax *d, long *total)
{
	long node = node_memtotal(d->node);
	long grew = (long)(d->nr_mb * d->mem_bs / 1024);
	unsigned int i;
	char path[96];
	int rc = 0;

	*total = meminfo("MemTotal");
	if (CHECK("dax", d->nr_mb >= 1,
		  "%s holds no whole memory block: kmem would have nothing to add", d->seed))
		return -1;
	if (drv_write(DAXBUS, "device_dax", "unbind", d->seed) ||
	    drv_write(DAXBUS, "kmem", "new_id", d->seed))
		return -1;
	for (i = 0; i < d->nr_mb; i++) {
		snprintf(path, sizeof(path), MEMSYS "/memory%u/state", d->first_mb + i);
		if (!exists(path))
			return fail("dax", "kmem added no memory%u", d->first_mb + i);
		if (mb_state(d->first_mb + i, "online_movable"))
			return fail("dax", "memory%u did not go online_movable", d->first_mb + i);
	}
	rc |= CHECK("dax", meminfo("MemTotal") - *total == grew &&
		    node_memtotal(d->node) - node == grew,
		    "kmem: MemTotal grew by %ld kB and node %d's by %ld kB, want %ld",
		    meminfo("MemTotal") - *total, d->node, node_memtotal(d->node) - node, grew);
	rc |= CHECK("dax", iomem_has("System RAM (kmem)"), "no System RAM (kmem) in /proc/iomem");
	if (!rc)
		pass("dax: kmem: memory%u-%u online_movable, MemTotal %ld -> %ld kB (+%ld), node %d's too; System RAM (kmem) in /proc/iomem",
		     d->first_mb, d->first_mb + d->nr_mb - 1, *total, *total + grew, grew, d->node);
	return rc;
}

/* Step 4: kmem's blocks offline and removed, the device back to device_dax. */
static int dax_kmem_off(struct dax *d, long total)
{
	unsigned int i;
	char path[96];
	int rc = 0;

	for (i = 0; i < d->nr_mb; i++)
		if (mb_state(d->first_mb + i, "offline"))
			return fail("dax", "memory%u did not go offline", d->first_mb + i);
	if (drv_write(DAXBUS, "kmem", "unbind", d->seed) ||
	    drv_write(DAXBUS, "kmem", "remove_id", d->seed) ||
	    drv_write(DAXBUS, "device_dax", "bind", d->seed))
		return -1;
	if (wait_path(d->dev, 1, 5))
		return fail("dax", "no %s after binding device_dax again", d->dev);
	snprintf(path, sizeof(path), MEMSYS "/memory%u", d->first_mb);
	rc |= CHECK("dax", !exists(path) && meminfo("MemTotal") == total &&
		    !iomem_has("System RAM (kmem)"),
		    "after kmem's unbind: memory%u %s, MemTotal %ld kB, want %ld",
		    d->first_mb, exists(path) ? "still there" : "gone",
		    meminfo("MemTotal"), total);
	if (!rc)
		pass("dax: back to devdax: memory%u-%u offline and removed, MemTotal %ld kB again, %s again",
		     d->first_mb, d->first_mb + d->nr_mb - 1, total, d->dev);
	return rc;
}

/* The pattern outside kmem's blocks, which were System RAM meanwhile. */
static int dax_check_kept(const struct dax *d)
{
	uint64_t kmem_start = (uint64_t)d->first_mb * d->mem_bs - d->start;

	return dax_map(d, 0, kmem_start, kmem_start + (uint64_t)d->nr_mb * d->mem_bs);
}

/* Step 5: /dev/daxR.0 gone (unbound from dax_pmem)... */
static int dax_unbind(const struct dax *d)
{
	if (drv_write(ND, "dax_pmem", "unbind", d->seed))
		return -1;
	if (wait_path(d->dev, 0, 5))
		return fail("dax", "%s still there after unbinding %s", d->dev, d->seed);
	return 0;
}

/* ...and nothing holding the namespace (its claim released). */
static int dax_release(const struct dax *d)
{
	char path[128], buf[64] = "";

	if (nd_write(d->seed, "namespace", "\n"))
		return -1;
	snprintf(path, sizeof(path), ND "/devices/%s/holder", d->ns);
	rfile(path, buf, sizeof(buf));
	if (CHECK("dax", !buf[0], "%s still held by '%s'", d->ns, buf))
		return -1;
	pass("dax: %s unbound from dax_pmem and %s released: %s gone, nothing holds %s",
	     d->seed, d->ns, d->dev, d->ns);
	return 0;
}

int dax_test(int region)
{
	struct dax d = { .region = region };
	long total;

	step(0, "device memory as device-dax and kmem");
	if (dax_create(&d) || dax_map(&d, 1, 0, 0) || dax_kmem_on(&d, &total) ||
	    dax_kmem_off(&d, total) || dax_check_kept(&d) || dax_unbind(&d))
		return -1;
	return dax_release(&d);
}

/* ------------------------------------------------ the driver's device mode */

/* A shrink that must be refused with -EBUSY, leaving the firmware at @st. */
static int refused_while(const char *why, const char *st)
{
	int rc = win_write("requested_size", 0);

	if (CHECK("dax-window", rc == -EBUSY,
		  "requested_size 0 while %s: %s, want EBUSY", why,
		  rc ? strerror(-rc) : "accepted") || check_fw("dax-window", st))
		return -1;
	pass("dax-window: requested_size 0 refused (EBUSY) while %s; READ_STATE %s",
	     why, st);
	return 0;
}

/* The nvdimm region the driver published at @start (registered async). */
static int find_region(uint64_t start)
{
	double end = now() + 5;
	char path[96];
	int r;

	do {
		for (r = 0; r < 64; r++) {
			snprintf(path, sizeof(path), ND "/devices/region%d/resource", r);
			if (rnum(path, 16) == start)
				return r;
		}
		usleep(10000);
	} while (now() < end);
	return -1;
}

/*
 * plug_block and unplug_block in device mode: block 3 as a region of its
 * own, kept while its namespace is /dev/pmemN, unplugged once it is not.
 */
static int dax_window_block(uint64_t start, uint64_t bs)
{
	char path[96];
	int region, rc, i;

	/*
	 * At once after plug_block, before libnvdimm's asynchronous
	 * registration of the region has run: deleting it then must wait
	 * for it (the libnvdimm fix of the driver's series; without it
	 * kill_device() finds no device_private and the kernel oopses).
	 */
	for (i = 0; i < 20; i++) {
		if (wfile(WIN "/plug_block", "2"))
			return fail("dax-window", "plug_block 2 (round %d) failed", i);
		rc = wfile(WIN "/unplug_block", "2");
		if (rc == -EBUSY) {
			/* nd_pmem was quicker: the namespace is /dev/pmem */
			region = find_region(start + 2 * bs);
			if (region < 0)
				return fail("dax-window", "unplug_block 2 refused, but block 2 has no region");
			snprintf(path, sizeof(path), "namespace%d.0", region);
			if (drv_write(ND, "nd_pmem", "unbind", path))
				return -1;
			rc = wfile(WIN "/unplug_block", "2");
		}
		if (rc)
			return fail("dax-window", "unplug_block 2 (round %d): %s", i, strerror(-rc));
	}
	if (check_fw("dax-window", "0000"))
		return -1;
	pass("dax-window: 20 rounds of plug_block 2 and, at once, unplug_block 2: READ_STATE 0000");

	if (CHECK("dax-window", !wfile(WIN "/plug_block", "3"), "plug_block 3 failed") ||
	    check_fw("dax-window", "0001"))
		return -1;
	region = find_region(start + 3 * bs);
	if (region < 0)
		return fail("dax-window", "no region for block 3");
	snprintf(path, sizeof(path), ND "/devices/namespace%d.0/driver", region);
	if (wait_path(path, 1, 5))
		return fail("dax-window", "namespace%d.0 never bound to nd_pmem", region);
	rc = wfile(WIN "/unplug_block", "3");
	if (CHECK("dax-window", rc == -EBUSY, "unplug_block 3 with /dev/pmem of it: %s, want EBUSY",
		  rc ? strerror(-rc) : "accepted"))
		return -1;
	snprintf(path, sizeof(path), "namespace%d.0", region);
	if (drv_write(ND, "nd_pmem", "unbind", path) ||
	    CHECK("dax-window", !wfile(WIN "/unplug_block", "3"),
		  "unplug_block 3 failed once its namespace was unbound") ||
	    check_fw("dax-window", "0000"))
		return -1;
	pass("dax-window: plug_block 3 published region%d of one block; unplug_block 3 refused (EBUSY) while it was /dev/pmem, done once unbound",
	     region);
	return 0;
}

/*
 * Window 0, just loaded (mode ram), in device mode with 2 blocks plugged:
 * the region the driver published for them, or -1.
 */
static int window_publish(uint64_t start, uint64_t bs)
{
	char buf[64];
	int region;

	win_attr("mode", buf, sizeof(buf));
	if (CHECK("dax-window", !strcmp(buf, "ram"), "mode reads '%s' at load, want ram", buf) ||
	    CHECK("dax-window", !wfile(WIN "/mode", "device"), "mode <- device refused") ||
	    CHECK("dax-window", !win_write("requested_size", 2 * bs),
		  "requested_size 2 blocks failed") ||
	    check_fw("dax-window", "1100"))
		return -1;
	region = find_region(start);
	if (region < 0)
		return fail("dax-window", "no nvdimm region at 0x%" PRIx64, start);
	return region;
}

/*
 * kmem unbound while its memory is online: the memory stays System RAM
 * until reboot, so the driver must keep the region and its blocks: the
 * shrink is refused, the blocks stay plugged, the memory online.
 */
static int dax_window_stuck(uint64_t start, uint64_t bs)
{
	struct dax d = { 0 };
	char buf[64], path[96];
	long total;
	int rc;

	if (insmod(DRV_MOD))
		return fail("dax-window", "loading the driver again failed");
	d.region = window_publish(start, bs);
	if (d.region < 0 || dax_create(&d) || dax_kmem_on(&d, &total) ||
	    drv_write(DAXBUS, "kmem", "unbind", d.seed) ||
	    drv_write(DAXBUS, "kmem", "remove_id", d.seed) ||
	    dax_unbind(&d) || dax_release(&d))
		return -1;
	rc = win_write("requested_size", 0);
	win_attr("plugged_blocks", buf, sizeof(buf));
	snprintf(path, sizeof(path), MEMSYS "/memory%u/online", d.first_mb);
	if (CHECK("dax-window", rc == -EBUSY,
		  "requested_size 0 with kmem's memory left online: %s, want EBUSY",
		  rc ? strerror(-rc) : "accepted") ||
	    check_fw("dax-window", "1100") ||
	    CHECK("dax-window", !strcmp(buf, "0-1"), "plugged_blocks '%s', want 0-1", buf) ||
	    CHECK("dax-window", find_region(start) == d.region, "region%d is gone", d.region) ||
	    CHECK("dax-window", rnum(path, 10) == 1 && meminfo("MemTotal") > total,
		  "memory%u is no longer online System RAM", d.first_mb))
		return -1;
	pass("dax-window: kmem unbound with memory%u online (System RAM until reboot): requested_size 0 refused (EBUSY), region%d and blocks 0-1 kept (READ_STATE 1100)",
	     d.first_mb, d.region);
	return 0;
}

/*
 * The driver's window 0 in device mode (memhp.dax-window=1, the default
 * card of 4 blocks on one node): requested_size 2 blocks publishes them as
 * one volatile region, which goes through dax_test()'s steps; the shrink
 * to 0 is refused while /dev/pmemN, /dev/daxR.0, kmem memory or the dax
 * configuration of the namespace exist, and rmmod while the region does;
 * once all is released, the shrink deletes the region and unplugs both
 * blocks, and they fault on every CPU. Then plug_block and unplug_block,
 * at once after each other and with /dev/pmem in between, and last the
 * window left with kmem memory online.
 */
int dax_window_test(void)
{
	struct dax d = { 0 };
	uint64_t start, bs;
	char path[128];
	long total, boot_total = meminfo("MemTotal");
	int faults = 0, rc;

	step(0, "the driver's window in device mode: devdax, kmem, UNPLUG");
	if (demo) {
		note("The same card, now managed by the hotsbi-memhp driver in device mode");
		note("(window0/mode = device): plugged blocks become a volatile nvdimm region");
		note("instead of System RAM, and the kernel's own drivers serve it: /dev/pmem0,");
		note("then a devdax namespace, /dev/dax0.0, mapped with 2 MiB pages, then kmem");
		note("onlining it as System RAM. The driver refuses to unplug the blocks while");
		note("anything uses them, and unplugs them once all is released.");
	}
	if (insmod(FWT_MOD) || insmod(DRV_MOD))
		return fail("dax-window", "insmod failed");
	start = rnum(WIN "/start", 16);
	bs = rnum(WIN "/block_size", 10);
	if (start == UINT64_MAX || bs == UINT64_MAX)
		return fail("dax-window", "no window 0");
	d.region = window_publish(start, bs);
	if (d.region < 0)
		return -1;
	snprintf(path, sizeof(path), ND "/devices/region%d/size", d.region);
	if (CHECK("dax-window", rnum(path, 10) == 2 * bs, "region%d is not 2 blocks", d.region) ||
	    CHECK("dax-window", meminfo("MemTotal") == boot_total &&
		  !iomem_has("System RAM (hotsbi)"),
		  "device mode added System RAM"))
		return -1;
	snprintf(path, sizeof(path), ND "/devices/namespace%d.0/driver", d.region);
	if (wait_path(path, 1, 5))
		return fail("dax-window", "namespace%d.0 never bound to nd_pmem", d.region);
	pass("dax-window: mode device, requested_size 2 blocks: region%d at 0x%" PRIx64 " (%" PRIu64 " MiB), READ_STATE 1100, no System RAM added",
	     d.region, start, 2 * bs / MiB);
	rc = win_write("requested_size", bs);
	if (CHECK("dax-window", rc == -EINVAL,
		  "requested_size 1 block, half of the region: %s, want EINVAL",
		  rc ? strerror(-rc) : "accepted"))
		return -1;
	rc = wfile(WIN "/mode", "ram");
	if (CHECK("dax-window", rc == -EBUSY, "mode <- ram with blocks plugged: %s, want EBUSY",
		  rc ? strerror(-rc) : "accepted") ||
	    check_fw("dax-window", "1100"))
		return -1;
	pass("dax-window: a size that splits the region (EINVAL) and mode ram while plugged (EBUSY) refused");
	if (refused_while("namespace0.0 is /dev/pmem0", "1100"))
		return -1;

	if (dax_create(&d))
		return -1;
	rc = rmmod(DRV_NAME);
	if (CHECK("dax-window", rc == -EWOULDBLOCK || rc == -EBUSY,
		  "rmmod hotsbi_memhp with region%d: %s", d.region,
		  rc ? strerror(-rc) : "unloaded"))
		return -1;
	pass("dax-window: rmmod refused (%s) while region%d exists", strerror(-rc), d.region);
	if (refused_while("/dev/dax is bound", "1100") ||
	    dax_map(&d, 1, 0, 0) || dax_kmem_on(&d, &total) ||
	    refused_while("kmem memory is online", "1100") ||
	    dax_kmem_off(&d, total) || dax_check_kept(&d) || dax_unbind(&d) ||
	    refused_while("the namespace is claimed for dax", "1100") ||
	    dax_release(&d))
		return -1;

	if (CHECK("dax-window", win_write("requested_size", 0) == 0, "requested_size 0 failed once all was released") ||
	    check_fw("dax-window", "0000"))
		return -1;
	snprintf(path, sizeof(path), ND "/devices/region%d", d.region);
	if (CHECK("dax-window", !exists(path), "region%d still there after the shrink", d.region))
		return -1;
	rc = expect_faults("dax-window", start, &faults);
	rc |= expect_faults("dax-window", start + bs + bs / 2, &faults);
	if (rc)
		return -1;
	pass("dax-window: requested_size 0: region%d deleted, READ_STATE 0000, %d loads and stores of both blocks fault on every CPU",
	     d.region, faults);

	if (dax_window_block(start, bs))
		return -1;
	if (CHECK("dax-window", !wfile(WIN "/mode", "ram"), "mode <- ram refused") ||
	    CHECK("dax-window", rmmod(DRV_NAME) == 0, "rmmod failed") ||
	    check_fw("dax-window", "0000"))
		return -1;
	pass("dax-window: back to mode ram, driver unloaded, nothing plugged");
	return dax_window_stuck(start, bs);
}
