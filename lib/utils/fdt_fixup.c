// SPDX-License-Identifier: BSD-2-Clause
/*
 * Edits to the device tree passed to the next stage: room to grow, the
 * firmware's reserved memory, harts S-mode cannot use.
 */
#include <libfdt.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_console.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/fdt_fixup.h>

int fdt_fixup_reserve_firmware(void *fdt, u64 base, u64 size)
{
	int root_ac = fdt_address_cells(fdt, 0);
	int root_sc = fdt_size_cells(fdt, 0);
	int parent, node, rc, ac, sc;
	char name[48];
	fdt32_t reg[4];

	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0) {
		parent = fdt_add_subnode(fdt, 0, "reserved-memory");
		if (parent < 0)
			return parent;
		rc = fdt_setprop_u32(fdt, parent, "#address-cells", root_ac);
		rc = rc ?: fdt_setprop_u32(fdt, parent, "#size-cells", root_sc);
		rc = rc ?: fdt_setprop(fdt, parent, "ranges", NULL, 0);
		if (rc)
			return rc;
	}
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;

	sbi_snprintf(name, sizeof(name), "hotsbi@%lx", (unsigned long)base);
	node = fdt_add_subnode(fdt, parent, name);
	if (node < 0)
		return node;
	if (ac == 2) {
		reg[0] = cpu_to_fdt32(base >> 32);
		reg[1] = cpu_to_fdt32((u32)base);
	} else {
		reg[0] = cpu_to_fdt32((u32)base);
	}
	if (sc == 2) {
		reg[ac] = cpu_to_fdt32(size >> 32);
		reg[ac + 1] = cpu_to_fdt32((u32)size);
	} else {
		reg[ac] = cpu_to_fdt32((u32)size);
	}
	rc = fdt_setprop(fdt, node, "reg", reg, (ac + sc) * 4);
	return rc ?: fdt_setprop(fdt, node, "no-map", NULL, 0);
}

int fdt_fixup_cpus(void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int cpu, rc;

	if (cpus < 0)
		return 0;
	fdt_for_each_subnode(cpu, fdt, cpus) {
		struct sbi_hart *h;
		u64 hartid;

		if (fdt_helper_get_reg(fdt, cpu, 0, &hartid, NULL))
			continue;
		h = sbi_hart_by_id(hartid);
		if (h && h->s_capable)
			continue;
		if (!fdt_helper_node_enabled(fdt, cpu))
			continue;
		rc = fdt_setprop_string(fdt, cpu, "status", "disabled");
		if (rc)
			return rc;
	}
	return 0;
}
