// SPDX-License-Identifier: BSD-2-Clause
/*
 * Edits to the device tree passed to the next stage, applied in one copy
 * of the tree (fdt_rebuild): the firmware's reserved memory, /memory
 * without carved windows, harts S-mode cannot use, and the nodes the
 * memory-hotplug manager publishes.
 */
#include <libfdt.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_platform.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/fdt_walk.h>
#include <sbi_utils/fdt_rebuild.h>
#include <sbi_utils/fdt_fixup.h>

enum node_kind { NODE_OTHER, NODE_ROOT, NODE_CPUS, NODE_CPU, NODE_MEMORY,
		 NODE_RESERVED };

struct fixup {
	u64 fw_base, fw_size;
	const char *drop_compat, *root_node;
	int (*emit)(struct fdt_out *o);
	u32 root_ac, root_sc, cpus_ac, resv_ac, resv_sc;
	bool saw_reserved, resv_had_ac, resv_had_sc, resv_had_ranges;
	/* The node whose properties are being copied. */
	enum node_kind kind[32];
	bool cpu_disable, cpu_had_status;
	fdt32_t reg[SBI_PLATFORM_MEM_BANKS_MAX * 4];
};

static struct fixup fx;

static int put_cells(fdt32_t *p, u64 v, u32 cells)
{
	if (cells == 2) {
		p[0] = cpu_to_fdt32(v >> 32);
		p[1] = cpu_to_fdt32((u32)v);
		return 2;
	}
	p[0] = cpu_to_fdt32((u32)v);
	return 1;
}

static int fx_node(void *ctx __unused, const void *fdt, int node, int depth)
{
	const char *name = fdtw_name(fdt, node);
	enum node_kind k = NODE_OTHER;
	int len;

	if (depth >= 32)
		return FDT_REBUILD_KEEP;
	/* window nodes go (re-emitted in the container); never the root */
	if (depth > 0 && fx.drop_compat &&
	    fdtw_compatible(fdt, node, fx.drop_compat))
		return FDT_REBUILD_DROP;
	if (depth == 0) {
		k = NODE_ROOT;
	} else if (depth == 1) {
		const char *type = fdtw_getprop(fdt, node, "device_type", &len);

		if (fx.root_node && fdtw_name_is(name, fx.root_node))
			return FDT_REBUILD_DROP;
		if (fdtw_name_is(name, "cpus"))
			k = NODE_CPUS;
		else if (fdtw_name_is(name, "reserved-memory"))
			k = NODE_RESERVED;
		else if (type && !strncmp(type, "memory", len))
			k = NODE_MEMORY;
	} else if (depth == 2 && fx.kind[1] == NODE_CPUS) {
		const char *type = fdtw_getprop(fdt, node, "device_type", &len);

		if (type && !strncmp(type, "cpu", len))
			k = NODE_CPU;
	} else if (depth == 2 && fx.kind[1] == NODE_RESERVED &&
		   fdtw_name_is(name, "hotsbi")) {
		/* Ours from an earlier boot stage run: replaced below. */
		return FDT_REBUILD_DROP;
	}
	fx.kind[depth] = k;
	if (k == NODE_RESERVED) {
		fx.saw_reserved = true;
		fx.resv_ac = fx.root_ac;
		fx.resv_sc = fx.root_sc;
	}
	if (k == NODE_CPU) {
		const fdt32_t *reg = fdtw_getprop(fdt, node, "reg", &len);
		struct sbi_hart *h = NULL;

		if (reg && len >= (int)(fx.cpus_ac * 4) && fx.cpus_ac >= 1 &&
		    fx.cpus_ac <= 2)
			h = sbi_hart_by_id(fdt_helper_read_cells(reg, fx.cpus_ac));
		fx.cpu_disable = !h || !h->s_capable;
		fx.cpu_had_status = false;
	}
	return FDT_REBUILD_KEEP;
}

/*
 * /memory reg: each entry cut to the boot RAM banks the firmware uses, so
 * the next stage is never told of memory the firmware does not treat as
 * RAM (carved windows, banks it ignored or found overlapping). A reg the
 * firmware cannot read with the root's cell counts is dropped.
 */
static int memory_reg(const void **val, int *len)
{
	const fdt32_t *old = *val;
	int ac = fx.root_ac, sc = fx.root_sc, n, i, out = 0, entries = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return FDT_REBUILD_DROP;
	n = *len / ((ac + sc) * 4);
	for (i = 0; i < n; i++) {
		u64 b = fdt_helper_read_cells(old + i * (ac + sc), ac);
		u64 s = fdt_helper_read_cells(old + i * (ac + sc) + ac, sc);
		u64 e = b + s < b ? ~0ULL : b + s;
		unsigned int k;

		for (k = 0; k < sbi_platform.mem_count; k++) {
			const struct sbi_mem_bank *m = &sbi_platform.mem[k];
			u64 lo = MAX(b, m->base);
			u64 hi = MIN(e, m->base + m->size);

			if (lo >= hi || entries == SBI_PLATFORM_MEM_BANKS_MAX)
				continue;
			out += put_cells(fx.reg + out, lo, ac);
			out += put_cells(fx.reg + out, hi - lo, sc);
			entries++;
		}
	}
	*val = fx.reg;
	*len = out * 4;
	return FDT_REBUILD_REPLACE;
}

