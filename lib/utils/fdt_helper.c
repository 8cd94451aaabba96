// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree reading helpers: validation of an untrusted tree before
 * use, and typed access to the properties the firmware reads.
 */
#include <libfdt.h>
#include <sbi/riscv_asm.h>
#include <sbi/sbi_string.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/fdt_walk.h>

const char *fdt_helper_validate(const void *fdt)
{
	const char *why;
	u32 word, size;

	if (!fdt)
		return "no device tree was passed (a1 = 0)";
	if ((unsigned long)fdt & 7)
		return "device tree address is not 8-byte aligned";
	if (!sbi_probe_load32(fdt, &word))
		return "device tree address is not readable memory";
	if (fdt32_to_cpu(word) != FDT_MAGIC)
		return "bad device tree magic";
	if (!sbi_probe_load32((const char *)fdt + 4, &size))
		return "device tree header is not readable";
	size = fdt32_to_cpu(size);
	if (size < sizeof(struct fdt_header) || size > FDT_HELPER_MAX_SIZE)
		return "device tree size is absurd";
	if (!sbi_probe_load32((const char *)fdt + ROUNDDOWN(size - 4, 4), NULL) ||
	    !sbi_probe_load8((const char *)fdt + size - 1))
		return "device tree extends past readable memory";
	if (fdt_check_header(fdt))
		return "bad device tree header (version or block offsets)";
	/* Version 17 is the first to give the structure block's size. */
	if (fdt_version(fdt) < 17)
		return "device tree version below 17";
	if ((fdt_off_dt_struct(fdt) | fdt_size_dt_struct(fdt)) & 3 ||
	    fdt_off_mem_rsvmap(fdt) & 7)
		return "device tree blocks are misaligned";
	if (fdt_num_mem_rsv(fdt) < 0)
		return "device tree reservation map is not terminated";

	why = fdtw_check(fdt);
	if (why)
		return why;
	return NULL;
}

u64 fdt_helper_read_cells(const void *p, int cells)
{
	const fdt32_t *c = p;
	u64 v = 0;
	int i;

	for (i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(c[i]);
	return v;
}
