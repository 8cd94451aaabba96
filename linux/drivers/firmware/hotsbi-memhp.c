// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory hotplug driver for the MEMHP SBI extension of the HotSBI firmware.
 *
 * HotSBI is RISC-V M-mode firmware that owns hotpluggable memory windows. A
 * block of a window is reachable from S/U-mode only while the firmware has it
 * plugged (it opens and closes the PMP on every hart). Linux must never hold
 * PMP-protected memory in its direct map, so this driver plugs a block before
 * add_memory_driver_managed() and unplugs it only after
 * offline_and_remove_memory() succeeded. Onlining and offlining stay with the
 * memory block devices (/sys/devices/system/memory/memoryN/state).
 *
 * Every window gets a child device "windowN" of the platform device with a
 * sysfs interface modelled on virtio-mem (requested_size, plugged_size) and
 * pseries DLPAR (plug_block, unplug_block), see
 * Documentation/ABI/testing/sysfs-driver-hotsbi-memhp.
 *
 * A window in device mode (sysfs "mode") hands its plugged blocks to the
 * nvdimm subsystem instead, as volatile regions on the window's own nvdimm
 * bus, the way of_pmem publishes a "pmem-region" node: the standard pmem,
 * device-dax and kmem drivers serve them, and a region's blocks are
 * unplugged only after it was deleted with nothing left using it.
 *
 * Each window is one dynamic memory group, so the kernel's online policy
 * (memhp_default_state=, memory_hotplug.online_policy=auto-movable) decides
 * per window. Before it offlines a block the driver asks the firmware (CHECK,
 * MEMHP 1.1) whether the UNPLUG would be accepted, so a refusal never costs
 * a migration. In a crash kernel no window memory is added, and /proc/vmcore
 * skips blocks the firmware has unplugged; hibernation is refused while
 * blocks are plugged (the firmware boots with every block unplugged, so an
 * image holding hot-added pages could not be restored).
 *
 * Locking: hotsbi_memhp.lock serializes all plugging and unplugging and is
 * held across add_memory_driver_managed() and offline_and_remove_memory(),
 * which take the device hotplug lock themselves. The driver registers no
 * memory notifier, so nothing takes the driver's lock with the device hotplug
 * lock held. The PM notifier takes it; no holder of it waits for system
 * sleep.
 */

#include <linux/bitmap.h>
#include <linux/crash_dump.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/libnvdimm.h>
#include <linux/list.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/memremap.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nd.h>
#include <linux/numa.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/range.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <linux/sysfs.h>

#include <asm/sbi.h>

/* EID: the SBI vendor range, 0x09000000 | (mvendorid & 0xffffff) */
#define HOTSBI_MEMHP_EID_BASE		0x09000000UL
#define HOTSBI_MEMHP_EID_VENDOR_MASK	0x00ffffffUL
#define HOTSBI_MEMHP_VERSION_MAJOR	1
#define HOTSBI_MEMHP_VERSION_1_1	0x01010000

/* Function IDs */
#define HOTSBI_MEMHP_GET_ATTR		0
#define HOTSBI_MEMHP_PLUG		1
#define HOTSBI_MEMHP_UNPLUG		2
#define HOTSBI_MEMHP_BLOCK_STATE	3
#define HOTSBI_MEMHP_READ_STATE		4
#define HOTSBI_MEMHP_CHECK		5	/* MEMHP 1.1 */

/* CHECK: the operation asked about */
#define HOTSBI_CHECK_PLUG		0
#define HOTSBI_CHECK_UNPLUG		1

/* GET_ATTR attributes */
#define HOTSBI_ATTR_SPEC_VERSION	0
#define HOTSBI_ATTR_NUM_WINDOWS		1
#define HOTSBI_ATTR_MAX_PFN		2
#define HOTSBI_ATTR_WINDOW_BASE		3
#define HOTSBI_ATTR_WINDOW_SIZE		4
#define HOTSBI_ATTR_BLOCK_SIZE		5
#define HOTSBI_ATTR_WINDOW_FLAGS	6
#define HOTSBI_ATTR_NUMA_NODE		7

/* WINDOW_FLAGS */
#define HOTSBI_WINDOW_EMULATED		BIT(0)
#define HOTSBI_WINDOW_SCRUB_ON_UNPLUG	BIT(1)
#define HOTSBI_WINDOW_NUMA_NODE_VALID	BIT(2)

/* BLOCK_STATE and READ_STATE values */
#define HOTSBI_BLOCK_UNPLUGGED		0
#define HOTSBI_BLOCK_PLUGGED		1
#define HOTSBI_BLOCK_UNAVAILABLE	2

/* Firmware blocks read per READ_STATE call (one byte each) */
#define HOTSBI_READ_STATE_CHUNK		PAGE_SIZE

/* Resource name of the added memory */
#define HOTSBI_SYSRAM_NAME		"System RAM (hotsbi)"

/* MAX_PFN counts 4 KiB frames whatever the kernel's page size */
#define HOTSBI_PFN_SHIFT		12

struct hotsbi_memhp;

/**
 * struct hotsbi_window - one hotplug window of the firmware
 * @dev: child device "windowN" carrying the sysfs interface
 * @mhp: driver instance the window belongs to
 * @id: SBI window index
 * @start: physical base address
 * @size: size in bytes
 * @fw_block_size: the firmware's block size
 * @block_size: the driver's block: whole firmware blocks and whole Linux
 *	memory blocks, the unit of every plug, add, remove and unplug
 * @fw_per_block: firmware blocks per driver block
 * @nr_blocks: driver blocks in the window
 * @nid: node the memory is added to
 * @mgid: the window's dynamic memory group
 * @requested_size: size last requested through sysfs
 * @plugged: blocks plugged in the firmware and added to Linux by the driver
 * @unusable: blocks the driver does not plug (unavailable, or left in a state
 *	it could not sort out); retried before every resize
 * @res: exclusive, non-busy resource covering the window, parent of the
 *	added memory: System RAM, or plain memory in device mode (the pmem and
 *	dax drivers refuse System RAM)
 * @device: device mode: plugged blocks are published as nvdimm regions
 *	instead of being added as System RAM
 * @nd_desc: descriptor of the window's nvdimm bus (device mode)
 * @nd_bus: the window's nvdimm bus, registered while in device mode
 * @regions: the published regions (struct hotsbi_region), in device mode
 */
struct hotsbi_window {
	struct device dev;
	struct hotsbi_memhp *mhp;
	u32 id;
	u64 start;
	u64 size;
	u64 fw_block_size;
	u64 block_size;
	unsigned long fw_per_block;
	unsigned long nr_blocks;
	int nid;
	int mgid;
	u64 requested_size;
	unsigned long *plugged;
	unsigned long *unusable;
	struct resource *res;
	bool device;
	struct nvdimm_bus_descriptor nd_desc;
	struct nvdimm_bus *nd_bus;
	struct list_head regions;
};

/**
 * struct hotsbi_region - blocks plugged together, published as one region
 * @node: entry in hotsbi_window.regions
 * @first: first driver block
 * @nr: number of driver blocks
 * @region: the volatile nvdimm region covering them
 */
struct hotsbi_region {
	struct list_head node;
	unsigned long first;
	unsigned long nr;
	struct nd_region *region;
};

/**
 * struct hotsbi_memhp - driver instance, one per "hotsbi,memory-hotplug" node
 * @dev: the platform device
 * @lock: serializes plugging, adding, removing and unplugging
 * @eid: SBI extension ID of MEMHP
 * @fw_nr_windows: NUM_WINDOWS of the firmware
 * @has_check: the firmware implements CHECK (MEMHP 1.1)
 * @kdump: this is a crash kernel: nothing is added, vmcore_cb is registered
 * @pm_nb: PM notifier refusing hibernation while blocks are plugged
 * @vmcore_cb: tells /proc/vmcore which window pages it may read
 * @sysram_name: resource name of the added memory; it must outlive the module
 *	while any of that memory stays added, so it is allocated
 * @nr_windows: entries in @windows
 * @windows: the windows
 */
struct hotsbi_memhp {
	struct device *dev;
	struct mutex lock;	/* serializes plug, add, remove, unplug */
	int eid;
	u64 fw_nr_windows;
	bool has_check;
	bool kdump;
	struct notifier_block pm_nb;
#ifdef CONFIG_PROC_VMCORE
	struct vmcore_cb vmcore_cb;
#endif
	const char *sysram_name;
	unsigned int nr_windows;
	struct hotsbi_window *windows[] __counted_by(nr_windows);
};

