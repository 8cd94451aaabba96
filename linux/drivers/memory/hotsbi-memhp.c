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
 * Locking: hotsbi_memhp.lock serializes all plugging and unplugging and is
 * held across add_memory_driver_managed() and offline_and_remove_memory(),
 * which take the device hotplug lock themselves. The driver registers no
 * memory notifier, so nothing takes the driver's lock with the device hotplug
 * lock held.
 */

#include <linux/bitmap.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/range.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include <asm/sbi.h>

/* EID: the SBI vendor range, 0x09000000 | (mvendorid & 0xffffff) */
#define HOTSBI_MEMHP_EID_BASE		0x09000000UL
#define HOTSBI_MEMHP_EID_VENDOR_MASK	0x00ffffffUL
#define HOTSBI_MEMHP_VERSION_MAJOR	1

/* Function IDs */
#define HOTSBI_MEMHP_GET_ATTR		0
#define HOTSBI_MEMHP_PLUG		1
#define HOTSBI_MEMHP_UNPLUG		2
#define HOTSBI_MEMHP_BLOCK_STATE	3
#define HOTSBI_MEMHP_READ_STATE		4

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

/* Firmware blocks read per READ_STATE call (one byte each) */
#define HOTSBI_READ_STATE_CHUNK		PAGE_SIZE

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
 * @requested_size: size last requested through sysfs
 * @plugged: blocks plugged in the firmware and added to Linux by the driver
 * @unusable: blocks the driver leaves alone (unavailable, or found in a state
 *	it cannot take over)
 * @res: non-busy resource covering the window, parent of the added memory
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
	u64 requested_size;
	unsigned long *plugged;
	unsigned long *unusable;
	struct resource *res;
};

