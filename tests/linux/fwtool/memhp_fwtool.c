// SPDX-License-Identifier: GPL-2.0-only
/*
 * memhp_fwtool: test-only window on the HotSBI MEMHP firmware state, usable
 * while the hotsbi-memhp driver is not loaded.
 *
 *   /sys/module/memhp_fwtool/parameters/state  (read)
 *	one line per window: "window W plugged N generation G state SSSS",
 *	from GET_ATTR PLUGGED_BLOCKS / GENERATION and READ_STATE (one digit
 *	per block, 0 unplugged, 1 plugged, 2 unavailable)
 *   /sys/module/memhp_fwtool/parameters/plug   (write "W FIRST COUNT")
 *	raw PLUG, without adding anything to Linux: lets the test check that
 *	the driver adopts blocks the firmware already has plugged
 *   /sys/module/memhp_fwtool/parameters/unplug (write "W FIRST COUNT")
 *	raw UNPLUG, so that the driver meets SBI_ERR_ALREADY_STOPPED
 *   /sys/module/memhp_fwtool/parameters/spec   (read) SPEC_VERSION, hex
 *   /sys/module/memhp_fwtool/parameters/claim  (write "START SIZE", "0 0")
 *	holds (or releases) a busy iomem resource "memhp_fwtool claim", so
 *	that the driver finds its window in use by someone else
 *   /sys/module/memhp_fwtool/parameters/iomem  (read)
 *	"FLAGS NAME" of every iomem resource named "hotsbi window N" (the
 *	flags iomem_is_exclusive() reads)
 *   /sys/module/memhp_fwtool/parameters/struct_page_size  (read)
 *	sizeof(struct page): whether a block's memmap fills whole vmemmap
 *	PMD leaves, which memmap_on_memory needs
 *   /sys/module/memhp_fwtool/parameters/dma32  (read)
 *	maps a page above 4 GiB (allocated movable, so from a plugged block
 *	onlined to ZONE_MOVABLE) for a device with a 32-bit DMA mask with
 *	dma_map_single() and says where the device sees it and whether the
 *	data crossed the mapping both ways
 *   /sys/module/memhp_fwtool/parameters/inject (write "FID N MODE", "off")
 *	makes the next N MEMHP calls of function FID, from anyone, look as a
 *	broken firmware would answer them (a kretprobe on __sbi_ecall alters
 *	the call and what it returned, the firmware is not touched): MODE "short"
 *	returns one less than the firmware's value (READ_STATE writing fewer
 *	bytes than asked), "fail" returns SBI_ERR_FAILED, "denied"
 *	SBI_ERR_DENIED (a PLUG of a block the firmware took away)
 */
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <asm/sbi.h>

#define MEMHP_EID	0x09000000
#define MAX_BLOCKS	256

static long memhp(int fid, unsigned long a0, unsigned long a1,
		  unsigned long a2, unsigned long a3, long *value)
{
	struct sbiret ret = sbi_ecall(MEMHP_EID, fid, a0, a1, a2, a3, 0, 0);

	if (value)
		*value = ret.value;
	return ret.error;
}

