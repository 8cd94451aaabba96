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
 */
#include <linux/io.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
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

static const struct kernel_param_ops state_ops = { .get = state_get };
static const struct kernel_param_ops plug_ops = { .set = plug_set };
module_param_cb(state, &state_ops, NULL, 0444);
module_param_cb(plug, &plug_ops, NULL, 0200);

MODULE_DESCRIPTION("HotSBI MEMHP firmware state for tests");
MODULE_LICENSE("GPL");