static struct hotsbi_window *to_hotsbi_window(struct device *dev)
{
	return container_of(dev, struct hotsbi_window, dev);
}

/* Linux 6.12 maps unknown SBI errors to -ENOTSUPP: decode MEMHP's own. */
static int hotsbi_errno(long error)
{
	switch (error) {
	case SBI_SUCCESS:
		return 0;
	case SBI_ERR_FAILURE:		/* plugged set does not fit in the PMP */
		return -ENOSPC;
	case SBI_ERR_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case SBI_ERR_INVALID_PARAM:
		return -EINVAL;
	case SBI_ERR_DENIED:		/* unavailable block */
		return -EPERM;
	case SBI_ERR_INVALID_ADDRESS:
		return -EFAULT;
	case SBI_ERR_ALREADY_AVAILABLE:	/* already plugged */
		return -EEXIST;
	case SBI_ERR_ALREADY_STOPPED:	/* already unplugged */
		return -ENOENT;
	default:
		return -EIO;
	}
}

/* Returns the SBI error (0 on success); @value may be NULL. */
static long hotsbi_call(struct hotsbi_memhp *mhp, int fid, unsigned long a0,
			unsigned long a1, unsigned long a2, unsigned long a3,
			u64 *value)
{
	struct sbiret ret;

	ret = sbi_ecall(mhp->eid, fid, a0, a1, a2, a3, 0, 0);
	if (!ret.error && value)
		*value = ret.value;
	return ret.error;
}

static int hotsbi_get_attr(struct hotsbi_memhp *mhp, unsigned long attr,
			   unsigned long window, u64 *value)
{
	long err;

	err = hotsbi_call(mhp, HOTSBI_MEMHP_GET_ATTR, attr, window, 0, 0, value);
	if (err)
		return dev_err_probe(mhp->dev, -ENODEV,
				     "GET_ATTR %lu (window %lu) failed: SBI error %ld\n",
				     attr, window, err);
	return 0;
}

/* The raw PLUG or UNPLUG of the firmware blocks of @nr driver blocks from @idx. */
static long hotsbi_fw_set(struct hotsbi_window *w, unsigned long idx,
			  unsigned long nr, bool plug)
{
	return hotsbi_call(w->mhp, plug ? HOTSBI_MEMHP_PLUG : HOTSBI_MEMHP_UNPLUG,
			   w->id, idx * w->fw_per_block, nr * w->fw_per_block,
			   0, NULL);
}

/*
 * Finish a PLUG (@plug) or UNPLUG of driver block @idx that the firmware
 * refused because part of it already was in the wanted state: plug or
 * unplug the firmware blocks that are not, one by one.
 */
static long hotsbi_fw_finish(struct hotsbi_window *w, unsigned long idx,
			     bool plug)
{
	unsigned long fw = idx * w->fw_per_block, j;
	u64 state, want = plug ? HOTSBI_BLOCK_PLUGGED : HOTSBI_BLOCK_UNPLUGGED;
	long err;

	for (j = fw; j < fw + w->fw_per_block; j++) {
		err = hotsbi_call(w->mhp, HOTSBI_MEMHP_BLOCK_STATE, w->id, j, 0,
				  0, &state);
		if (err)
			return err;
		if (state == want)
			continue;
		if (state == HOTSBI_BLOCK_UNAVAILABLE)
			return SBI_ERR_DENIED;
		err = hotsbi_call(w->mhp, plug ? HOTSBI_MEMHP_PLUG :
				  HOTSBI_MEMHP_UNPLUG, w->id, j, 1, 0, NULL);
		if (err)
			return err;
	}
	return 0;
}

/*
 * PLUG or UNPLUG driver block @idx. A block the firmware already has
 * (partly) in the wanted state is finished block by block: memory plugged
 * behind the driver's back can simply be added, and an UNPLUG of memory
 * that is already unplugged is done (with a warning).
 */
static long hotsbi_fw_plug(struct hotsbi_window *w, unsigned long idx,
			   bool plug)
{
	long err, already = plug ? SBI_ERR_ALREADY_AVAILABLE :
				   SBI_ERR_ALREADY_STOPPED;

	err = hotsbi_fw_set(w, idx, 1, plug);
	if (err != already)
		return err;
	dev_warn(w->mhp->dev, "window %u: block %lu already (partly) %s in the firmware\n",
		 w->id, idx, plug ? "plugged" : "unplugged");
	return hotsbi_fw_finish(w, idx, plug);
}

/*
 * What PLUG or UNPLUG of @nr driver blocks from @idx would return now
 * (MEMHP 1.1).
 */
static long hotsbi_fw_check(struct hotsbi_window *w, unsigned long idx,
			    unsigned long nr, bool plug)
{
	if (!w->mhp->has_check)
		return 0;
	return hotsbi_call(w->mhp, HOTSBI_MEMHP_CHECK, w->id,
			   idx * w->fw_per_block, nr * w->fw_per_block,
			   plug ? HOTSBI_CHECK_PLUG : HOTSBI_CHECK_UNPLUG, NULL);
}

/**
 * hotsbi_fw_scan() - the firmware's view of every driver block (READ_STATE)
 * @w: window
 * @any: set for blocks with at least one plugged firmware block
 * @all: set for blocks whose firmware blocks are all plugged
 * @unavail: set for blocks with an unavailable firmware block
 *
 * The state buffer is kmalloc'ed: READ_STATE needs memory S-mode may write.
 *
 * Return: 0 or a negative errno (-EIO when the firmware wrote less than
 * asked or a state the driver does not know).
 */
