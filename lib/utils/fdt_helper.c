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

int fdt_helper_get_reg(const void *fdt, int node, int index, u64 *addr,
		       u64 *size)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac, sc, len;
	const fdt32_t *reg;

	if (parent < 0)
		return -1;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -1;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < (index + 1) * (ac + sc) * 4)
		return -1;
	reg += index * (ac + sc);
	*addr = fdt_helper_read_cells(reg, ac);
	if (size)
		*size = sc ? fdt_helper_read_cells(reg + ac, sc) : 0;
	return 0;
}

bool fdt_helper_node_enabled(const void *fdt, int node)
{
	int len;
	const char *s = fdt_getprop(fdt, node, "status", &len);

	if (!s || len <= 0)
		return true;
	return !strncmp(s, "okay", len) || !strncmp(s, "ok", len);
}

int fdt_helper_find_compatible(const void *fdt, int start,
			       const char *const *compats)
{
	int node;

	for (node = fdt_next_node(fdt, start, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		const char *const *c;

		for (c = compats; *c; c++)
			if (!fdt_node_check_compatible(fdt, node, *c) &&
			    fdt_helper_node_enabled(fdt, node))
				return node;
	}
	return -1;
}

int fdt_helper_get_u32(const void *fdt, int node, const char *name, u32 *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len < 4)
		return -1;
	*v = fdt32_to_cpu(*p);
	return 0;
}

int fdt_helper_get_u64(const void *fdt, int node, const char *name, u64 *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || (len != 4 && len < 8))
		return -1;
	*v = fdt_helper_read_cells(p, len == 4 ? 1 : 2);
	return 0;
}