/**
 * struct hotsbi_memhp - driver instance, one per "hotsbi,memory-hotplug" node
 * @dev: the platform device
 * @lock: serializes plugging, adding, removing and unplugging
 * @eid: SBI extension ID of MEMHP
 * @fw_nr_windows: NUM_WINDOWS of the firmware
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

/* PLUG or UNPLUG every firmware block of driver block @idx. */
static long hotsbi_fw_set(struct hotsbi_window *w, unsigned long idx, bool plug)
{
	return hotsbi_call(w->mhp, plug ? HOTSBI_MEMHP_PLUG : HOTSBI_MEMHP_UNPLUG,
			   w->id, idx * w->fw_per_block, w->fw_per_block, 0, NULL);
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
 * Return: 0 or a negative errno.
 */
static int hotsbi_fw_scan(struct hotsbi_window *w, unsigned long *any,
			  unsigned long *all, unsigned long *unavail)
{
	unsigned long nr_fw = w->nr_blocks * w->fw_per_block;
	unsigned long first, i, n, idx;
	u64 written;
	long err = 0;
	u8 *buf;

	buf = kmalloc(HOTSBI_READ_STATE_CHUNK, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	bitmap_zero(any, w->nr_blocks);
	bitmap_fill(all, w->nr_blocks);
	bitmap_zero(unavail, w->nr_blocks);
	for (first = 0; first < nr_fw; first += n) {
		n = min_t(unsigned long, nr_fw - first, HOTSBI_READ_STATE_CHUNK);
		err = hotsbi_call(w->mhp, HOTSBI_MEMHP_READ_STATE, w->id, first,
				  n, virt_to_phys(buf), &written);
		if (!err && written != n)
			err = SBI_ERR_FAILURE;
		if (err)
			break;
		for (i = 0; i < n; i++) {
			idx = (first + i) / w->fw_per_block;
			if (buf[i] == HOTSBI_BLOCK_PLUGGED) {
				__set_bit(idx, any);
				continue;
			}
			__clear_bit(idx, all);
			if (buf[i] != HOTSBI_BLOCK_UNPLUGGED)
				__set_bit(idx, unavail);
		}
	}
	kfree(buf);
	if (err) {
		dev_err(w->mhp->dev, "window %u: READ_STATE failed: SBI error %ld\n",
			w->id, err);
		return hotsbi_errno(err);
	}
	return 0;
}

static u64 hotsbi_block_addr(const struct hotsbi_window *w, unsigned long idx)
{
	return w->start + (u64)idx * w->block_size;
}

/* Add block @idx, plugged in the firmware, to Linux as the driver's memory. */
static int hotsbi_add_memory(struct hotsbi_window *w, unsigned long idx)
{
	int rc;

	rc = add_memory_driver_managed(w->nid, hotsbi_block_addr(w, idx),
				       w->block_size, w->mhp->sysram_name,
				       MHP_MERGE_RESOURCE);
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
	err = hotsbi_fw_set(w, idx, false);
	if (err) {
		dev_err(mhp->dev, "window %u: UNPLUG of block %lu failed: SBI error %ld\n",
			w->id, idx, err);
		__set_bit(idx, w->unusable);
	}
	return rc;
}

/* Plug block @idx in the firmware, then add it to Linux. */
static int hotsbi_plug_block(struct hotsbi_window *w, unsigned long idx)
{
	long err;

	lockdep_assert_held(&w->mhp->lock);
	err = hotsbi_fw_set(w, idx, true);
	if (err) {
		dev_dbg(w->mhp->dev, "window %u: PLUG of block %lu failed: SBI error %ld\n",
			w->id, idx, err);
		return hotsbi_errno(err);
	}
	return hotsbi_add_block(w, idx);
}

/*
 * Offline and remove block @idx from Linux, then unplug it in the firmware.
 * Busy memory (offlining failed, or was interrupted by a signal while pages
 * would not migrate) stays plugged and added: -EBUSY.
 *
 * The firmware refuses an UNPLUG with SBI_ERR_FAILURE when the blocks left
 * plugged would not fit its PMP entries (a hole in the middle of a plugged
 * run can need more entries). The block is then still plugged and usable,
 * so it is added back, as a fresh plug adds it: -ENOSPC, nothing is lost.
 */
static int hotsbi_unplug_block(struct hotsbi_window *w, unsigned long idx)
{
	struct hotsbi_memhp *mhp = w->mhp;
	long err;
	int rc;

	lockdep_assert_held(&mhp->lock);
	rc = offline_and_remove_memory(hotsbi_block_addr(w, idx), w->block_size);
	if (rc) {
		dev_dbg(mhp->dev, "window %u: block %lu stays: offline_and_remove_memory() returned %d\n",
			w->id, idx, rc);
		return rc == -ENOMEM ? -ENOMEM : -EBUSY;
	}
	__clear_bit(idx, w->plugged);
	err = hotsbi_fw_set(w, idx, false);
	if (!err)
		return 0;
	if (err == SBI_ERR_FAILURE) {
		dev_info(mhp->dev, "window %u: UNPLUG of block %lu refused: the blocks left plugged would not fit the firmware's PMP; adding it back\n",
			 w->id, idx);
		rc = hotsbi_add_memory(w, idx);
		if (!rc)
			return -ENOSPC;
		dev_err(mhp->dev, "window %u: adding block %lu back failed: %d\n",
			w->id, idx, rc);
	} else {
		dev_err(mhp->dev, "window %u: UNPLUG of block %lu failed: SBI error %ld\n",
			w->id, idx, err);
	}
	/* Linux no longer uses it, but the firmware keeps it open. */
	__set_bit(idx, w->unusable);
	return hotsbi_errno(err);
}

/*
 * Shrink by one block: the highest plugged block, or when the firmware
 * refuses it for its PMP (-ENOSPC, the block is back), the next lower one
 * it accepts. Any other error ends the search.
 */
static int hotsbi_unplug_one(struct hotsbi_window *w)
{
	unsigned long idx;
	int rc = -ENOSPC;

	for (idx = w->nr_blocks; idx-- > 0;) {
		if (!test_bit(idx, w->plugged))
			continue;
		if (fatal_signal_pending(current))
			return -EINTR;
		rc = hotsbi_unplug_block(w, idx);
		if (rc != -ENOSPC)
			return rc;
	}
	return rc;
}

static unsigned long hotsbi_nr_plugged(const struct hotsbi_window *w)
{
	return bitmap_weight(w->plugged, w->nr_blocks);
}

/*
 * Grow to @target blocks by plugging and adding the lowest free blocks first
 * (so memory is added in ascending order), shrink by removing and unplugging
 * the highest blocks first.
 */
static int hotsbi_resize(struct hotsbi_window *w, unsigned long target)
{
	unsigned long nr = hotsbi_nr_plugged(w);
	unsigned long idx;
	int rc;

	if (target > w->nr_blocks - bitmap_weight(w->unusable, w->nr_blocks))
		return -ENOSPC;
	while (nr < target) {
		if (fatal_signal_pending(current))
			return -EINTR;
		for_each_clear_bit(idx, w->plugged, w->nr_blocks)
			if (!test_bit(idx, w->unusable))
				break;
		if (idx >= w->nr_blocks)
			return -ENOSPC;
		rc = hotsbi_plug_block(w, idx);
		if (rc)
			return rc;
		nr++;
	}
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

	return sysfs_emit(buf, "%llu\n", hotsbi_nr_plugged(w) * w->block_size);
}
static DEVICE_ATTR_RO(plugged_size);

static ssize_t plugged_blocks_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);

	return sysfs_emit(buf, "%*pbl\n", (int)w->nr_blocks, w->plugged);
}
static DEVICE_ATTR_RO(plugged_blocks);

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
		rc = hotsbi_fw_scan(w, any, all, unavail);
	if (!rc)
		rc = sysfs_emit(buf, "%*pbl\n", (int)w->nr_blocks, any);
	bitmap_free(unavail);
	bitmap_free(all);
	bitmap_free(any);
	return rc;
}
static DEVICE_ATTR_RO(fw_plugged_blocks);

