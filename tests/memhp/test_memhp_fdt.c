// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the manager's device-tree side (lib/memhp/memhp_fdt.c)
 * with the host's libfdt: the emulated card (default size, /chosen
 * override, every reason to refuse it), board windows (adopted, or
 * skipped for each validation rule), and the published container node,
 * checked with libfdt and with dtc.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <libfdt.h>
#include <memhp/memhp.h>
#include <memhp/memhp_fdt.h>
#include "harness.h"


#define FW_BASE	0x80000000ULL
#define FW_SIZE	0x40000ULL
#define MiB	(1ULL << 20)
#define GiB	(1ULL << 30)

static char last_log[256];
static unsigned int logs;

static void nop(void)
{
}

static void apply(const struct memhp_plan *p __unused)
{
}

static void scrub(u64 b __unused, u64 s __unused)
{
}

static int logf_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_log, sizeof(last_log), fmt, ap);
	va_end(ap);
	logs++;
	return 0;
}


static int ro_find(const void *fdt, int start, const char *c)
{
	return fdt_node_offset_by_compatible(fdt, start, c);
}

static const char *ro_name(const void *fdt, int node)
{
	return fdt_get_name(fdt, node, NULL);
}

static const struct memhp_fdt_ro ro = {
	ro_find, fdt_path_offset, fdt_getprop, fdt_parent_offset, ro_name,
	fdt_next_node,
};

static bool never(u64 addr __unused, u64 size __unused)
{
	return false;
}

static const struct memhp_port port = {
	.lock = nop,
	.unlock = nop,
	.apply_plan = apply,
	.scrub = scrub,
	.log = logf_,
	.smode_writable = never,
	.tree = &ro,
};

/* A small QEMU-virt-like tree; @extra adds nodes to the root. */
struct window_desc {
	const char *name;
	u64 base, size, bs;
	int bs_cells; /* 0: no block-size, 1: u32, 2: u64 */
	int numa;     /* -1: none */
	int scrub;
	u64 pmem;     /* hotsbi,pmem-size (0: none) */
	const u32 *unavail; /* hotsbi,unavailable-blocks, @nunavail cells */
	int nunavail;
};

static void prop_u64(void *fdt, const char *name, u64 v)
{
	fdt64_t b = cpu_to_fdt64(v);

	fdt_property(fdt, name, &b, 8);
}

static void prop_reg(void *fdt, u64 base, u64 size)
{
	fdt64_t r[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };

	fdt_property(fdt, "reg", r, sizeof(r));
}

/* /chosen/hotsbi,emulated-card-pmem-size of the next trees (-1: none). */
static long long pmem_size = -1;

static void *make_tree(u64 ram, long long card, const struct window_desc *w,
		       int nw, u64 initrd_start, u64 initrd_end)
{
	void *fdt = calloc(1, 65536);
	int i;

	fdt_create(fdt, 65536);
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_property_string(fdt, "compatible", "riscv-virtio");
	fdt_begin_node(fdt, "chosen");
	if (card >= 0)
		prop_u64(fdt, "hotsbi,emulated-card-size", card);
	if (pmem_size >= 0)
		prop_u64(fdt, "hotsbi,emulated-card-pmem-size", pmem_size);
	if (initrd_end) {
		prop_u64(fdt, "linux,initrd-start", initrd_start);
		prop_u64(fdt, "linux,initrd-end", initrd_end);
	}
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "memory@80000000");
	fdt_property_string(fdt, "device_type", "memory");
	prop_reg(fdt, 0x80000000ULL, ram);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "soc");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_property_string(fdt, "compatible", "simple-bus");
	/* Empty properties: a valid pointer, as libfdt copies from it. */
	fdt_property(fdt, "ranges", "", 0);
	fdt_begin_node(fdt, "serial@10000000");
	fdt_property_string(fdt, "compatible", "ns16550a");
	prop_reg(fdt, 0x10000000ULL, 0x100);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "pci@400000000");
	fdt_property_string(fdt, "compatible", "pci-host-ecam-generic");
	prop_reg(fdt, 0x400000000ULL, 0x10000000);
	fdt_end_node(fdt);
	for (i = 0; i < nw; i++) {
		fdt_begin_node(fdt, w[i].name);
		fdt_property_string(fdt, "compatible",
				    "hotsbi,memory-hotplug-window");
		prop_reg(fdt, w[i].base, w[i].size);
		/* u32 under the contract's name, u64 under the binding's */
		if (w[i].bs_cells == 1)
			fdt_property_u32(fdt, "block-size", (u32)w[i].bs);
		else if (w[i].bs_cells == 2)
			prop_u64(fdt, "hotsbi,block-size", w[i].bs);
		if (w[i].numa >= 0)
			fdt_property_u32(fdt, "numa-node-id", w[i].numa);
		if (w[i].scrub)
			fdt_property(fdt, "hotsbi,scrub-on-unplug", "", 0);
		if (w[i].pmem)
			prop_u64(fdt, "hotsbi,pmem-size", w[i].pmem);
		if (w[i].nunavail) {
			fdt32_t c[8];
			int k;

			for (k = 0; k < w[i].nunavail && k < 8; k++)
				c[k] = cpu_to_fdt32(w[i].unavail[k]);
			fdt_property(fdt, "hotsbi,unavailable-blocks", c,
				     4 * k);
		}
		fdt_end_node(fdt);
	}
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_finish(fdt);
	return fdt;
}