static int hotsbi_fw_scan(struct hotsbi_window *w, unsigned long *any,
			  unsigned long *all, unsigned long *unavail)
{
	unsigned long nr_fw = w->nr_blocks * w->fw_per_block;
	unsigned long first, i, n, idx;
	u64 written;
	long err = 0;
	int rc = 0;
	u8 *buf;

	buf = kmalloc(HOTSBI_READ_STATE_CHUNK, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	bitmap_zero(any, w->nr_blocks);
	bitmap_fill(all, w->nr_blocks);
	bitmap_zero(unavail, w->nr_blocks);
	for (first = 0; first < nr_fw && !rc; first += n) {
		n = min_t(unsigned long, nr_fw - first, HOTSBI_READ_STATE_CHUNK);
		err = hotsbi_call(w->mhp, HOTSBI_MEMHP_READ_STATE, w->id, first,
				  n, virt_to_phys(buf), &written);
		if (err) {
			dev_err(w->mhp->dev, "window %u: READ_STATE failed: SBI error %ld\n",
				w->id, err);
			rc = hotsbi_errno(err);
			break;
		}
		if (written != n) {
			dev_err(w->mhp->dev, "window %u: READ_STATE wrote %llu of %lu bytes\n",
				w->id, written, n);
			rc = -EIO;
			break;
		}
		for (i = 0; i < n; i++) {
			idx = (first + i) / w->fw_per_block;
			switch (buf[i]) {
			case HOTSBI_BLOCK_PLUGGED:
				__set_bit(idx, any);
				continue;
			case HOTSBI_BLOCK_UNPLUGGED:
				break;
			case HOTSBI_BLOCK_UNAVAILABLE:
				__set_bit(idx, unavail);
				break;
			default:
				dev_err(w->mhp->dev, "window %u: READ_STATE: block %lu in unknown state %u\n",
					w->id, first + i, buf[i]);
				rc = -EIO;
				break;
			}
			__clear_bit(idx, all);
		}
	}
	kfree(buf);
	return rc;
}

static u64 hotsbi_block_addr(const struct hotsbi_window *w, unsigned long idx)
{
	return w->start + (u64)idx * w->block_size;
}

/* Does Linux have any of block @idx as System RAM (added by anyone)? */
static int hotsbi_block_ram(const struct hotsbi_window *w, unsigned long idx)
{
	/* BUSY: the window's own reservation is System RAM but not busy. */
	return region_intersects(hotsbi_block_addr(w, idx), w->block_size,
				 IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
				 IORES_DESC_NONE);
}

/*
 * Does anything of Linux use part of [@start, @start + @len): a busy
 * resource (added memory, a pmem or dax driver's claim) or a ZONE_DEVICE
 * page map?
 */
static bool hotsbi_range_in_use(u64 start, u64 len)
{
	struct dev_pagemap *pgmap;
	u64 addr;

	if (region_intersects(start, len, IORESOURCE_MEM | IORESOURCE_BUSY,
			      IORES_DESC_NONE) != REGION_DISJOINT)
		return true;
	for (addr = start; addr < start + len; addr += SUBSECTION_SIZE) {
		pgmap = get_dev_pagemap(PHYS_PFN(addr), NULL);
		if (pgmap) {
			put_dev_pagemap(pgmap);
			return true;
		}
	}
	return false;
}

/* Add block @idx, plugged in the firmware, to Linux as the driver's memory. */
static int hotsbi_add_memory(struct hotsbi_window *w, unsigned long idx)
{
	int rc;

	rc = add_memory_driver_managed(w->mgid, hotsbi_block_addr(w, idx),
				       w->block_size, w->mhp->sysram_name,
				       MHP_MERGE_RESOURCE | MHP_NID_IS_MGID |
				       MHP_MEMMAP_ON_MEMORY);
	if (!rc)
		__set_bit(idx, w->plugged);
	return rc;
}

/* Add plugged block @idx to Linux; on failure unplug it again. */
static int hotsbi_add_block(struct hotsbi_window *w, unsigned long idx)
{
	struct hotsbi_memhp *mhp = w->mhp;
	long err;
	int rc;

	rc = hotsbi_add_memory(w, idx);
	if (!rc)
		return 0;
	dev_err(mhp->dev, "window %u: adding block %lu (%#llx) failed: %d\n",
		w->id, idx, hotsbi_block_addr(w, idx), rc);
	err = hotsbi_fw_plug(w, idx, false);
	if (err) {
		dev_err(mhp->dev, "window %u: UNPLUG of block %lu failed: SBI error %ld\n",
			w->id, idx, err);
		__set_bit(idx, w->unusable);
	}
	return rc;
}

/*
 * Plug block @idx in the firmware. A block the firmware reports unavailable
 * (DENIED) is marked unusable, so that growing goes on with the next one.
 */
static int hotsbi_fw_plug_block(struct hotsbi_window *w, unsigned long idx)
{
	long err;

	lockdep_assert_held(&w->mhp->lock);
	err = hotsbi_fw_plug(w, idx, true);
	if (!err)
		return 0;
	dev_dbg(w->mhp->dev, "window %u: PLUG of block %lu failed: SBI error %ld\n",
		w->id, idx, err);
	if (err == SBI_ERR_DENIED)
		__set_bit(idx, w->unusable);
	return hotsbi_errno(err);
}

/* Plug block @idx in the firmware, then add it to Linux. */
static int hotsbi_plug_block(struct hotsbi_window *w, unsigned long idx)
{
	int rc;

	rc = hotsbi_fw_plug_block(w, idx);
	return rc ? rc : hotsbi_add_block(w, idx);
}

/*
 * Offline and remove block @idx from Linux, then unplug it in the firmware.
 *
 * The firmware is asked first (CHECK, MEMHP 1.1) whether it would accept
 * the UNPLUG: an UNPLUG can be refused with SBI_ERR_FAILED when the blocks
 * left plugged would not fit its PMP entries (a hole in the middle of a
 * plugged run can need more entries). A refused block is not touched:
 * -ENOSPC, nothing migrated.
 *
 * Busy memory (offlining failed, or was interrupted by a signal while pages
 * would not migrate) stays plugged and added: -EBUSY.
 *
 * Without CHECK (MEMHP 1.0 firmware), or if the firmware changed its mind
 * in between, a refused block is added back as a fresh plug adds it (the
 * kernel's online policy decides its zone again, the old zone is lost):
 * -ENOSPC if that worked; if not, the block is marked unusable (Linux no
 * longer uses it, the firmware keeps it plugged) and the error is -EIO.
 */
static int hotsbi_unplug_block(struct hotsbi_window *w, unsigned long idx)
{
	struct hotsbi_memhp *mhp = w->mhp;
	long err;
	int rc;

	lockdep_assert_held(&mhp->lock);
	err = hotsbi_fw_check(w, idx, 1, false);
	if (err && err != SBI_ERR_ALREADY_STOPPED) {
		dev_dbg(mhp->dev, "window %u: block %lu stays: CHECK of UNPLUG returned SBI error %ld\n",
			w->id, idx, err);
		return hotsbi_errno(err);
	}
	rc = offline_and_remove_memory(hotsbi_block_addr(w, idx), w->block_size);
	if (rc) {
		dev_dbg(mhp->dev, "window %u: block %lu stays: offline_and_remove_memory() returned %d\n",
			w->id, idx, rc);
		return rc == -ENOMEM ? -ENOMEM : -EBUSY;
	}
	__clear_bit(idx, w->plugged);
	err = hotsbi_fw_plug(w, idx, false);
	if (!err)
		return 0;
	if (err == SBI_ERR_FAILURE) {
		dev_info(mhp->dev, "window %u: UNPLUG of block %lu refused: the blocks left plugged would not fit the firmware's PMP; adding it back\n",
			 w->id, idx);
		rc = hotsbi_add_memory(w, idx);
		if (!rc)
			return -ENOSPC;
		dev_err(mhp->dev, "window %u: adding block %lu back failed: %d; it stays plugged and unused\n",
			w->id, idx, rc);
	} else {
		dev_err(mhp->dev, "window %u: UNPLUG of block %lu failed: SBI error %ld; it stays plugged and unused\n",
			w->id, idx, err);
	}
	__set_bit(idx, w->unusable);
	return -EIO;
}

/* Is the first page of block @idx online (it is added, so it is present)? */
static bool hotsbi_block_online(const struct hotsbi_window *w,
				unsigned long idx)
{
	return pfn_to_online_page(PHYS_PFN(hotsbi_block_addr(w, idx)));
}

/*
 * Shrink by one block: offline blocks first (nothing to migrate), then
 * online ones, highest first. A block that is refused (CHECK or UNPLUG:
 * -ENOSPC) or busy (-EBUSY) is passed over; a pending signal or any other
 * error ends the search. Returns 0, or the first error (-EINTR when a
 * signal came before any block was tried).
 */
static int hotsbi_unplug_one(struct hotsbi_window *w)
{
	unsigned long idx;
	int rc, first = 0, pass;

	for (pass = 0; pass < 2; pass++) {
		for (idx = w->nr_blocks; idx-- > 0;) {
			if (!test_bit(idx, w->plugged) ||
			    hotsbi_block_online(w, idx) != pass)
				continue;
			if (signal_pending(current))
				return first ? first : -EINTR;
			rc = hotsbi_unplug_block(w, idx);
			if (!rc)
				return 0;
			if (!first)
				first = rc;
			if (rc != -ENOSPC && rc != -EBUSY)
				return rc;
		}
	}
	return first ? first : -ENOSPC;
}

static unsigned long hotsbi_nr_plugged(const struct hotsbi_window *w)
{
	return bitmap_weight(w->plugged, w->nr_blocks);
}

/*
 * Try the blocks marked unusable again: a block Linux does not use whose
 * firmware blocks are all available is unplugged where needed and becomes
 * usable again. Unavailable blocks and blocks Linux uses stay unusable.
 */
static void hotsbi_retry_unusable(struct hotsbi_window *w)
{
	unsigned long idx, j, fw;
	u64 state;
	bool ok;

	lockdep_assert_held(&w->mhp->lock);
	for_each_set_bit(idx, w->unusable, w->nr_blocks) {
		if (test_bit(idx, w->plugged) ||
		    hotsbi_range_in_use(hotsbi_block_addr(w, idx), w->block_size))
			continue;
		fw = idx * w->fw_per_block;
		ok = true;
		for (j = fw; ok && j < fw + w->fw_per_block; j++)
			ok = !hotsbi_call(w->mhp, HOTSBI_MEMHP_BLOCK_STATE,
					  w->id, j, 0, 0, &state) &&
			     state != HOTSBI_BLOCK_UNAVAILABLE;
		if (ok && !hotsbi_fw_finish(w, idx, false)) {
			dev_info(w->mhp->dev, "window %u: block %lu is usable again\n",
				 w->id, idx);
			__clear_bit(idx, w->unusable);
		}
	}
}

/* ------------------------------------------------------------ device mode */

#if IS_ENABLED(CONFIG_LIBNVDIMM)

static int hotsbi_dev_bus_register(struct hotsbi_window *w)
{
	w->nd_desc.provider_name = kasprintf(GFP_KERNEL, "hotsbi-memhp window%u",
					     w->id);
	if (!w->nd_desc.provider_name)
		return -ENOMEM;
	/* Every bound nd device holds the module. */
	w->nd_desc.module = THIS_MODULE;
	w->nd_bus = nvdimm_bus_register(w->mhp->dev, &w->nd_desc);
	if (w->nd_bus)
		return 0;
	kfree(w->nd_desc.provider_name);
	w->nd_desc.provider_name = NULL;
	return -ENOMEM;
}

/* Deletes the regions left on the bus too. */
static void hotsbi_dev_bus_unregister(struct hotsbi_window *w)
{
	struct hotsbi_region *r, *tmp;

	if (!w->nd_bus)
		return;
	nvdimm_bus_unregister(w->nd_bus);
	w->nd_bus = NULL;
	list_for_each_entry_safe(r, tmp, &w->regions, node) {
		list_del(&r->node);
		kfree(r);
	}
	kfree(w->nd_desc.provider_name);
	w->nd_desc.provider_name = NULL;
}

/*
 * Publish plugged blocks [@first, @first + @nr) as one volatile region, as
 * of_pmem publishes a pmem-region node. The blocks are cleared first: what
 * an earlier user left there (System RAM in RAM mode, on a window the
 * firmware does not scrub) would be readable through /dev/pmemN, and a
 * dax or pfn info block would make the new namespace a dax or fsdax
 * device by itself.
 */
static int hotsbi_dev_publish(struct hotsbi_window *w, unsigned long first,
			      unsigned long nr)
{
	struct resource res = DEFINE_RES_MEM(hotsbi_block_addr(w, first),
					     nr * w->block_size);
	struct nd_region_desc desc = {
		.res = &res,
		.numa_node = w->nid,
		.target_node = w->nid,	/* kmem needs a node */
	};
	struct list_head *where = &w->regions;
	struct hotsbi_region *r, *pos;
	unsigned long idx;
	void *block;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	for (idx = first; idx < first + nr; idx++) {
		block = memremap(hotsbi_block_addr(w, idx), w->block_size,
				 MEMREMAP_WB);
		if (!block) {
			kfree(r);
			return -ENOMEM;
		}
		memset(block, 0, w->block_size);
		memunmap(block);
		cond_resched();
	}
	set_bit(ND_REGION_PAGEMAP, &desc.flags);
	r->region = nvdimm_volatile_region_create(w->nd_bus, &desc);
	if (!r->region) {
		kfree(r);
		return -ENXIO;
	}
	r->first = first;
	r->nr = nr;
	/* Keep the list in block order. */
	list_for_each_entry(pos, &w->regions, node) {
		if (pos->first > first) {
			where = &pos->node;
			break;
		}
	}
	list_add_tail(&r->node, where);
	bitmap_set(w->plugged, first, nr);
	return 0;
}

/* A device of a region that a driver has, or a namespace that is claimed. */
static int hotsbi_dev_child_busy(struct device *dev, void *unused)
{
	if (READ_ONCE(dev->driver))
		return -EBUSY;
	if (!strncmp(dev_name(dev), "namespace", strlen("namespace")) &&
	    READ_ONCE(to_ndns(dev)->claim))
		return -EBUSY;
	return 0;
}

/* UNPLUG a run; blocks already unplugged are finished one by one. */
static long hotsbi_fw_unplug_run(struct hotsbi_window *w, unsigned long first,
				 unsigned long nr)
{
	unsigned long idx;
	long err;

	err = hotsbi_fw_set(w, first, nr, false);
	if (err != SBI_ERR_ALREADY_STOPPED)
		return err;
	for (idx = first, err = 0; idx < first + nr && !err; idx++)
		err = hotsbi_fw_plug(w, idx, false);
	return err;
}

/*
 * Delete region @r and unplug its blocks. Unless @force, a region that is
 * used is left alone (-EBUSY): a namespace or a dax, pfn or btt device of
 * it is bound (/dev/pmemN, /dev/daxX.Y, kmem memory), or a namespace is
 * claimed (a dax or fsdax configuration). A region the firmware would not
 * unplug (CHECK: its PMP) is left alone too (-ENOSPC).
 *
 * Deleting the region unbinds by force whatever bound meanwhile. Whatever
 * of Linux still uses the memory after that keeps the blocks plugged and
 * unusable until reboot: -EBUSY. The check cannot see pages pinned for
 * a device (RDMA, vfio) through /dev/dax: in 6.12 they outlive the
 * unbind of device_dax.
 */
static int hotsbi_dev_unpublish(struct hotsbi_window *w, struct hotsbi_region *r,
				bool force)
{
	struct device *dev = w->mhp->dev;
	unsigned long first = r->first, nr = r->nr;
	u64 start = hotsbi_block_addr(w, first), len = nr * w->block_size;
	long err;
	int rc;

	lockdep_assert_held(&w->mhp->lock);
	/*
	 * A bound driver holds a busy resource in the region (nd_pmem,
	 * dax_pmem, device_dax, kmem) and is on the region's list of
	 * children; it joins that list only once its probe has finished.
	 */
	if (!force &&
	    (hotsbi_range_in_use(start, len) ||
	     device_for_each_child(nd_region_dev(r->region), NULL,
				   hotsbi_dev_child_busy)))
		return -EBUSY;
	err = hotsbi_fw_check(w, first, nr, false);
	if (err && err != SBI_ERR_ALREADY_STOPPED)
		return hotsbi_errno(err);

	nvdimm_region_delete(r->region);
	list_del(&r->node);
	kfree(r);
	if (hotsbi_range_in_use(start, len)) {
		dev_err(dev, "window %u: blocks %lu-%lu are still in use after their region was deleted; they stay plugged and unusable\n",
			w->id, first, first + nr - 1);
		bitmap_set(w->unusable, first, nr);
		return -EBUSY;
	}
	bitmap_clear(w->plugged, first, nr);
	err = hotsbi_fw_unplug_run(w, first, nr);
	if (!err)
		return 0;
	if (err == SBI_ERR_FAILURE) {
		dev_info(dev, "window %u: UNPLUG of blocks %lu-%lu refused: the blocks left plugged would not fit the firmware's PMP; publishing them again\n",
			 w->id, first, first + nr - 1);
		rc = hotsbi_dev_publish(w, first, nr);
		if (!rc)
			return -ENOSPC;
	} else {
		dev_err(dev, "window %u: UNPLUG of blocks %lu-%lu failed: SBI error %ld; they stay plugged and unused\n",
			w->id, first, first + nr - 1, err);
	}
	bitmap_set(w->unusable, first, nr);
	return -EIO;
}

/* Publish a run that was just plugged; on failure unplug it again. */
static int hotsbi_dev_add_run(struct hotsbi_window *w, unsigned long first,
			      unsigned long nr)
{
	long err;
	int rc;

	rc = hotsbi_dev_publish(w, first, nr);
	if (!rc)
		return 0;
	dev_err(w->mhp->dev, "window %u: publishing blocks %lu-%lu failed: %d\n",
		w->id, first, first + nr - 1, rc);
	err = hotsbi_fw_unplug_run(w, first, nr);
	if (err) {
		dev_err(w->mhp->dev, "window %u: UNPLUG of blocks %lu-%lu failed: SBI error %ld\n",
			w->id, first, first + nr - 1, err);
		bitmap_set(w->unusable, first, nr);
	}
	return rc;
}

/*
 * Device mode's shrink: delete whole regions, highest first, passing over
 * used ones (-EBUSY) and those the firmware refuses (-ENOSPC). A size that
 * would split a region is -EINVAL.
 */
static int hotsbi_dev_shrink(struct hotsbi_window *w, unsigned long target)
{
	unsigned long nr = hotsbi_nr_plugged(w), stuck = 0, idx, n;
	struct hotsbi_region *r, *tmp;
	int rc, first = 0;

	/* Blocks kept plugged under memory Linux still uses cannot go. */
	for_each_set_bit(idx, w->plugged, w->nr_blocks)
		stuck += test_bit(idx, w->unusable);
	if (target < stuck)
		return -EBUSY;
	list_for_each_entry_safe_reverse(r, tmp, &w->regions, node) {
		if (nr == target)
			break;
		n = r->nr;
		if (n > nr - target) {
			if (!first)
				first = -EINVAL;
			continue;
		}
		if (signal_pending(current))
			return first ? first : -EINTR;
		rc = hotsbi_dev_unpublish(w, r, false);
		if (!rc) {
			nr -= n;
			continue;
		}
		if (!first)
			first = rc;
		if (rc != -EBUSY && rc != -ENOSPC)
			return rc;
	}
	return nr == target ? 0 : first ? first : -EINVAL;
}

/* unplug_block in device mode: only a region of that one block goes. */
static int hotsbi_dev_unplug_block(struct hotsbi_window *w, unsigned long idx)
{
	struct hotsbi_region *r;

	list_for_each_entry(r, &w->regions, node)
		if (idx >= r->first && idx < r->first + r->nr)
			return r->nr == 1 ? hotsbi_dev_unpublish(w, r, false) :
					    -EINVAL;
	return -ENOENT;
}

/*
 * One pass of unloading: nothing of the window's regions is bound (a bound
 * nd device holds the module), so every region is deleted, with a
 * configuration left on its namespace, and its blocks unplugged.
 */
static void hotsbi_dev_unplug_all(struct hotsbi_window *w, bool *progress,
				  bool *refused)
{
	struct hotsbi_region *r, *tmp;
	int rc;

	list_for_each_entry_safe_reverse(r, tmp, &w->regions, node) {
		rc = hotsbi_dev_unpublish(w, r, true);
		*progress |= !rc;
		*refused |= rc == -ENOSPC;
	}
}

#else /* !CONFIG_LIBNVDIMM: no device mode */

static int hotsbi_dev_bus_register(struct hotsbi_window *w)
{
	return -EOPNOTSUPP;
}

static void hotsbi_dev_bus_unregister(struct hotsbi_window *w)
{
}

static int hotsbi_dev_add_run(struct hotsbi_window *w, unsigned long first,
			      unsigned long nr)
{
	return -EOPNOTSUPP;
}

static int hotsbi_dev_shrink(struct hotsbi_window *w, unsigned long target)
{
	return -EOPNOTSUPP;
}

static int hotsbi_dev_unplug_block(struct hotsbi_window *w, unsigned long idx)
{
	return -EOPNOTSUPP;
}

static void hotsbi_dev_unplug_all(struct hotsbi_window *w, bool *progress,
				  bool *refused)
{
}

#endif /* CONFIG_LIBNVDIMM */

/* plug_block in device mode: a region of one block. */
static int hotsbi_dev_plug_block(struct hotsbi_window *w, unsigned long idx)
{
	int rc;

	rc = hotsbi_fw_plug_block(w, idx);
	return rc ? rc : hotsbi_dev_add_run(w, idx, 1);
}

/*
 * Grow to @target blocks by plugging and adding the lowest free blocks first
 * (so memory is added in ascending order), passing over blocks the firmware
 * refuses (unavailable, or not fitting its PMP); shrink as
 * hotsbi_unplug_one() does. Device mode plugs the blocks the same way and
 * then publishes each run of them as one region; it shrinks with
 * hotsbi_dev_shrink().
 */
static int hotsbi_resize(struct hotsbi_window *w, unsigned long target)
{
	unsigned long nr = hotsbi_nr_plugged(w);
	unsigned long *fresh = NULL;
	unsigned long idx, end;
	int rc, first = 0;

	hotsbi_retry_unusable(w);
	if (target > w->nr_blocks - bitmap_weight(w->unusable, w->nr_blocks))
		return -ENOSPC;
	if (w->device && target > nr) {
		fresh = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
		if (!fresh)
			return -ENOMEM;
	}
	for_each_clear_bit(idx, w->plugged, w->nr_blocks) {
		if (nr >= target)
			break;
		if (test_bit(idx, w->unusable))
			continue;
		if (fatal_signal_pending(current)) {
			first = -EINTR;
			break;
		}
		rc = fresh ? hotsbi_fw_plug_block(w, idx) :
			     hotsbi_plug_block(w, idx);
		if (!rc) {
			if (fresh)
				__set_bit(idx, fresh);
			nr++;
			continue;
		}
		if (!first)
			first = rc;
		if (rc != -EPERM && rc != -ENOSPC) {
			first = rc;
			break;
		}
	}
	if (fresh) {
		for_each_set_bitrange(idx, end, fresh, w->nr_blocks) {
			rc = hotsbi_dev_add_run(w, idx, end - idx);
			if (rc && !first)
				first = rc;
		}
		bitmap_free(fresh);
		nr = hotsbi_nr_plugged(w);
	}
	if (nr < target)
		return first ? first : -ENOSPC;
	if (w->device)
		return nr > target ? hotsbi_dev_shrink(w, target) : 0;
	while (nr > target) {
		rc = hotsbi_unplug_one(w);
		if (rc)
			return rc;
		nr--;
	}
	return 0;
}

/* ------------------------------------------------------------------ sysfs */

static ssize_t start_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "0x%llx\n", to_hotsbi_window(dev)->start);
}
static DEVICE_ATTR_RO(start);

