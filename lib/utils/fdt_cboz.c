// SPDX-License-Identifier: BSD-2-Clause
/*
 * Zicboz from the device tree: the harts whose /cpus node names the
 * extension (riscv,isa-extensions or riscv,isa) and a usable
 * riscv,cboz-block-size get that block size, which the scrub uses.
 */
#include <libfdt.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_string.h>
#include <sbi_utils/fdt_cboz.h>
#include <sbi_utils/fdt_walk.h>

#define CBOZ_BLOCK_MIN	8
#define CBOZ_BLOCK_MAX	4096

/* Zicboz among the extensions of cpu node @node. */
static bool cpu_has_zicboz(const void *fdt, int node)
{
	const char *isa;
	int len, i;

	isa = fdtw_getprop(fdt, node, "riscv,isa-extensions", &len);
	if (isa && fdtw_stringlist_has(isa, len, "zicboz"))
		return true;
	isa = fdtw_getprop(fdt, node, "riscv,isa", &len);
	/* Multi-letter extensions each follow an underscore. */
	for (i = 0; isa && i + 7 <= len; i++)
		if (isa[i] == '_' && !strncmp(isa + i + 1, "zicboz", 6) &&
		    (i + 7 == len || isa[i + 7] == '_' || !isa[i + 7]))
			return true;
	return false;
}

/*
 * Whether a property of @fdt can be named @name: its strings block holds
 * it (dtc shares string tails, so any match that ends with the NUL).
 * Much cheaper than finding /cpus when no cpu names a block size.
 */
static bool fdt_has_prop_name(const void *fdt, const char *name)
{
	const char *s = (const char *)fdt + fdt_off_dt_strings(fdt);
	unsigned long n = fdt_size_dt_strings(fdt), len = strlen(name) + 1;
	unsigned long i;

	for (i = 0; i + len <= n; i++)
		if (s[i] == name[0] && !memcmp(s + i, name, len))
			return true;
	return false;
}

void fdt_cboz_probe(const void *fdt)
{
	const fdt32_t *ac, *reg, *bs;
	int cpus, node, depth = 0, len;
	unsigned long hartid, size;
	struct sbi_hart *h;
	int cells = 1;

	if (!fdt_has_prop_name(fdt, "riscv,cboz-block-size"))
		return;
	cpus = fdtw_path(fdt, "/cpus");
	if (cpus < 0)
		return;
	ac = fdtw_getprop(fdt, cpus, "#address-cells", &len);
	if (ac && len == 4)
		cells = fdt32_to_cpu(*ac);
	for (node = fdtw_next_node(fdt, cpus, &depth); node >= 0 && depth > 0;
	     node = fdtw_next_node(fdt, node, &depth)) {
		if (depth != 1)
			continue;
		bs = fdtw_getprop(fdt, node, "riscv,cboz-block-size", &len);
		if (!bs || len != 4)
			continue;
		size = fdt32_to_cpu(*bs);
		reg = fdtw_getprop(fdt, node, "reg", &len);
		if (!reg || cells < 1 || cells > 2 || len < 4 * cells ||
		    size & (size - 1) || size < CBOZ_BLOCK_MIN ||
		    size > CBOZ_BLOCK_MAX || !cpu_has_zicboz(fdt, node))
			continue;
		hartid = fdt32_to_cpu(reg[0]);
		if (cells == 2)
			hartid = hartid << 32 | fdt32_to_cpu(reg[1]);
		h = sbi_hart_by_id(hartid);
		if (h)
			h->cboz_block_size = size;
	}
}
