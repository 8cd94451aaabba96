// SPDX-License-Identifier: BSD-2-Clause
/*
 * The device tree handed to the next stage: rebuilt with the firmware's
 * edits in a scratch buffer, then copied where it will live.
 */
#include <libfdt.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_string.h>
#include <sbi_utils/fdt_fixup.h>
#include <sbi_utils/fdt_handoff.h>

static bool range_in_ram(u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < sbi_platform.mem_count; i++) {
		const struct sbi_mem_bank *b = &sbi_platform.mem[i];

		if (base >= b->base && base + size >= base &&
		    base + size - b->base <= b->size)
			return true;
	}
	return false;
}

/* The edited tree is built here, then copied where it will live. */
#define FDT_SCRATCH_SIZE	0x10000
static u8 fdt_scratch[FDT_SCRATCH_SIZE]
	__aligned(8) __attribute__((section(".bss.noclear")));

static bool range_clear(u64 base, u64 size, unsigned long next_addr)
{
	u64 end = base + size;

	if (!range_in_ram(base, size))
		return false;
	if (base < sbi_fw_base + sbi_fw_size && sbi_fw_base < end)
		return false;
	if (base < sbi_platform.initrd_end && sbi_platform.initrd_start < end)
		return false;
	return !(next_addr >= base && next_addr < end);
}

/*
 * Where the tree handed on lives: where it was when it still fits there
 * inside boot RAM, else just below the top of the highest RAM bank (QEMU
 * puts it at the top of RAM, which the emulated card now owns).
 */
static void *fdt_destination(void *fdt, u64 size, unsigned long next_addr)
{
	const struct sbi_mem_bank *top = NULL;
	unsigned int i;
	u64 dst;

	if (range_clear((u64)fdt, size, next_addr))
		return fdt;
	for (i = 0; i < sbi_platform.mem_count; i++)
		if (!top || sbi_platform.mem[i].base + sbi_platform.mem[i].size >
				    top->base + top->size)
			top = &sbi_platform.mem[i];
	if (!top || top->size < size + 0x200000)
		return NULL;
	dst = ROUNDDOWN(top->base + top->size - size, 0x200000);
	return range_clear(dst, size, next_addr) ? (void *)dst : NULL;
}

/* Why fdt_fixup_rebuild() failed, in words (libfdt's table is 700 bytes). */
static const char *fixup_error(int err)
{
	switch (err) {
	case -FDT_ERR_NOSPACE:
		return "the edited tree does not fit its buffer";
	case -FDT_ERR_TRUNCATED:
		return "the memory reservation map runs past the tree";
	case -FDT_ERR_BADSTRUCTURE:
		return "nodes nest too deep or the structure block is corrupt";
	case -FDT_ERR_BADNCELLS:
		return "a memory node's #address-cells or #size-cells is unusable";
	default:
		return "libfdt error";
	}
}

int fdt_handoff(unsigned long *fdt, unsigned long next_addr,
		const char *drop_compat, const char *root_node,
		int (*emit)(struct fdt_out *o))
{
	int size = fdt_fixup_rebuild((void *)*fdt, fdt_scratch,
				     sizeof(fdt_scratch), sbi_fw_base,
				     sbi_fw_size, drop_compat, root_node, emit);
	void *dst;

	if (size < 0) {
		sbi_printf("hotsbi: device tree fixup: %s (%d); stopping\n",
			   fixup_error(size), size);
		return size;
	}
	dst = fdt_destination((void *)*fdt, size, next_addr);
	if (!dst) {
		sbi_printf("hotsbi: device tree: no room for it in boot RAM; stopping\n");
		return -FDT_ERR_NOSPACE;
	}
	memcpy(dst, fdt_scratch, size);
	*fdt = (unsigned long)dst;
	return 0;
}
