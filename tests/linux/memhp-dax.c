// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device memory through device-dax and kmem (memhp.dax=R), from user space
 * with the sysfs writes ndctl and daxctl make:
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
 * The region comes from a pmem-region node the firmware published (static
 * mode) and must have a NUMA node, which kmem needs. The kernel is booted
 * with memhp_default_state=offline, so the test onlines kmem's blocks.
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
#define MEMSYS		"/sys/devices/system/memory"
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

static int dax_attr(const struct dax *d, const char *bus, const char *attr,
		    char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/devices/%s/%s", bus, d->seed, attr);
	return rfile(path, buf, size);
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
	if (dax_attr(d, DAXBUS, "resource", buf, sizeof(buf)) <= 0)
		return fail("dax", "%s has no resource", d->seed);
	d->start = strtoull(buf, NULL, 16);
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

/* Step 3: the device as System RAM through kmem, and back (step 4). */
static int dax_kmem(struct dax *d)
{
	long total = meminfo("MemTotal"), node = node_memtotal(d->node);
	long grew = (long)(d->nr_mb * d->mem_bs / 1024);
	unsigned int i;
	char path[96];
	int rc = 0;

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
	rc |= CHECK("dax", meminfo("MemTotal") - total == grew &&
		    node_memtotal(d->node) - node == grew,
		    "kmem: MemTotal grew by %ld kB and node %d's by %ld kB, want %ld",
		    meminfo("MemTotal") - total, d->node, node_memtotal(d->node) - node, grew);
	rc |= CHECK("dax", iomem_has("System RAM (kmem)"), "no System RAM (kmem) in /proc/iomem");
	if (!rc)
		pass("dax: kmem: memory%u-%u online_movable, MemTotal %ld -> %ld kB (+%ld), node %d's too; System RAM (kmem) in /proc/iomem",
		     d->first_mb, d->first_mb + d->nr_mb - 1, total, total + grew, grew, d->node);

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

/* Step 5: no dax device, nothing holding the namespace. */
static int dax_destroy(const struct dax *d)
{
	char path[128], buf[64] = "";

	if (drv_write(ND, "dax_pmem", "unbind", d->seed) ||
	    nd_write(d->seed, "namespace", "\n"))
		return -1;
	if (wait_path(d->dev, 0, 5))
		return fail("dax", "%s still there after the teardown", d->dev);
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
	uint64_t kmem_start, kmem_end;

	step(0, "device memory as device-dax and kmem");
	if (dax_create(&d) || dax_map(&d, 1, 0, 0) || dax_kmem(&d))
		return -1;
	kmem_start = (uint64_t)d.first_mb * d.mem_bs - d.start;
	kmem_end = kmem_start + (uint64_t)d.nr_mb * d.mem_bs;
	if (dax_map(&d, 0, kmem_start, kmem_end))
		return -1;
	return dax_destroy(&d);
}