static int fx_prop(void *ctx __unused, const void *fdt __unused, int node __unused, int depth,
		   const char *name, const void **val, int *len)
{
	enum node_kind k = depth < 32 ? fx.kind[depth] : NODE_OTHER;
	u32 v = *len >= 4 ? fdt32_to_cpu(*(const fdt32_t *)*val) : 0;

	switch (k) {
	case NODE_ROOT:
		if (!strcmp(name, "#address-cells"))
			fx.root_ac = v;
		else if (!strcmp(name, "#size-cells"))
			fx.root_sc = v;
		break;
	case NODE_CPUS:
		if (!strcmp(name, "#address-cells"))
			fx.cpus_ac = v;
		break;
	case NODE_RESERVED:
		if (!strcmp(name, "#address-cells"))
			fx.resv_ac = v, fx.resv_had_ac = true;
		else if (!strcmp(name, "#size-cells"))
			fx.resv_sc = v, fx.resv_had_sc = true;
		else if (!strcmp(name, "ranges"))
			fx.resv_had_ranges = true;
		/* Not RAM, whatever it claims (the platform scan agrees). */
		else if (!strcmp(name, "device_type"))
			return FDT_REBUILD_DROP;
		break;
	case NODE_MEMORY:
		if (!strcmp(name, "reg"))
			return memory_reg(val, len);
		break;
	case NODE_CPU:
		if (!strcmp(name, "status")) {
			fx.cpu_had_status = true;
			if (fx.cpu_disable) {
				*val = "disabled";
				*len = sizeof("disabled");
				return FDT_REBUILD_REPLACE;
			}
		}
		break;
	default:
		break;
	}
	return FDT_REBUILD_KEEP;
}

static int fx_props_done(void *ctx __unused, struct fdt_out *o, const void *fdt __unused,
			 int node __unused, int depth)
{
	int rc = 0;

	if (depth < 32 && fx.kind[depth] == NODE_CPU && fx.cpu_disable &&
	    !fx.cpu_had_status)
		return fdt_out_prop_string(o, "status", "disabled");
	/*
	 * The cell counts and ranges an OS requires of /reserved-memory
	 * (Linux ignores the node without them), stated with the root's
	 * values the firmware's child below is written with.
	 */
	if (depth == 1 && fx.kind[1] == NODE_RESERVED) {
		if (!fx.resv_had_ac)
			rc = fdt_out_prop_u32(o, "#address-cells", fx.resv_ac);
		if (!rc && !fx.resv_had_sc)
			rc = fdt_out_prop_u32(o, "#size-cells", fx.resv_sc);
		if (!rc && !fx.resv_had_ranges)
			rc = fdt_out_prop(o, "ranges", NULL, 0);
	}
	return rc;
}

static int emit_firmware_node(struct fdt_out *o, u32 ac, u32 sc)
{
	fdt32_t reg[4];
	char name[32];
	int n = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	sbi_snprintf(name, sizeof(name), "hotsbi@%lx", (unsigned long)fx.fw_base);
	n += put_cells(reg + n, fx.fw_base, ac);
	n += put_cells(reg + n, fx.fw_size, sc);
	fdt_out_begin_node(o, name);
	fdt_out_prop(o, "reg", reg, n * 4);
	fdt_out_prop(o, "no-map", NULL, 0);
	return fdt_out_end_node(o);
}

static int fx_node_end(void *ctx __unused, struct fdt_out *o, const void *fdt __unused,
		       int node __unused, int depth)
{
	int rc;

	if (depth == 1 && fx.kind[1] == NODE_RESERVED)
		return emit_firmware_node(o, fx.resv_ac, fx.resv_sc);
	if (depth != 0)
		return 0;
	if (!fx.saw_reserved) {
		fdt_out_begin_node(o, "reserved-memory");
		fdt_out_prop_u32(o, "#address-cells", fx.root_ac);
		fdt_out_prop_u32(o, "#size-cells", fx.root_sc);
		fdt_out_prop(o, "ranges", NULL, 0);
		rc = emit_firmware_node(o, fx.root_ac, fx.root_sc);
		rc = rc ?: fdt_out_end_node(o);
		if (rc)
			return rc;
	}
	return fx.emit ? fx.emit(o) : 0;
}

int fdt_fixup_rebuild(const void *in, void *out, u32 out_size, u64 fw_base,
		      u64 fw_size, const char *drop_compat,
		      const char *root_node, int (*emit)(struct fdt_out *o))
{
	static const struct fdt_rebuild_ops ops = {
		.node = fx_node,
		.prop = fx_prop,
		.props_done = fx_props_done,
		.node_end = fx_node_end,
	};

	memset(&fx, 0, sizeof(fx));
	fx.fw_base = fw_base;
	fx.fw_size = fw_size;
	fx.drop_compat = drop_compat;
	fx.root_node = root_node;
	fx.emit = emit;
	fx.root_ac = 2;
	fx.root_sc = 1;
	fx.cpus_ac = 1;
	return fdt_rebuild(in, out, out_size, &ops);
}