static u64 ld64(const void *p)
{
	fdt64_t v;

	memcpy(&v, p, 8);
	return fdt64_to_cpu(v);
}

static u64 protect_base, protect_size;
/*
 * Nonzero: RAM is two banks, node 0 of this size and node 1 above it
 * (node 1 without numa-node-id when numa_top_unnamed).
 */
static u64 numa_split;
static bool numa_top_unnamed;

static int parse(void *fdt, u64 ram, struct memhp_fdt_env *env)
{
	struct memhp_config cfg = {
		.pmp_budget = 14,
		.ram_end = 0x80000000ULL + ram,
		.reserved = { { FW_BASE, FW_SIZE } },
		.nreserved = 1,
	};

	memhp_init(&port, &cfg);
	memset(env, 0, sizeof(*env));
	env->ram[0].base = 0x80000000ULL;
	env->ram[0].size = ram;
	env->nram = 1;
	if (numa_split) {
		env->ram[0].size = numa_split;
		env->ram[1].base = env->ram[0].base + numa_split;
		env->ram[1].size = ram - numa_split;
		env->ram_node[1] = 1;
		env->ram_has_node[0] = true;
		env->ram_has_node[1] = !numa_top_unnamed;
		env->nram = 2;
	}
	env->fw_base = FW_BASE;
	env->fw_size = FW_SIZE;
	env->card_default = 512 * MiB;
	env->card_prop = "hotsbi,emulated-card-size";
	env->card_block_size = 128 * MiB;
	env->card_pmem_prop = "hotsbi,emulated-card-pmem-size";
	env->protect[0].base = 0x80200000ULL;
	env->protect[0].size = 1;
	env->nprotect = 1;
	if (protect_size) {
		env->protect[1].base = protect_base;
		env->protect[1].size = protect_size;
		env->nprotect = 2;
	}
	logs = 0;
	last_log[0] = 0;
	return memhp_fdt_parse(&port, fdt, env);
}