static ssize_t size_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%llu\n", to_hotsbi_window(dev)->size);
}
static DEVICE_ATTR_RO(size);

static ssize_t block_size_show(struct device *dev, struct device_attribute *attr,
			       char *buf)
{
	return sysfs_emit(buf, "%llu\n", to_hotsbi_window(dev)->block_size);
}
static DEVICE_ATTR_RO(block_size);

static ssize_t plugged_size_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);
	u64 size;
	int rc;

	rc = mutex_lock_interruptible(&w->mhp->lock);
	if (rc)
		return rc;
	size = hotsbi_nr_plugged(w) * w->block_size;
	mutex_unlock(&w->mhp->lock);
	return sysfs_emit(buf, "%llu\n", size);
}
static DEVICE_ATTR_RO(plugged_size);

/* Print bitmap @bits of @w under the driver's lock. */
static ssize_t hotsbi_bitmap_show(struct hotsbi_window *w,
				  const unsigned long *bits, char *buf)
{
	ssize_t rc;

	rc = mutex_lock_interruptible(&w->mhp->lock);
	if (rc)
		return rc;
	rc = sysfs_emit(buf, "%*pbl\n", (int)w->nr_blocks, bits);
	mutex_unlock(&w->mhp->lock);
	return rc;
}

static ssize_t plugged_blocks_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);

	return hotsbi_bitmap_show(w, w->plugged, buf);
}
static DEVICE_ATTR_RO(plugged_blocks);