static ssize_t requested_size_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  READ_ONCE(to_hotsbi_window(dev)->requested_size));
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
	WRITE_ONCE(w->requested_size, size);
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
	if (test_bit(idx, w->unusable))
		rc = -EPERM;
	else if (test_bit(idx, w->plugged) == plug)
		rc = plug ? -EEXIST : -ENOENT;
	else if (plug)
		rc = hotsbi_plug_block(w, idx);
	else
		rc = hotsbi_unplug_block(w, idx);
	if (!rc)
		WRITE_ONCE(w->requested_size, hotsbi_nr_plugged(w) * w->block_size);
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

static struct attribute *hotsbi_window_attrs[] = {
	&dev_attr_start.attr,
	&dev_attr_size.attr,
	&dev_attr_block_size.attr,
	&dev_attr_requested_size.attr,
	&dev_attr_plugged_size.attr,
	&dev_attr_plugged_blocks.attr,
	&dev_attr_fw_plugged_blocks.attr,
	&dev_attr_plug_block.attr,
	&dev_attr_unplug_block.attr,
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
	if (of_property_read_u64(np, "max-possible-pfn", &dt_max_pfn) ||
	    dt_max_pfn != *max_pfn)
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: max-possible-pfn differs from the firmware's MAX_PFN %#llx\n",
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
	    of_property_read_u64(np, "block-size", &bsize))
		return dev_err_probe(dev, -ENODEV,
				     "%pOF: hotsbi,window-id, reg or block-size missing\n",
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
 * Reserve the window as a non-busy resource: it shows in /proc/iomem and
 * keeps other drivers away, while add_memory_driver_managed() can still
 * request the blocks inside it. Not fatal: memory left added by an earlier
 * instance of the driver makes the reservation fail.
 */
static void hotsbi_window_reserve(struct hotsbi_window *w)
{
	struct resource *res;
	char *name;

	name = kasprintf(GFP_KERNEL, "hotsbi window %u", w->id);
	if (!name)
		return;
	res = request_mem_region(w->start, w->size, name);
	if (!res) {
		dev_info(w->mhp->dev, "window %u: range busy, not reserved\n",
			 w->id);
		kfree(name);
		return;
	}
	res->flags &= ~IORESOURCE_BUSY;
	w->res = res;
}

/* Drop the reservation; memory still added moves up to the parent. */
static void hotsbi_window_unreserve(struct hotsbi_window *w)
{
	const char *name;

	if (!w->res)
		return;
	name = w->res->name;
	if (hotsbi_nr_plugged(w))
		remove_resource(w->res);
	else
		release_resource(w->res);
	kfree(w->res);
	kfree(name);
	w->res = NULL;
}

/*
 * Take over what the firmware reports plugged (driver reload, kexec): add
 * plugged blocks that Linux does not have yet (ascending), adopt those it
 * already has, unplug partly plugged ones, and leave alone what cannot be
 * sorted out.
 */
static int hotsbi_window_adopt(struct hotsbi_window *w)
{
	struct device *dev = w->mhp->dev;
	unsigned long *any, *all, *unavail;
	unsigned long idx, j, present = 0, added = 0;
	u64 addr, state;
	int rc, ram;

	any = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	all = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	unavail = bitmap_zalloc(w->nr_blocks, GFP_KERNEL);
	rc = -ENOMEM;
	if (any && all && unavail)
		rc = hotsbi_fw_scan(w, any, all, unavail);
	if (rc)
		goto out;

	for (idx = 0; idx < w->nr_blocks; idx++) {
		addr = hotsbi_block_addr(w, idx);
		ram = region_intersects(addr, w->block_size,
					IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE);
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
			for (j = idx * w->fw_per_block;
			     j < (idx + 1) * w->fw_per_block; j++)
				if (!hotsbi_call(w->mhp, HOTSBI_MEMHP_BLOCK_STATE,
						 w->id, j, 0, 0, &state) &&
				    state == HOTSBI_BLOCK_PLUGGED &&
				    hotsbi_call(w->mhp, HOTSBI_MEMHP_UNPLUG,
						w->id, j, 1, 0, NULL))
					__set_bit(idx, w->unusable);
		} else if (ram != REGION_DISJOINT) {
			dev_warn(dev, "window %u: block %lu is partly or wrongly in use by Linux, leaving it alone\n",
				 w->id, idx);
			__set_bit(idx, w->unusable);
		}
	}
	w->requested_size = hotsbi_nr_plugged(w) * w->block_size;
	dev_info(dev, "window %u: %#llx-%#llx, %lu blocks of %llu MiB, node %d, %lu plugged at probe (%lu added, %lu already present)\n",
		 w->id, w->start, w->start + w->size - 1, w->nr_blocks,
		 w->block_size >> 20, w->nid, present + added, added, present);
out:
	bitmap_free(unavail);
	bitmap_free(all);
	bitmap_free(any);
	return rc;
}