static void test_card(void)
{
	struct memhp_fdt_env env;
	const struct memhp_window *w;
	void *fdt;

	fdt = make_tree(GiB, -1, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1, "default card");
	w = memhp_window_get(0);
	CHECK_MSG(w && w->base == 0xa0000000ULL && w->size == 512 * MiB &&
		      w->block_size == 128 * MiB && w->nblocks == 4 &&
		      w->flags == (MEMHP_FLAG_EMULATED | MEMHP_FLAG_SCRUB_ON_UNPLUG),
	      "card window");
	CHECK_MSG(env.ram[0].size == 512 * MiB, "RAM shrunk to %llx",
	      (unsigned long long)env.ram[0].size);
	CHECK_MSG(env.card.base == 0xa0000000ULL && env.card.size == 512 * MiB,
	      "card reported");
	free(fdt);

	fdt = make_tree(2 * GiB, GiB, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, 2 * GiB, &env) == 1, "chosen card");
	w = memhp_window_get(0);
	CHECK_MSG(w && w->base == 0xc0000000ULL && w->nblocks == 8, "1 GiB card");
	free(fdt);

	fdt = make_tree(GiB, 0, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 0 && env.ram[0].size == GiB,
	      "card size 0: none, RAM untouched");
	free(fdt);

	fdt = make_tree(GiB, 100 * MiB, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 0 && strstr(last_log, "multiple"),
	      "unaligned card refused: %s", last_log);
	free(fdt);

	fdt = make_tree(256 * MiB, -1, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, 256 * MiB, &env) == 0 && strstr(last_log, "too small"),
	      "card larger than RAM refused: %s", last_log);
	free(fdt);

	/* The firmware passes the initrd from /chosen as a protected range. */
	fdt = make_tree(GiB, -1, NULL, 0, 0xb0000000ULL, 0xb1000000ULL);
	protect_base = 0xb0000000ULL;
	protect_size = 0x1000000ULL;
	CHECK_MSG(parse(fdt, GiB, &env) == 0 && strstr(last_log, "initrd"),
	      "card over the initrd refused: %s", last_log);
	protect_size = 0;
	free(fdt);
}

/* The card is in the NUMA node of the bank it is carved from. */
static void test_card_numa(void)
{
	struct memhp_fdt_env env;
	const struct memhp_window *w;
	unsigned long v = 0;
	void *fdt;

	numa_split = GiB;
	fdt = make_tree(2 * GiB, -1, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, 2 * GiB, &env) == 1, "card on two nodes");
	w = memhp_window_get(0);
	CHECK_MSG(w && w->base == 0xe0000000ULL && w->numa_node == 1 &&
		      (w->flags & MEMHP_FLAG_NUMA_NODE_VALID),
		  "card in node 1, the top bank's");
	CHECK_MSG(!memhp_get_attr(MEMHP_ATTR_NUMA_NODE, 0, &v) && v == 1,
		  "NUMA_NODE of the card: %lu", v);
	CHECK_MSG(env.ram[0].size == GiB && env.ram[1].size == 512 * MiB,
		  "node 0 untouched, node 1 shrunk to %llx",
		  (unsigned long long)env.ram[1].size);

	/* A top bank without numa-node-id: the card has no node either. */
	numa_top_unnamed = true;
	CHECK_MSG(parse(fdt, 2 * GiB, &env) == 1, "card, no node");
	w = memhp_window_get(0);
	CHECK_MSG(w && !(w->flags & MEMHP_FLAG_NUMA_NODE_VALID),
		  "no numa-node-id on the bank: none on the card");
	free(fdt);
	numa_top_unnamed = false;
	numa_split = 0;
}