static int state_get(char *buf, const struct kernel_param *kp)
{
	long nr, w, plugged, gen, nblocks, bsize, size, i, err;
	int len = 0;
	u8 *st;

	if (sbi_probe_extension(MEMHP_EID) <= 0)
		return sysfs_emit(buf, "no MEMHP extension\n");
	if (memhp(0, 1, 0, 0, 0, &nr))
		return -EIO;
	st = kmalloc(MAX_BLOCKS, GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	for (w = 0; w < nr; w++) {
		if (memhp(0, 8, w, 0, 0, &plugged) || memhp(0, 9, w, 0, 0, &gen) ||
		    memhp(0, 4, w, 0, 0, &size) || memhp(0, 5, w, 0, 0, &bsize)) {
			len = -EIO;
			break;
		}
		nblocks = min(size / bsize, (long)MAX_BLOCKS);
		err = memhp(4, w, 0, nblocks, virt_to_phys(st), NULL);
		len += sysfs_emit_at(buf, len, "window %ld plugged %ld generation %ld state ",
				     w, plugged, gen);
		for (i = 0; i < nblocks; i++)
			len += sysfs_emit_at(buf, len, "%c", err ? '?' : '0' + st[i]);
		len += sysfs_emit_at(buf, len, "\n");
	}
	kfree(st);
	return len;
}

static int plug_set(const char *val, const struct kernel_param *kp)
{
	unsigned long w, first, count;
	long err;

	if (sscanf(val, "%lu %lu %lu", &w, &first, &count) != 3)
		return -EINVAL;
	err = memhp(1, w, first, count, 0, NULL);
	pr_info("memhp_fwtool: raw PLUG window %lu blocks %lu+%lu: SBI error %ld\n",
		w, first, count, err);
	return err ? -EIO : 0;
}

static int unplug_set(const char *val, const struct kernel_param *kp)
{
	unsigned long w, first, count;
	long err;

	if (sscanf(val, "%lu %lu %lu", &w, &first, &count) != 3)
		return -EINVAL;
	err = memhp(2, w, first, count, 0, NULL);
	pr_info("memhp_fwtool: raw UNPLUG window %lu blocks %lu+%lu: SBI error %ld\n",
		w, first, count, err);
	return err ? -EIO : 0;
}

static int spec_get(char *buf, const struct kernel_param *kp)
{
	long version;

	if (memhp(0, 0, 0, 0, 0, &version))
		return -EIO;
	return sysfs_emit(buf, "%#lx\n", version);
}

static struct resource *claimed;

static int claim_set(const char *val, const struct kernel_param *kp)
{
	unsigned long long start, size;

	if (sscanf(val, "%llx %llx", &start, &size) != 2)
		return -EINVAL;
	if (claimed) {
		release_mem_region(claimed->start, resource_size(claimed));
		claimed = NULL;
	}
	if (!size)
		return 0;
	claimed = request_mem_region(start, size, "memhp_fwtool claim");
	return claimed ? 0 : -EBUSY;
}

static int iomem_get(char *buf, const struct kernel_param *kp)
{
	struct resource *p = iomem_resource.child, *c;
	int len = 0;

	/* Test only: two levels, no resource_lock (not exported). */
	for (; p; p = p->sibling) {
		for (c = p; c; c = c == p ? p->child : c->sibling)
			if (c->name && !strncmp(c->name, "hotsbi window", 13))
				len += sysfs_emit_at(buf, len, "%#lx %s\n",
						     c->flags, c->name);
	}
	return len;
}

static int struct_page_size_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%zu\n", sizeof(struct page));
}

static u8 dma32_byte(unsigned int i, bool from_device)
{
	return from_device ? i * 13 + 5 : i * 7 + 1;
}

static int dma32_get(char *buf, const struct kernel_param *kp)
{
	struct platform_device *pdev;
	bool to_dev = true, from_dev = true;
	struct page *page;
	phys_addr_t phys;
	dma_addr_t dma;
	u8 *va, *seen;
	unsigned int i;
	int len;

	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!page)
		return -ENOMEM;
	phys = page_to_phys(page);
	if (phys < SZ_4G) {
		len = sysfs_emit(buf, "dma32: page %pa is below 4 GiB\n", &phys);
		goto out_free;
	}
	pdev = platform_device_register_simple("memhp_fwtool_dma32",
					       PLATFORM_DEVID_NONE, NULL, 0);
	if (IS_ERR(pdev)) {
		len = PTR_ERR(pdev);
		goto out_free;
	}
	len = dma_coerce_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	if (len)
		goto out_unregister;

	va = page_address(page);
	for (i = 0; i < PAGE_SIZE; i++)
		va[i] = dma32_byte(i, false);
	dma = dma_map_single(&pdev->dev, va, PAGE_SIZE, DMA_BIDIRECTIONAL);
	if (dma_mapping_error(&pdev->dev, dma)) {
		len = sysfs_emit(buf, "dma32: page %pa: dma_map_single() failed\n",
				 &phys);
		goto out_unregister;
	}
	/* What the device reads there, then writes (no IOMMU) */
	seen = phys_to_virt(dma_to_phys(&pdev->dev, dma));
	for (i = 0; i < PAGE_SIZE; i++) {
		to_dev &= seen[i] == dma32_byte(i, false);
		seen[i] = dma32_byte(i, true);
	}
	dma_unmap_single(&pdev->dev, dma, PAGE_SIZE, DMA_BIDIRECTIONAL);
	for (i = 0; i < PAGE_SIZE; i++)
		from_dev &= va[i] == dma32_byte(i, true);
	len = sysfs_emit(buf, "dma32: page %pa, DMA address %pad (%s 4 GiB), to-device %s, from-device %s\n",
			 &phys, &dma, dma < SZ_4G ? "below" : "not below",
			 to_dev ? "ok" : "wrong", from_dev ? "ok" : "wrong");
out_unregister:
	platform_device_unregister(pdev);
out_free:
	__free_page(page);
	return len;
}

/* ---------------------------------------------------------- inject */