static void hotsbi_window_release(struct device *dev)
{
	struct hotsbi_window *w = to_hotsbi_window(dev);

	bitmap_free(w->unusable);
	bitmap_free(w->plugged);
	kfree(w);
}

/*
 * Remove and unplug everything, highest blocks first, again while a pass
 * removes some and the firmware refused some for its PMP. Memory that does
 * not go (busy, and rmmod interrupted) stays plugged and added; the
 * resource name it points to is then kept, and loading the driver again
 * adopts it.
 */
static void hotsbi_teardown(struct hotsbi_memhp *mhp, unsigned int nr_windows)
{
	unsigned long idx, left = 0;
	bool progress, refused;
	struct hotsbi_window *w;
	unsigned int i;
	int rc;

	mutex_lock(&mhp->lock);
	for (i = 0; i < nr_windows; i++) {
		w = mhp->windows[i];
		/* A block refused for the PMP may go once others have gone. */
		do {
			progress = false;
			refused = false;
			for (idx = w->nr_blocks; idx-- > 0;) {
				if (!test_bit(idx, w->plugged))
					continue;
				rc = hotsbi_unplug_block(w, idx);
				progress |= !rc;
				refused |= rc == -ENOSPC;
			}
		} while (refused && progress);
		if (hotsbi_nr_plugged(w)) {
			dev_warn(mhp->dev, "window %u: blocks %*pbl (busy, or refused by the firmware) stay plugged and added until the driver is loaded again\n",
				 w->id, (int)w->nr_blocks, w->plugged);
			left += hotsbi_nr_plugged(w);
		}
		hotsbi_window_unreserve(w);
	}
	mutex_unlock(&mhp->lock);
	if (!left)
		kfree(mhp->sysram_name);
	mhp->sysram_name = NULL;
}

static int hotsbi_memhp_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	unsigned int nr_nodes = 0, nr_added, i, j;
	struct hotsbi_memhp *mhp;
	struct hotsbi_window *w;
	u64 max_pfn;
	int rc;

	/*
	 * riscv maps the memmap with PMD leaves and vmemmap_free() frees a
	 * leaf whole (6.12): unless the memmap of a section fills whole leaves,
	 * removing a block unmaps the struct pages of its neighbour.
	 */
	if (!IS_ALIGNED(PAGES_PER_SECTION * sizeof(struct page), PMD_SIZE))
		return dev_err_probe(dev, -ENODEV,
				     "%zu-byte struct page: removing memory would free vmemmap shared with other memory\n",
				     sizeof(struct page));

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
		w = kzalloc(sizeof(*w), GFP_KERNEL);
		if (!w) {
			rc = -ENOMEM;
			goto err_put;
		}
		w->mhp = mhp;
		device_initialize(&w->dev);
		w->dev.parent = dev;
		w->dev.release = hotsbi_window_release;
		w->dev.groups = hotsbi_window_groups;
		mhp->windows[mhp->nr_windows++] = w;
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

	mhp->sysram_name = kstrdup("System RAM (hotsbi)", GFP_KERNEL);
	if (!mhp->sysram_name) {
		rc = -ENOMEM;
		goto err_put;
	}

	mutex_lock(&mhp->lock);
	for (i = 0; i < mhp->nr_windows; i++) {
		hotsbi_window_reserve(mhp->windows[i]);
		rc = hotsbi_window_adopt(mhp->windows[i]);
		if (rc)
			break;
	}
	mutex_unlock(&mhp->lock);
	if (rc)
		goto err_teardown;

	for (nr_added = 0; nr_added < mhp->nr_windows; nr_added++) {
		rc = device_add(&mhp->windows[nr_added]->dev);
		if (rc)
			goto err_del;
	}
	platform_set_drvdata(pdev, mhp);
	return 0;

err_del:
	while (nr_added--)
		device_del(&mhp->windows[nr_added]->dev);
err_teardown:
	hotsbi_teardown(mhp, mhp->nr_windows);
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

	/* No sysfs writer may run once the windows are torn down. */
	for (i = 0; i < mhp->nr_windows; i++)
		device_del(&mhp->windows[i]->dev);
	hotsbi_teardown(mhp, mhp->nr_windows);
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