static void test_board_windows(void)
{
	static const struct {
		struct window_desc w;
		const char *why; /* NULL: adopted */
	} cases[] = {
		{ { "good@1000000000", 0x1000000000ULL, 4 * GiB, 0, 0, -1, 0, 0, NULL, 0 }, NULL },
		{ { "u32bs@2000000000", 0x2000000000ULL, GiB, 256 * MiB, 1, 3, 1, 0, NULL, 0 }, NULL },
		{ { "misaligned@3000000000", 0x3000001000ULL, GiB, 0, 0, -1, 0, 0, NULL, 0 }, "multiple" },
		{ { "badbs@3000000000", 0x3000000000ULL, GiB, 96 * MiB, 2, -1, 0, 0, NULL, 0 }, "power of two" },
		{ { "tiny@3000000000", 0x3000000000ULL, GiB, 2048, 2, -1, 0, 0, NULL, 0 }, "power of two" },
		{ { "ram@90000000", 0x90000000ULL, 256 * MiB, 0, 0, -1, 0, 0, NULL, 0 }, "boot RAM" },
		{ { "fw@80000000", 0x80000000ULL, 128 * MiB, 0, 0, -1, 0, 0, NULL, 0 }, "RAM" },
		{ { "mmio@400000000", 0x400000000ULL, 128 * MiB, 0, 0, -1, 0, 0, NULL, 0 }, "device" },
		{ { "overlap@1080000000", 0x1080000000ULL, GiB, 0, 0, -1, 0, 0, NULL, 0 }, "another window" },
	};
	struct window_desc w[16];
	struct memhp_fdt_env env;
	unsigned int i, adopted = 0;
	void *fdt;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		w[i] = cases[i].w;
	fdt = make_tree(GiB, 0, w, i, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 2, "two windows adopted");
	/* One line per window: 2 adopted, 7 rejected. */
	CHECK_MSG(logs == 9, "one log line per window, got %u", logs);
	for (i = 0; i < memhp_window_count(); i++) {
		const struct memhp_window *mw = memhp_window_get(i);

		if (mw->base == 0x1000000000ULL && mw->block_size == 128 * MiB &&
		    mw->flags == 0)
			adopted |= 1;
		if (mw->base == 0x2000000000ULL && mw->block_size == 256 * MiB &&
		    mw->flags == (MEMHP_FLAG_SCRUB_ON_UNPLUG | MEMHP_FLAG_NUMA_NODE_VALID) &&
		    mw->numa_node == 3)
			adopted |= 2;
	}
	CHECK_MSG(adopted == 3, "adopted windows have the right attributes");
	free(fdt);

	/* Each rejection alone, with its reason. */
	for (i = 2; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct window_desc one[2] = { cases[0].w, cases[i].w };
		int n = (i == 8) ? 2 : 1;
		struct window_desc *list = (i == 8) ? one : one + 1;

		fdt = make_tree(GiB, 0, list, n, 0, 0);
		CHECK_MSG(parse(fdt, GiB, &env) == n - 1 && logs == (unsigned int)n &&
			      strstr(last_log, cases[i].why),
		      "%s: want '%s', log '%s'", cases[i].w.name, cases[i].why,
		      last_log);
		free(fdt);
	}
}

/* A sink writing with libfdt's sequential-write API. */
static int sk_begin(void *ctx, const char *name)
{
	return fdt_begin_node(ctx, name);
}

static int sk_prop(void *ctx, const char *name, const void *v, int len)
{
	return fdt_property(ctx, name, v, len);
}

static int sk_end(void *ctx)
{
	return fdt_end_node(ctx);
}