static struct {
	int fid;
	long error;	/* 0: "short" */
	atomic_t left;
	bool registered;
} inject;
static DEFINE_MUTEX(inject_lock);

/* Entry: is this a MEMHP call of the function being injected? */
static int inject_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	bool *hit = (bool *)ri->data;

	/* __sbi_ecall(arg0..arg5, fid, ext): fid in a6, ext in a7 */
	*hit = regs->a7 == MEMHP_EID && (int)regs->a6 == inject.fid &&
	       atomic_dec_if_positive(&inject.left) >= 0;
	/*
	 * A refused call changes nothing in the firmware: make it a harmless
	 * GET_ATTR SPEC_VERSION instead, whose answer inject_ret() replaces.
	 */
	if (*hit && inject.error) {
		regs->a6 = 0;
		regs->a0 = 0;
		regs->a1 = 0;
	}
	return 0;
}

/* Return: struct sbiret comes back in a0 (error) and a1 (value). */
static int inject_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (!*(bool *)ri->data)
		return 0;
	if (inject.error) {
		regs->a0 = inject.error;
		regs->a1 = 0;
	} else if (!regs->a0 && regs->a1) {
		regs->a1--;
	}
	return 0;
}

static struct kretprobe inject_probe = {
	.kp.symbol_name = "__sbi_ecall",
	.entry_handler = inject_entry,
	.handler = inject_ret,
	.data_size = sizeof(bool),
	.maxactive = 16,
};

static void inject_off(void)
{
	if (inject.registered)
		unregister_kretprobe(&inject_probe);
	inject.registered = false;
	atomic_set(&inject.left, 0);
}

/* The modes of inject and the SBI error each returns (0: one less). */
static const struct {
	const char *name;
	long error;
} inject_modes[] = {
	{ "short", 0 },
	{ "fail", SBI_ERR_FAILURE },
	{ "denied", SBI_ERR_DENIED },
};

static int inject_set(const char *val, const struct kernel_param *kp)
{
	char mode[8];
	int fid, n, m = ARRAY_SIZE(inject_modes), rc = 0;

	mutex_lock(&inject_lock);
	inject_off();
	if (sysfs_streq(val, "off"))
		goto out;
	if (sscanf(val, "%d %d %7s", &fid, &n, mode) == 3 && n >= 1)
		for (m = 0; m < ARRAY_SIZE(inject_modes); m++)
			if (!strcmp(mode, inject_modes[m].name))
				break;
	if (m == ARRAY_SIZE(inject_modes)) {
		rc = -EINVAL;
		goto out;
	}
	inject.fid = fid;
	inject.error = inject_modes[m].error;
	atomic_set(&inject.left, n);
	/* A probe registered before keeps its address: register by name. */
	inject_probe.kp.addr = NULL;
	inject_probe.kp.flags = 0;
	rc = register_kretprobe(&inject_probe);
	inject.registered = !rc;
	if (!rc)
		pr_info("inject: the next %d MEMHP calls of function %d: %s\n",
			n, fid, mode);
out:
	mutex_unlock(&inject_lock);
	return rc;
}

static const struct kernel_param_ops state_ops = { .get = state_get };
static const struct kernel_param_ops plug_ops = { .set = plug_set };
static const struct kernel_param_ops unplug_ops = { .set = unplug_set };
static const struct kernel_param_ops spec_ops = { .get = spec_get };
static const struct kernel_param_ops claim_ops = { .set = claim_set };
static const struct kernel_param_ops iomem_ops = { .get = iomem_get };
static const struct kernel_param_ops struct_page_size_ops = {
	.get = struct_page_size_get,
};
static const struct kernel_param_ops dma32_ops = { .get = dma32_get };
static const struct kernel_param_ops inject_ops = { .set = inject_set };
module_param_cb(state, &state_ops, NULL, 0444);
module_param_cb(plug, &plug_ops, NULL, 0200);
module_param_cb(unplug, &unplug_ops, NULL, 0200);
module_param_cb(spec, &spec_ops, NULL, 0444);
module_param_cb(claim, &claim_ops, NULL, 0200);
module_param_cb(iomem, &iomem_ops, NULL, 0444);
module_param_cb(struct_page_size, &struct_page_size_ops, NULL, 0444);
module_param_cb(dma32, &dma32_ops, NULL, 0400);
module_param_cb(inject, &inject_ops, NULL, 0200);

static void __exit fwtool_exit(void)
{
	inject_off();
	if (claimed)
		release_mem_region(claimed->start, resource_size(claimed));
}
module_exit(fwtool_exit);

MODULE_DESCRIPTION("HotSBI MEMHP firmware state for tests");
MODULE_LICENSE("GPL");