static ssize_t unusable_blocks_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);

	return hotsbi_bitmap_show(w, w->unusable, buf);
}
static DEVICE_ATTR_RO(unusable_blocks);

/* Root only: every read makes the firmware take its lock. */
static ssize_t fw_plugged_blocks_show(struct device *dev,
				      struct device_attribute *attr, char *buf)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);
	unsigned long *any, *all, *unavail;
	ssize_t rc;

	any = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	all = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	unavail = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	rc = -ENOMEM;
	if (any && all && unavail)
		rc = mutex_lock_interruptible(&w->mhp->lock);
	if (!rc) {
		rc = hotsbi_fw_scan(w, any, all, unavail);
		mutex_unlock(&w->mhp->lock);
	}
	if (!rc)
		rc = sysfs_emit(buf, "%*pbl\n", (int)w->nr_blocks, any);
	bitmap_free(unavail);
	bitmap_free(all);
	bitmap_free(any);
	return rc;
}
static DEVICE_ATTR_ADMIN_RO(fw_plugged_blocks);

static ssize_t requested_size_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);
	u64 size;
	int rc;

	rc = mutex_lock_interruptible(&w->mhp->lock);
	if (rc)
		return rc;
	size = w->requested_size;
	mutex_unlock(&w->mhp->lock);
	return sysfs_emit(buf, "%llu\n", size);
}

static ssize_t requested_size_store(struct device *dev,
				    struct device_attribute *attr,
				    const char *buf, size_t count)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);
	char *end;
	u64 size;
	int rc;

	size = memparse(buf, &end);
	if (end == buf || (*end && strcmp(end, "\n")))
		return -EINVAL;
	if (size > w->size || !IS_ALIGNED(size, w->block_size))
		return -EINVAL;
	rc = mutex_lock_interruptible(&w->mhp->lock);
	if (rc)
		return rc;
	w->requested_size = size;
	rc = hotsbi_resize(w, div64_u64(size, w->block_size));
	mutex_unlock(&w->mhp->lock);
	return rc ? rc : count;
}
static DEVICE_ATTR_RW(requested_size);

static ssize_t hotsbi_block_store(struct device *dev, const char *buf,
				  size_t count, bool plug)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);
	unsigned long idx;
	int rc;

	rc = kstrtoul(buf, 0, &idx);
	if (rc)
		return rc;
	if (idx >= w->nr_blocks)
		return -EINVAL;
	rc = mutex_lock_interruptible(&w->mhp->lock);
	if (rc)
		return rc;
	if (plug)
		hotsbi_retry_unusable(w);
	if (test_bit(idx, w->unusable))
		rc = -EPERM;
	else if (test_bit(idx, w->plugged) == plug)
		rc = plug ? -EEXIST : -ENOENT;
	else if (plug)
		rc = w->device ? hotsbi_dev_plug_block(w, idx) :
				 hotsbi_plug_block(w, idx);
	else
		rc = w->device ? hotsbi_dev_unplug_block(w, idx) :
				 hotsbi_unplug_block(w, idx);
	if (!rc)
		w->requested_size = hotsbi_nr_plugged(w) * w->block_size;
	mutex_unlock(&w->mhp->lock);
	return rc ? rc : count;
}