static void test_emit(void)
{
	struct window_desc w = { "board@1000000000", 0x1000000000ULL, 4 * GiB,
				 0, 0, 2, 0, 0, NULL, 0 };
	struct memhp_fdt_env env;
	char path[64], cmd[160];
	void *in = make_tree(GiB, -1, &w, 1, 0, 0);
	void *out = calloc(1, 65536);
	struct memhp_fdt_sink sink = { out, sk_begin, sk_prop, sk_end };
	const fdt32_t *p;
	int node, len, rc;
	FILE *f;

	CHECK_MSG(parse(in, GiB, &env) == 2, "board window and card");
	fdt_create(out, 65536);
	fdt_finish_reservemap(out);
	fdt_begin_node(out, "");
	fdt_property_u32(out, "#address-cells", 2);
	fdt_property_u32(out, "#size-cells", 2);
	rc = memhp_fdt_emit(&sink, 0x09000000);
	fdt_end_node(out);
	fdt_finish(out);
	CHECK_MSG(rc == 0, "emit");

	node = fdt_path_offset(out, "/hotplug-memory");
	CHECK_MSG(node >= 0 && !fdt_node_check_compatible(out, node,
						       "hotsbi,memory-hotplug"),
	      "container");
	p = fdt_getprop(out, node, "hotsbi,sbi-extension-id", &len);
	CHECK_MSG(p && len == 4 && fdt32_to_cpu(*p) == 0x09000000, "eid");
	p = fdt_getprop(out, node, "hotsbi,max-possible-pfn", &len);
	CHECK_MSG(p && len == 8 && ld64(p) == (0x1000000000ULL + 4 * GiB) >> 12,
	      "max pfn");
	node = fdt_path_offset(out, "/hotplug-memory/window@1000000000");
	CHECK_MSG(node >= 0, "board window node");
	p = fdt_getprop(out, node, "hotsbi,window-id", &len);
	CHECK_MSG(p && fdt32_to_cpu(*p) == 0, "window id 0");
	p = fdt_getprop(out, node, "numa-node-id", &len);
	CHECK_MSG(p && fdt32_to_cpu(*p) == 2, "numa id");
	CHECK_MSG(!fdt_getprop(out, node, "hotsbi,emulated", &len), "not emulated");
	node = fdt_path_offset(out, "/hotplug-memory/window@a0000000");
	CHECK_MSG(node >= 0, "card node");
	p = fdt_getprop(out, node, "reg", &len);
	CHECK_MSG(p && len == 16 && ld64(p) == 0xa0000000ULL &&
		      ld64((const char *)p + 8) == 512 * MiB,
	      "card reg");
	p = fdt_getprop(out, node, "hotsbi,block-size", &len);
	CHECK_MSG(p && len == 8 && ld64(p) == 128 * MiB,
	      "block size u64");
	CHECK_MSG(!fdt_getprop(out, node, "block-size", &len) &&
		      !fdt_getprop(out, fdt_path_offset(out, "/hotplug-memory"),
				   "max-possible-pfn", &len),
		  "only the vendor-prefixed names are published");
	CHECK_MSG(fdt_getprop(out, node, "hotsbi,emulated", &len) &&
		      fdt_getprop(out, node, "hotsbi,scrub-on-unplug", &len),
	      "card flags");

	snprintf(path, sizeof(path), "/tmp/memhp-emit-%d.dtb", getpid());
	f = fopen(path, "wb");
	fwrite(out, 1, fdt_totalsize(out), f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts %s >/dev/null", path);
	CHECK_MSG(system(cmd) == 0, "dtc reads the result");
	remove(path);
	free(in);
	free(out);
}

/* A tree holding only what memhp_fdt_emit() writes under its root. */
static void *emitted(const char *what)
{
	void *out = calloc(1, 65536);
	struct memhp_fdt_sink sink = { out, sk_begin, sk_prop, sk_end };

	fdt_create(out, 65536);
	fdt_finish_reservemap(out);
	fdt_begin_node(out, "");
	CHECK_MSG(memhp_fdt_emit(&sink, 0x09000000) == 0, "%s", what);
	fdt_end_node(out);
	fdt_finish(out);
	return out;
}

/* The card's device memory: pinned at the top, refused to UNPLUG, published. */
static void test_card_pmem(void)
{
	struct memhp_fdt_env env;
	const struct memhp_window *w;
	unsigned long state;
	const fdt32_t *p;
	void *fdt, *out;
	int node, len;

	pmem_size = 256 * MiB;
	fdt = make_tree(GiB, -1, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && logs == 0, "card with pmem: %s",
		  last_log);
	w = memhp_window_get(0);
	CHECK_MSG(env.card_pmem.base == 0xb0000000ULL &&
		      env.card_pmem.size == 256 * MiB, "pmem at the card's top");
	CHECK_MSG(w && w->pinned.n == 1 && w->pinned.r[0].first == 2 &&
		      w->pinned.r[0].count == 2 && w->plugged_blocks == 2,
		  "blocks 2-3 pinned and plugged");
	CHECK_MSG(memhp_boot_plan() == MEMHP_OK, "boot plan with pinned blocks");
	CHECK_MSG(memhp_block_state(0, 3, &state) == MEMHP_OK &&
		      state == MEMHP_BLOCK_PLUGGED, "pinned block reads plugged");
	CHECK_MSG(memhp_unplug(0, 3, 1) == MEMHP_ERR_DENIED,
		  "UNPLUG of a pinned block: DENIED");
	CHECK_MSG(memhp_check(0, 1, 2, MEMHP_CHECK_UNPLUG) == MEMHP_ERR_DENIED,
		  "CHECK UNPLUG of a range with a pinned block: DENIED");
	CHECK_MSG(memhp_plug(0, 2, 1) == MEMHP_ERR_ALREADY_AVAILABLE,
		  "PLUG of a pinned block: already available");
	CHECK_MSG(memhp_plug(0, 0, 2) == MEMHP_OK &&
		      memhp_unplug(0, 0, 2) == MEMHP_OK,
		  "the other blocks plug and unplug");
	CHECK_MSG(memhp_block_state(0, 2, &state) == MEMHP_OK &&
		      state == MEMHP_BLOCK_PLUGGED, "pinned block still plugged");

	out = emitted("emit with pmem");
	node = fdt_path_offset(out, "/pmem@b0000000");
	CHECK_MSG(node >= 0 && !fdt_node_check_compatible(out, node, "pmem-region"),
		  "pmem-region node at the root");
	p = fdt_getprop(out, node, "reg", &len);
	CHECK_MSG(p && len == 16 && ld64(p) == 0xb0000000ULL &&
		      ld64((const char *)p + 8) == 256 * MiB, "pmem reg");
	CHECK_MSG(fdt_getprop(out, node, "volatile", &len) && len == 0,
		  "pmem volatile");
	CHECK_MSG(!fdt_getprop(out, node, "numa-node-id", &len),
		  "no numa-node-id for a card without a node");
	free(out);
	free(fdt);

	pmem_size = 100 * MiB;
	fdt = make_tree(GiB, -1, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && !env.card_pmem.size &&
		      strstr(last_log, "whole number"), "unaligned pmem refused: %s",
		  last_log);
	CHECK_MSG(memhp_window_get(0)->pinned.n == 0 &&
		      memhp_window_get(0)->plugged_blocks == 0,
		  "refused pmem leaves the card unplugged");
	free(fdt);

	pmem_size = GiB;
	fdt = make_tree(GiB, -1, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && strstr(last_log, "whole number"),
		  "pmem larger than the card refused: %s", last_log);
	free(fdt);

	pmem_size = 128 * MiB;
	fdt = make_tree(GiB, 0, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 0 && strstr(last_log, "no card"),
		  "pmem without a card refused: %s", last_log);
	free(fdt);

	pmem_size = 0;
	fdt = make_tree(GiB, -1, NULL, 0, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && logs == 0 && !env.card_pmem.size,
		  "pmem size 0: none");
	free(fdt);
	pmem_size = -1;
}

/*
 * A board window's static mode: its top hotsbi,pmem-size bytes pinned,
 * refused to UNPLUG and published as a pmem-region node; a size that is
 * not whole blocks leaves the window as it is, with one line.
 */
static void test_board_pmem(void)
{
	static const struct window_desc w[] = {
		{ "window@200000000", 0x200000000ULL, GiB, 128 * MiB, 2, 1, 1,
		  384 * MiB, NULL, 0 },
	};
	struct window_desc bad = w[0];
	struct memhp_fdt_env env;
	const struct memhp_window *mw;
	const fdt32_t *p;
	void *fdt, *out;
	int node, len;

	fdt = make_tree(GiB, 0, w, 1, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && logs == 1, "board window with pmem: %s",
		  last_log);
	mw = memhp_window_get(0);
	CHECK_MSG(mw && mw->pinned.n == 1 && mw->pinned.r[0].first == 5 &&
		      mw->pinned.r[0].count == 3 && mw->plugged_blocks == 3,
		  "blocks 5-7 of the board window pinned and plugged");
	CHECK_MSG(memhp_boot_plan() == MEMHP_OK, "boot plan");
	CHECK_MSG(memhp_unplug(0, 7, 1) == MEMHP_ERR_DENIED,
		  "UNPLUG of a pinned board block: DENIED");
	CHECK_MSG(memhp_plug(0, 0, 5) == MEMHP_OK &&
		      memhp_unplug(0, 0, 5) == MEMHP_OK,
		  "blocks 0-4 plug and unplug");

	out = emitted("emit with board pmem");
	node = fdt_path_offset(out, "/pmem@228000000");
	p = node >= 0 ? fdt_getprop(out, node, "reg", &len) : NULL;
	CHECK_MSG(p && len == 16 && ld64(p) == 0x228000000ULL &&
		      ld64((const char *)p + 8) == 384 * MiB &&
		      fdt_getprop(out, node, "volatile", &len),
		  "pmem-region 0x228000000+384 MiB, volatile");
	p = fdt_getprop(out, node, "numa-node-id", &len);
	CHECK_MSG(p && len == 4 && fdt32_to_cpu(*p) == 1,
		  "pmem-region in the window's node 1");
	free(out);
	free(fdt);

	bad.pmem = 100 * MiB;
	fdt = make_tree(GiB, 0, &bad, 1, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 &&
		      strstr(last_log, "no device memory in window@200000000: not a whole number"),
		  "unaligned board pmem refused: %s", last_log);
	mw = memhp_window_get(0);
	CHECK_MSG(mw && !mw->pinned.n && !mw->plugged_blocks,
		  "the window is adopted, all unplugged");
	free(fdt);
}

/*
 * Blocks a board window's tree lists as unavailable read UNAVAILABLE and
 * PLUG answers DENIED; a list that does not fit is ignored whole.
 */
static void test_board_unavailable(void)
{
	static const u32 ok[] = { 1, 1, 5, 2 }, beyond[] = { 1, 1, 7, 2 },
			 odd[] = { 1, 1, 5 }, over_pmem[] = { 6, 1 };
	struct window_desc w = { "window@200000000", 0x200000000ULL, GiB,
				 128 * MiB, 2, -1, 1, 0, ok, 4 };
	struct memhp_fdt_env env;
	unsigned long state;
	void *fdt;

	fdt = make_tree(GiB, 0, &w, 1, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && logs == 1, "window with unavailable blocks: %s",
		  last_log);
	CHECK_MSG(memhp_block_state(0, 1, &state) == MEMHP_OK &&
		      state == MEMHP_BLOCK_UNAVAILABLE &&
		      memhp_block_state(0, 6, &state) == MEMHP_OK &&
		      state == MEMHP_BLOCK_UNAVAILABLE &&
		      memhp_block_state(0, 4, &state) == MEMHP_OK &&
		      state == MEMHP_BLOCK_UNPLUGGED,
		  "blocks 1, 5 and 6 unavailable, 4 unplugged");
	CHECK_MSG(memhp_boot_plan() == MEMHP_OK, "boot plan");
	CHECK_MSG(memhp_plug(0, 1, 1) == MEMHP_ERR_DENIED &&
		      memhp_plug(0, 0, 2) == MEMHP_ERR_DENIED &&
		      memhp_check(0, 5, 1, MEMHP_CHECK_PLUG) == MEMHP_ERR_DENIED,
		  "PLUG and CHECK of PLUG over an unavailable block: DENIED");
	CHECK_MSG(memhp_plug(0, 2, 3) == MEMHP_OK && memhp_plug(0, 7, 1) == MEMHP_OK,
		  "the other blocks plug");
	free(fdt);

	w.unavail = beyond;
	fdt = make_tree(GiB, 0, &w, 1, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && strstr(last_log, "beyond the window") &&
		      memhp_block_state(0, 1, &state) == MEMHP_OK &&
		      state == MEMHP_BLOCK_UNPLUGGED,
		  "a range beyond the window: the list ignored whole (%s)", last_log);
	free(fdt);

	w.unavail = odd;
	w.nunavail = 3;
	fdt = make_tree(GiB, 0, &w, 1, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && strstr(last_log, "not pairs"),
		  "odd cells refused: %s", last_log);
	free(fdt);

	w.unavail = over_pmem;
	w.nunavail = 2;
	w.pmem = 256 * MiB;
	fdt = make_tree(GiB, 0, &w, 1, 0, 0);
	CHECK_MSG(parse(fdt, GiB, &env) == 1 && strstr(last_log, "device memory") &&
		      memhp_block_state(0, 6, &state) == MEMHP_OK &&
		      state == MEMHP_BLOCK_PLUGGED,
		  "unavailable over device memory refused: %s", last_log);
	free(fdt);
}

int main(void)
{
	/* Millions of checks: print the failures only. */
	host_verbose = false;
	test_card();
	test_card_numa();
	test_board_windows();
	test_emit();
	test_card_pmem();
	test_board_pmem();
	test_board_unavailable();
	return host_summary("memhp-fdt");
}