static ssize_t plug_block_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	return hotsbi_block_store(dev, buf, count, true);
}
static DEVICE_ATTR_WO(plug_block);

static ssize_t unplug_block_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	return hotsbi_block_store(dev, buf, count, false);
}
static DEVICE_ATTR_WO(unplug_block);

/* The reservation's type: the pmem and dax drivers refuse System RAM. */
static unsigned long hotsbi_window_res_flags(const struct hotsbi_window *w)
{
	return (w->device ? IORESOURCE_MEM : IORESOURCE_SYSTEM_RAM) |
	       IORESOURCE_EXCLUSIVE;
}

/*
 * Switch an empty window between RAM and device mode: the window's nvdimm
 * bus comes or goes, and the reservation changes type in place (nothing
 * is plugged, so nothing lies under it).
 */
static int hotsbi_window_set_mode(struct hotsbi_window *w, bool device)
{
	int rc;

	lockdep_assert_held(&w->mhp->lock);
	if (device) {
		rc = hotsbi_dev_bus_register(w);
		if (rc)
			return rc;
	} else {
		hotsbi_dev_bus_unregister(w);
	}
	w->device = device;
	w->res->flags = hotsbi_window_res_flags(w);
	return 0;
}

static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  to_hotsbi_window(dev)->device ? "device" : "ram");
}

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);
	bool device;
	int rc;

	if (sysfs_streq(buf, "device"))
		device = true;
	else if (sysfs_streq(buf, "ram"))
		device = false;
	else
		return -EINVAL;
	rc = mutex_lock_interruptible(&w->mhp->lock);
	if (rc)
		return rc;
	if (w->device != device)
		rc = hotsbi_nr_plugged(w) ? -EBUSY :
					    hotsbi_window_set_mode(w, device);
	mutex_unlock(&w->mhp->lock);
	return rc ? rc : count;
}
static DEVICE_ATTR_RW(mode);

static struct attribute *hotsbi_window_attrs[] = {
	&dev_attr_start.attr,
	&dev_attr_size.attr,
	&dev_attr_block_size.attr,
	&dev_attr_requested_size.attr,
	&dev_attr_plugged_size.attr,
	&dev_attr_plugged_blocks.attr,
	&dev_attr_unusable_blocks.attr,
	&dev_attr_fw_plugged_blocks.attr,
	&dev_attr_plug_block.attr,
	&dev_attr_unplug_block.attr,
	&dev_attr_mode.attr,
	NULL
};
ATTRIBUTE_GROUPS(hotsbi_window);

/* ------------------------------------------------------- probe and remove */

/* Cross-check the container node against the SBI extension. */
static int hotsbi_check_firmware(struct hotsbi_memhp *mhp,
				 struct device_node *np, unsigned int nr_nodes,
				 u64 *max_pfn)
{
	struct device *dev = mhp->dev;
	u64 version, dt_max_pfn;
	long vendor;
	u32 eid;
	int rc;

	if (of_property_read_u32(np, "hotsbi,sbi-extension-id", &eid))
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: no hotsbi,sbi-extension-id\n", np);
	if (sbi_probe_extension(eid) <= 0)
		return dev_err_probe(dev, -ENODEV,
				     "SBI extension %#x (%pOF) is not implemented by the firmware\n",
				     eid, np);
	vendor = sbi_get_mvendorid();
	if (vendor < 0 || eid != (HOTSBI_MEMHP_EID_BASE |
				  (vendor & HOTSBI_MEMHP_EID_VENDOR_MASK)))
		return dev_err_probe(dev, -ENODEV,
				     "SBI extension %#x is not the MEMHP ID of mvendorid %#lx\n",
				     eid, vendor);
	mhp->eid = eid;

	rc = hotsbi_get_attr(mhp, HOTSBI_ATTR_SPEC_VERSION, 0, &version);
	if (rc)
		return rc;
	if ((version >> 24) != HOTSBI_MEMHP_VERSION_MAJOR)
		return dev_err_probe(dev, -ENODEV,
				     "MEMHP version %#llx is not supported (major %d)\n",
				     version, HOTSBI_MEMHP_VERSION_MAJOR);
	mhp->has_check = version >= HOTSBI_MEMHP_VERSION_1_1;

	rc = hotsbi_get_attr(mhp, HOTSBI_ATTR_NUM_WINDOWS, 0, &mhp->fw_nr_windows);
	if (rc)
		return rc;
	if (mhp->fw_nr_windows != nr_nodes)
		return dev_err_probe(dev, -ENODEV,
				     "%pOF has %u windows, the firmware %llu\n",
				     np, nr_nodes, mhp->fw_nr_windows);

	rc = hotsbi_get_attr(mhp, HOTSBI_ATTR_MAX_PFN, 0, max_pfn);
	if (rc)
		return rc;
	if (of_property_read_u64(np, "hotsbi,max-possible-pfn", &dt_max_pfn) ||
	    dt_max_pfn != *max_pfn)
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: hotsbi,max-possible-pfn differs from the firmware's MAX_PFN %#llx\n",
				     np, *max_pfn);
	return 0;
}

/* Read window node @np, cross-check it with the firmware, fill in @w. */
static int hotsbi_window_init(struct hotsbi_memhp *mhp, struct device_node *np,
			      struct hotsbi_window *w, u64 max_pfn)
{
	struct range pluggable = mhp_get_pluggable_range(true);
	struct device *dev = mhp->dev;
	u64 base, size, bsize, fw_base, fw_size, fw_bsize, flags, node;
	bool dt_numa;
	u32 id, dt_node = 0;
	int rc;

	if (of_property_read_u32(np, "hotsbi,window-id", &id) ||
	    of_property_read_reg(np, 0, &base, &size) ||
	    of_property_read_u64(np, "hotsbi,block-size", &bsize))
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: hotsbi,window-id, reg or hotsbi,block-size missing\n",
				     np);
	if (id >= mhp->fw_nr_windows)
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: window %u does not exist in the firmware (%llu windows)\n",
				     np, id, mhp->fw_nr_windows);

	rc = hotsbi_get_attr(mhp, HOTSBI_ATTR_WINDOW_BASE, id, &fw_base);
	if (!rc)
		rc = hotsbi_get_attr(mhp, HOTSBI_ATTR_WINDOW_SIZE, id, &fw_size);
	if (!rc)
		rc = hotsbi_get_attr(mhp, HOTSBI_ATTR_BLOCK_SIZE, id, &fw_bsize);
	if (!rc)
		rc = hotsbi_get_attr(mhp, HOTSBI_ATTR_WINDOW_FLAGS, id, &flags);
	if (!rc)
		rc = hotsbi_get_attr(mhp, HOTSBI_ATTR_NUMA_NODE, id, &node);
	if (rc)
		return rc;
	if (base != fw_base || size != fw_size || bsize != fw_bsize)
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: %#llx+%#llx in blocks of %#llx, but firmware window %u is %#llx+%#llx in blocks of %#llx\n",
				     np, base, size, bsize, id, fw_base, fw_size,
				     fw_bsize);

	dt_numa = !of_property_read_u32(np, "numa-node-id", &dt_node);
	if (of_property_read_bool(np, "hotsbi,emulated") !=
	    !!(flags & HOTSBI_WINDOW_EMULATED) ||
	    of_property_read_bool(np, "hotsbi,scrub-on-unplug") !=
	    !!(flags & HOTSBI_WINDOW_SCRUB_ON_UNPLUG) ||
	    dt_numa != !!(flags & HOTSBI_WINDOW_NUMA_NODE_VALID) ||
	    (dt_numa && dt_node != node))
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: properties differ from firmware window %u (flags %#llx, node %llu)\n",
				     np, id, flags, node);

	w->block_size = max_t(u64, bsize, memory_block_size_bytes());
	if (!size || !is_power_of_2(bsize) || !IS_ALIGNED(base, w->block_size) ||
	    !IS_ALIGNED(size, w->block_size))
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: window %#llx+%#llx is not made of whole %#llx-byte hotplug blocks\n",
				     np, base, size, w->block_size);
	if (base < pluggable.start || base + size - 1 > pluggable.end ||
	    base + size - 1 < base ||
	    ((base + size) >> HOTSBI_PFN_SHIFT) > max_pfn)
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: window %#llx-%#llx is outside the pluggable range %#llx-%#llx or MAX_PFN %#llx\n",
				     np, base, base + size - 1, pluggable.start,
				     pluggable.end, max_pfn);

	w->id = id;
	w->start = base;
	w->size = size;
	w->fw_block_size = bsize;
	w->fw_per_block = div64_u64(w->block_size, bsize);
	w->nr_blocks = div64_u64(size, w->block_size);
	w->nid = memory_add_physaddr_to_nid(base);
	if (dt_numa) {
		if (node < MAX_NUMNODES && node_possible(node))
			w->nid = node;
		else
			dev_warn(dev, "window %u: node %llu is not possible, using %d\n",
				 id, node, w->nid);
	}
	w->plugged = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	w->unusable = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	if (!w->plugged || !w->unusable)
		return -ENOMEM;
	return 0;
}

/*
 * Whether part of window node @np is device memory the firmware published
 * as a "pmem-region" node (its static mode): of_pmem serves that, and the
 * window is not this driver's to manage. Both reg are read as written
 * (the container and the root both use two cells).
 */
static bool hotsbi_window_has_pmem(struct device_node *np)
{
	struct device_node *pmem;
	u64 base, size, pbase, psize;

	if (of_property_read_reg(np, 0, &base, &size))
		return false;
	for_each_compatible_node(pmem, NULL, "pmem-region") {
		if (!of_property_read_reg(pmem, 0, &pbase, &psize) &&
		    pbase < base + size && base < pbase + psize) {
			of_node_put(pmem);
			return true;
		}
	}
	return false;
}

/*
 * Reserve the window as exclusive System RAM that is not busy, as virtio-mem
 * does: /dev/mem cannot map any of it (iomem_is_exclusive()), no other driver
 * can claim it, and add_memory_driver_managed() can still request the blocks
 * inside it. In device mode the reservation is plain memory, which the pmem
 * and dax drivers accept. Memory an earlier instance of the driver left
 * added (an interrupted unload) is taken back under the reservation; any
 * other resource in the window fails the probe.
 */
static int hotsbi_window_reserve(struct hotsbi_window *w)
{
	struct resource *res, *child;
	char *name;

	name = kasprintf(GFP_KERNEL, "hotsbi window %u", w->id);
	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!name || !res)
		goto nomem;
	res->name = name;
	res->start = w->start;
	res->end = w->start + w->size - 1;
	res->flags = hotsbi_window_res_flags(w);
	if (insert_resource(&iomem_resource, res))
		goto busy;
	for (child = res->child; child; child = child->sibling) {
		if (strcmp(child->name, HOTSBI_SYSRAM_NAME) ||
		    !(child->flags & IORESOURCE_SYSRAM_DRIVER_MANAGED)) {
			remove_resource(res);
			goto busy;
		}
	}
	w->res = res;
	return 0;

busy:
	dev_err(w->mhp->dev, "window %u: %#llx-%#llx is in use by someone else\n",
		w->id, w->start, w->start + w->size - 1);
	kfree(res);
	kfree(name);
	return -EBUSY;
nomem:
	kfree(res);
	kfree(name);
	return -ENOMEM;
}

/* Drop the reservation; memory still added moves up to the parent. */
static void hotsbi_window_unreserve(struct hotsbi_window *w)
{
	const char *name;

	if (!w->res)
		return;
	name = w->res->name;
	remove_resource(w->res);
	kfree(w->res);
	kfree(name);
	w->res = NULL;
}

/*
 * Take over what the firmware reports plugged (driver reload, kexec): add
 * plugged blocks that Linux does not have yet (ascending), adopt those it
 * already has, unplug partly plugged ones, and mark unusable what cannot be
 * sorted out (retried before every resize). Nothing here fails the probe.
 */
static void hotsbi_window_adopt(struct hotsbi_window *w)
{
	struct device *dev = w->mhp->dev;
	unsigned long *any, *all, *unavail;
	unsigned long idx, present = 0, added = 0;
	long err;
	int rc, ram;

	any = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	all = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	unavail = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	rc = -ENOMEM;
	if (any && all && unavail)
		rc = hotsbi_fw_scan(w, any, all, unavail);
	if (rc) {
		dev_warn(dev, "window %u: firmware state unknown (%d), every block is unusable until it can be read\n",
			 w->id, rc);
		bitmap_fill(w->unusable, w->nr_blocks);
		goto out;
	}

	for (idx = 0; idx < w->nr_blocks; idx++) {
		ram = hotsbi_block_ram(w, idx);
		if (test_bit(idx, unavail)) {
			__set_bit(idx, w->unusable);
		} else if (test_bit(idx, all) && ram == REGION_INTERSECTS) {
			__set_bit(idx, w->plugged);
			present++;
		} else if (test_bit(idx, all) && ram == REGION_DISJOINT) {
			if (!hotsbi_add_block(w, idx))
				added++;
		} else if (test_bit(idx, any) && ram == REGION_DISJOINT) {
			/* Partly plugged: not usable by Linux, close it. */
			err = hotsbi_fw_finish(w, idx, false);
			if (err) {
				dev_warn(dev, "window %u: block %lu is partly plugged and could not be unplugged: SBI error %ld\n",
					 w->id, idx, err);
				__set_bit(idx, w->unusable);
			}
		} else if (ram != REGION_DISJOINT) {
			dev_warn(dev, "window %u: block %lu is partly or wrongly in use by Linux, leaving it alone\n",
				 w->id, idx);
			__set_bit(idx, w->unusable);
		}
	}
out:
	w->requested_size = hotsbi_nr_plugged(w) * w->block_size;
	dev_info(dev, "window %u: %#llx-%#llx, %lu blocks of %llu MiB, node %d, %lu plugged at probe (%lu added, %lu already present), %u unusable\n",
		 w->id, w->start, w->start + w->size - 1, w->nr_blocks,
		 w->block_size >> 20, w->nid, present + added, added, present,
		 bitmap_weight(w->unusable, w->nr_blocks));
	bitmap_free(unavail);
	bitmap_free(all);
	bitmap_free(any);
}

static void hotsbi_window_release(struct device *dev)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);

	bitmap_free(w->unusable);
	bitmap_free(w->plugged);
	kfree(w);
}

/* One pass of unloading in RAM mode: every plugged block, highest first. */
static void hotsbi_ram_unplug_all(struct hotsbi_window *w, bool *progress,
				  bool *refused)
{
	unsigned long idx;
	int rc;

	for (idx = w->nr_blocks; idx-- > 0;) {
		if (!test_bit(idx, w->plugged))
			continue;
		rc = hotsbi_unplug_block(w, idx);
		*progress |= !rc;
		*refused |= rc == -ENOSPC;
	}
}

/*
 * Unloading removes and unplugs everything, highest blocks first, again
 * while a pass removes some and the firmware refused some for its PMP.
 * Unlike virtio-mem, whose device keeps its memory across a driver reload,
 * the firmware has no one to give plugged memory back to but this driver,
 * and memory left plugged keeps PMP entries the firmware needs for other
 * windows. rmmod runs in process context, so a signal ends the wait for
 * busy memory: what does not go stays plugged and added (the resource name
 * it points to is then kept, the window's memory group too) and loading
 * the driver again adopts it. A window in device mode goes region by
 * region (hotsbi_dev_unplug_all()), then its nvdimm bus.
 */
static void hotsbi_teardown(struct hotsbi_memhp *mhp)
{
	bool progress, refused;
	unsigned long left = 0;
	struct hotsbi_window *w;
	unsigned int i;

	mutex_lock(&mhp->lock);
	for (i = 0; i < mhp->nr_windows; i++) {
		w = mhp->windows[i];
		/* Blocks refused for the PMP may go once others have gone. */
		do {
			progress = false;
			refused = false;
			if (w->device)
				hotsbi_dev_unplug_all(w, &progress, &refused);
			else
				hotsbi_ram_unplug_all(w, &progress, &refused);
		} while (refused && progress);
		hotsbi_dev_bus_unregister(w);
		if (hotsbi_nr_plugged(w)) {
			dev_warn(mhp->dev, "window %u: blocks %*pbl (busy, or refused by the firmware) stay plugged until the driver is loaded again\n",
				 w->id, (int)w->nr_blocks, w->plugged);
			left += hotsbi_nr_plugged(w);
		} else if (w->mgid >= 0) {
			memory_group_unregister(w->mgid);
		}
		if (!bitmap_empty(w->unusable, w->nr_blocks))
			dev_warn(mhp->dev, "window %u: unusable blocks %*pbl are left as they are\n",
				 w->id, (int)w->nr_blocks, w->unusable);
		hotsbi_window_unreserve(w);
	}
	mutex_unlock(&mhp->lock);
	if (!left)
		kfree(mhp->sysram_name);
	mhp->sysram_name = NULL;
}

/*
 * Hibernation: the firmware boots with every block unplugged, so an image
 * holding pages of hot-added memory could not be restored. Refuse while
 * any block is plugged.
 */
static int hotsbi_pm_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct hotsbi_memhp *mhp = container_of(nb, struct hotsbi_memhp, pm_nb);
	unsigned long nr = 0;
	unsigned int i;

	if (action != PM_HIBERNATION_PREPARE)
		return NOTIFY_DONE;
	mutex_lock(&mhp->lock);
	for (i = 0; i < mhp->nr_windows; i++)
		nr += hotsbi_nr_plugged(mhp->windows[i]);
	mutex_unlock(&mhp->lock);
	if (!nr)
		return NOTIFY_OK;
	dev_err(mhp->dev, "hibernation refused: %lu hotplugged memory blocks are plugged, and the firmware unplugs them all at boot, so the image could not be restored; unplug them first (requested_size 0)\n",
		nr);
	return notifier_from_errno(-EBUSY);
}

#ifdef CONFIG_PROC_VMCORE
/*
 * In a crash kernel the elfcorehdr can list window memory the crashed kernel
 * unplugged after the crash kernel was loaded (riscv has no CRASH_HOTPLUG):
 * /proc/vmcore must not read a block the firmware has unplugged, it would
 * take an access fault. Ask the firmware for every page of a window.
 */
static bool hotsbi_vmcore_pfn_is_ram(struct vmcore_cb *cb, unsigned long pfn)
{
	struct hotsbi_memhp *mhp = container_of(cb, struct hotsbi_memhp,
						vmcore_cb);
	u64 addr = PFN_PHYS(pfn), state;
	struct hotsbi_window *w;
	unsigned int i;

	for (i = 0; i < mhp->nr_windows; i++) {
		w = mhp->windows[i];
		if (addr < w->start || addr - w->start >= w->size)
			continue;
		/* When the firmware cannot tell, reading could fault. */
		if (hotsbi_call(mhp, HOTSBI_MEMHP_BLOCK_STATE, w->id,
				div64_u64(addr - w->start, w->fw_block_size),
				0, 0, &state))
			return false;
		return state == HOTSBI_BLOCK_PLUGGED;
	}
	return true;
}
#endif

/* Crash kernel: add nothing, keep /proc/vmcore off unplugged blocks. */
static int hotsbi_kdump_init(struct hotsbi_memhp *mhp)
{
	mhp->kdump = true;
#ifdef CONFIG_PROC_VMCORE
	mhp->vmcore_cb.pfn_is_ram = hotsbi_vmcore_pfn_is_ram;
	register_vmcore_cb(&mhp->vmcore_cb);
#endif
	dev_info(mhp->dev, "crash kernel: window memory is not added, /proc/vmcore reads only blocks the firmware has plugged\n");
	return 0;
}

static int hotsbi_memhp_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	unsigned int nr_nodes = 0, nr_ready = 0, nr_added, i, j;
	struct hotsbi_memhp *mhp;
	struct hotsbi_window *w;
	u64 max_pfn;
	int rc;

	for_each_child_of_node_scoped(np, child)
		if (of_device_is_compatible(child, "hotsbi,memory-hotplug-window"))
			nr_nodes++;

	mhp = devm_kzalloc(dev, struct_size(mhp, windows, nr_nodes), GFP_KERNEL);
	if (!mhp)
		return -ENOMEM;
	mhp->dev = dev;
	rc = devm_mutex_init(dev, &mhp->lock);
	if (rc)
		return rc;

	rc = hotsbi_check_firmware(mhp, np, nr_nodes, &max_pfn);
	if (rc)
		return rc;

	for_each_child_of_node_scoped(np, child) {
		if (!of_device_is_compatible(child, "hotsbi,memory-hotplug-window"))
			continue;
		if (hotsbi_window_has_pmem(child)) {
			dev_info(dev, "%pOF: holds device memory the firmware published (pmem-region), left to of_pmem\n",
				 child);
			continue;
		}
		w = kzalloc(sizeof(*w), GFP_KERNEL);
		if (!w) {
			rc = -ENOMEM;
			goto err_put;
		}
		w->mhp = mhp;
		w->mgid = -1;
		INIT_LIST_HEAD(&w->regions);
		device_initialize(&w->dev);
		w->dev.parent = dev;
		w->dev.release = hotsbi_window_release;
		w->dev.groups = hotsbi_window_groups;
		/* The count first: windows[] is __counted_by(nr_windows). */
		mhp->nr_windows++;
		mhp->windows[mhp->nr_windows - 1] = w;
		rc = hotsbi_window_init(mhp, child, w, max_pfn);
		if (rc)
			goto err_put;
		for (j = 0; j + 1 < mhp->nr_windows; j++) {
			if (mhp->windows[j]->id == w->id) {
				rc = dev_err_probe(dev, -ENODEV,
						   "%pOF: window %u is described twice\n",
						   child, w->id);
				goto err_put;
			}
		}
		rc = dev_set_name(&w->dev, "window%u", w->id);
		if (rc)
			goto err_put;
	}

	if (is_kdump_kernel()) {
		platform_set_drvdata(pdev, mhp);
		return hotsbi_kdump_init(mhp);
	}

	mhp->sysram_name = kstrdup(HOTSBI_SYSRAM_NAME, GFP_KERNEL);
	if (!mhp->sysram_name) {
		rc = -ENOMEM;
		goto err_put;
	}

	for (; nr_ready < mhp->nr_windows; nr_ready++) {
		w = mhp->windows[nr_ready];
		rc = hotsbi_window_reserve(w);
		if (rc)
			goto err_ready;
		w->mgid = memory_group_register_dynamic(w->nid,
							PHYS_PFN(w->block_size));
		if (w->mgid < 0) {
			rc = dev_err_probe(dev, w->mgid,
					   "window %u: no memory group\n", w->id);
			hotsbi_window_unreserve(w);
			goto err_ready;
		}
	}

	for (nr_added = 0; nr_added < mhp->nr_windows; nr_added++) {
		rc = device_add(&mhp->windows[nr_added]->dev);
		if (rc)
			goto err_del;
	}

	mhp->pm_nb.notifier_call = hotsbi_pm_notify;
	rc = register_pm_notifier(&mhp->pm_nb);
	if (rc)
		goto err_del;

	/* From here on the probe cannot fail: nothing added is ever taken back. */
	mutex_lock(&mhp->lock);
	for (i = 0; i < mhp->nr_windows; i++)
		hotsbi_window_adopt(mhp->windows[i]);
	mutex_unlock(&mhp->lock);
	platform_set_drvdata(pdev, mhp);
	return 0;

err_del:
	while (nr_added--)
		device_del(&mhp->windows[nr_added]->dev);
err_ready:
	while (nr_ready--) {
		memory_group_unregister(mhp->windows[nr_ready]->mgid);
		hotsbi_window_unreserve(mhp->windows[nr_ready]);
	}
err_put:
	kfree(mhp->sysram_name);
	for (i = 0; i < mhp->nr_windows; i++)
		put_device(&mhp->windows[i]->dev);
	return rc;
}

static void hotsbi_memhp_remove(struct platform_device *pdev)
{
	struct hotsbi_memhp *mhp = platform_get_drvdata(pdev);
	unsigned int i;

	if (mhp->kdump) {
#ifdef CONFIG_PROC_VMCORE
		unregister_vmcore_cb(&mhp->vmcore_cb);
#endif
	} else {
		unregister_pm_notifier(&mhp->pm_nb);
		/* No sysfs writer may run once the windows are torn down. */
		for (i = 0; i < mhp->nr_windows; i++)
			device_del(&mhp->windows[i]->dev);
		hotsbi_teardown(mhp);
	}
	for (i = 0; i < mhp->nr_windows; i++)
		put_device(&mhp->windows[i]->dev);
}

static const struct of_device_id hotsbi_memhp_of_match[] = {
	{ .compatible = "hotsbi,memory-hotplug" },
	{ }
};
MODULE_DEVICE_TABLE(of, hotsbi_memhp_of_match);

static struct platform_driver hotsbi_memhp_driver = {
	.probe = hotsbi_memhp_probe,
	.remove = hotsbi_memhp_remove,
	.driver = {
		.name = "hotsbi-memhp",
		.of_match_table = hotsbi_memhp_of_match,
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(hotsbi_memhp_driver);

MODULE_DESCRIPTION("Memory hotplug through the HotSBI MEMHP SBI extension");
MODULE_LICENSE("GPL");
