// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree input and output of the memory-hotplug manager.
 *
 * Input: board windows ("hotsbi,memory-hotplug-window" nodes) are checked
 * (block size a power of two >= 4 KiB, base and size block-aligned, no
 * overlap with RAM, the firmware, device registers or another window)
 * and adopted, the top "hotsbi,pmem-size" bytes of one pinned as device
 * memory (static mode), the blocks "hotsbi,unavailable-blocks" lists
 * marked unavailable; the emulated card is carved from the top of the
 * highest RAM bank, in that bank's NUMA node, its size from
 * /chosen/hotsbi,emulated-card-size or a build default. Output: the
 * container node of docs/memhp.md, section 3, written through a sink so
 * the caller decides how the tree is edited.
 */
#include <libfdt.h>
#include <memhp/memhp.h>
#include <memhp/memhp_fdt.h>

#define WINDOW_COMPAT	MEMHP_FDT_WINDOW_COMPAT
/* The card leaves at least this much of its bank as boot RAM. */
#define CARD_MIN_BOOT_RAM 0x4000000ULL

/* The tree being read and how (passed down, never kept). */
struct fdt_in {
	const void *fdt;
	const struct memhp_fdt_ro *ro;
	const struct memhp_port *port;
};

static u64 read_cells(const fdt32_t *p, int cells)
{
	u64 v = 0;
	int i;

	for (i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

static bool overlaps(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

/* #address-cells or #size-cells of @node, @dflt when absent. */
static int cells(const struct fdt_in *in, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = in->ro->getprop(in->fdt, node, name, &len);

	return p && len == 4 ? (int)fdt32_to_cpu(*p) : dflt;
}

/* Read reg entry 0 with the parent's cell counts. */
static int node_reg(const struct fdt_in *in, int node, u64 *base, u64 *size)
{
	int parent = in->ro->parent(in->fdt, node), len, ac, sc;
	const fdt32_t *reg;

	if (parent < 0)
		return -1;
	ac = cells(in, parent, "#address-cells", 2);
	sc = cells(in, parent, "#size-cells", 1);
	reg = in->ro->getprop(in->fdt, node, "reg", &len);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || !reg ||
	    len < (ac + sc) * 4)
		return -1;
	*base = read_cells(reg, ac);
	*size = read_cells(reg + ac, sc);
	return 0;
}

static int prop_u64(const struct fdt_in *in, int node, const char *name, u64 *v)
{
	int len;
	const fdt32_t *p = in->ro->getprop(in->fdt, node, name, &len);

	if (!p)
		return -1;
	if (len == 4)
		*v = fdt32_to_cpu(p[0]);
	else if (len == 8)
		*v = read_cells(p, 2);
	else
		return -2;
	return 0;
}

static bool compatible_with(const struct fdt_in *in, int node, const char *want)
{
	int len, wl = strlen(want);
	const char *c = in->ro->getprop(in->fdt, node, "compatible", &len);

	while (c && len > 0) {
		int l = strnlen(c, len);

		if (l == wl && !memcmp(c, want, l))
			return true;
		c += l + 1;
		len -= l + 1;
	}
	return false;
}

/*
 * True when [base, base + size) overlaps a device's registers: the reg
 * of any node directly under the root or a simple-bus, other than
 * memory, the cpus, reserved memory and windows. Runs only for board
 * windows.
 */
static bool overlaps_mmio(const struct fdt_in *in, u64 base, u64 size, int self)
{
	struct {
		int ac, sc;
		bool bus;
	} st[16];
	int node, depth = 0;

	st[0].ac = cells(in, 0, "#address-cells", 2);
	st[0].sc = cells(in, 0, "#size-cells", 1);
	st[0].bus = true;
	for (node = in->ro->next_node(in->fdt, 0, &depth); node >= 0 && depth > 0;
	     node = in->ro->next_node(in->fdt, node, &depth)) {
		const char *type, *name = in->ro->name(in->fdt, node);
		const fdt32_t *reg;
		int len, i, ac, sc;

		if (depth >= 16)
			continue;
		st[depth].ac = cells(in, node, "#address-cells", 2);
		st[depth].sc = cells(in, node, "#size-cells", 1);
		st[depth].bus = compatible_with(in, node, "simple-bus");
		if (!st[depth - 1].bus || node == self ||
		    compatible_with(in, node, WINDOW_COMPAT))
			continue;
		type = in->ro->getprop(in->fdt, node, "device_type", &len);
		if ((type && !strncmp(type, "memory", len)) ||
		    (name && (!strncmp(name, "cpus", 4) ||
			      !strncmp(name, "reserved-memory", 15))))
			continue;
		ac = st[depth - 1].ac;
		sc = st[depth - 1].sc;
		reg = in->ro->getprop(in->fdt, node, "reg", &len);
		if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2)
			continue;
		for (i = 0; (i + 1) * (ac + sc) * 4 <= len; i++) {
			u64 rb = read_cells(reg + i * (ac + sc), ac);
			u64 rs = read_cells(reg + i * (ac + sc) + ac, sc);

			if (rs && overlaps(base, size, rb, rs))
				return true;
		}
	}
	return false;
}

static void log_skip(const struct fdt_in *in, int node, const char *why)
{
	if (in->port && in->port->log)
		in->port->log("memhp: %s skipped: %s\n", in->ro->name(in->fdt, node),
			      why);
}

static const char *check_board_window(const struct fdt_in *in, int node,
				      const struct memhp_fdt_env *env,
				      u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < env->nram; i++)
		if (overlaps(base, size, env->ram[i].base, env->ram[i].size))
			return "overlaps boot RAM";
	if (overlaps(base, size, env->fw_base, env->fw_size))
		return "overlaps the firmware";
	if (overlaps_mmio(in, base, size, node))
		return "overlaps device registers";
	return NULL;
}

/*
 * Static mode: the top @size bytes of window @win (@wsize bytes in blocks
 * of @bs) become device memory, plugged for good and published as a
 * pmem-region node under the root.
 */
static const char *pin_pmem(const struct fdt_in *in, unsigned int win,
			    u64 wsize, u64 bs, u64 size)
{
	if (size & (bs - 1) || size > wsize)
		return "not a whole number of the window's blocks";
	if (cells(in, 0, "#address-cells", 2) != 2 ||
	    cells(in, 0, "#size-cells", 1) != 2)
		return "the root's cells are not 2 and 2";
	if (memhp_pin(win, (wsize - size) / bs, size / bs))
		return "its PMP entries do not fit";
	return NULL;
}

/*
 * A board window's blocks the board did not populate or found faulty:
 * MEMHP_FDT_WINDOW_UNAVAILABLE, pairs of u32 cells <first count>, all
 * checked against the window's @nblocks before any is marked.
 */
static const char *mark_unavailable(const struct fdt_in *in, int node,
				    unsigned int win, u64 nblocks)
{
	const fdt32_t *p;
	int len, i;

	p = in->ro->getprop(in->fdt, node, MEMHP_FDT_WINDOW_UNAVAILABLE, &len);
	if (!p)
		return NULL;
	if (len <= 0 || len % 8)
		return "not pairs of u32 <first count>";
	for (i = 0; i < len / 4; i += 2) {
		u64 first = fdt32_to_cpu(p[i]), count = fdt32_to_cpu(p[i + 1]);

		if (!count || first + count > nblocks)
			return "a range is empty or beyond the window";
		if (memhp_runs_intersects(&memhp_window_get(win)->plugged,
					  first, count))
			return "a range holds device memory";
	}
	for (i = 0; i < len / 4; i += 2)
		if (memhp_set_unavailable(win, fdt32_to_cpu(p[i]),
					  fdt32_to_cpu(p[i + 1])))
			return "too many ranges (the first ones are marked)";
	return NULL;
}

static void parse_board_windows(const struct fdt_in *in, struct memhp_fdt_env *env)
{
	int node = env->windows_found ? env->first_window :
		   in->ro->find_compatible(in->fdt, -1, WINDOW_COMPAT);

	for (; node >= 0;
	     node = in->ro->find_compatible(in->fdt, node, WINDOW_COMPAT)) {
		u64 base, size, bs = MEMHP_BLOCK_SIZE_DEFAULT, nid = 0, pmem = 0;
		unsigned long flags = 0;
		const char *why = NULL;
		int len, rc;

		if (node_reg(in, node, &base, &size)) {
			log_skip(in, node, "no usable reg");
			continue;
		}
		rc = prop_u64(in, node, MEMHP_FDT_BLOCK_SIZE, &bs);
		if (rc == -1)
			rc = prop_u64(in, node, "block-size", &bs);
		if (rc == -2) {
			log_skip(in, node, "block-size is neither u32 nor u64");
			continue;
		}
		if (prop_u64(in, node, MEMHP_FDT_WINDOW_PMEM, &pmem) == -2) {
			log_skip(in, node, MEMHP_FDT_WINDOW_PMEM " is neither u32 nor u64");
			continue;
		}
		if (!prop_u64(in, node, "numa-node-id", &nid))
			flags |= MEMHP_FLAG_NUMA_NODE_VALID;
		if (in->ro->getprop(in->fdt, node, "hotsbi,scrub-on-unplug", &len))
			flags |= MEMHP_FLAG_SCRUB_ON_UNPLUG;
		why = check_board_window(in, node, env, base, size);
		if (!why && memhp_add_window(base, size, bs, flags, nid, &why))
			why = why ? why : "rejected";
		if (why) {
			log_skip(in, node, why);
			continue;
		}
		if (in->port && in->port->log)
			in->port->log("memhp: window %u from %s: 0x%lx-0x%lx, block 0x%lx\n",
				      memhp_window_count() - 1, in->ro->name(in->fdt, node),
				      (unsigned long)base,
				      (unsigned long)(base + size - 1),
				      (unsigned long)bs);
		why = pmem ? pin_pmem(in, memhp_window_count() - 1, size, bs,
				      pmem) : NULL;
		if (why && in->port && in->port->log)
			in->port->log("memhp: no device memory in %s: %s\n",
				      in->ro->name(in->fdt, node), why);
		why = mark_unavailable(in, node, memhp_window_count() - 1,
				       size / bs);
		if (why && in->port && in->port->log)
			in->port->log("memhp: %s: " MEMHP_FDT_WINDOW_UNAVAILABLE " ignored: %s\n",
				      in->ro->name(in->fdt, node), why);
	}
}

/* @chosen: the offset of /chosen, or negative. */
static const char *carve_card(const struct fdt_in *in, int chosen,
			      struct memhp_fdt_env *env)
{
	u64 size = env->card_default, bs = env->card_block_size, base, end;
	unsigned long flags = MEMHP_FLAG_EMULATED | MEMHP_FLAG_SCRUB_ON_UNPLUG;
	struct memhp_range *top;
	unsigned long node = 0;
	unsigned int i, t = 0;
	const char *why;
	int rc;

	if (chosen >= 0 && env->card_prop) {
		rc = prop_u64(in, chosen, env->card_prop, &size);
		if (rc == -2)
			return "the card size in /chosen is neither u32 nor u64";
	}
	if (!size)
		return NULL;
	if (!is_pow2(bs) || bs < MEMHP_BLOCK_SIZE_MIN)
		return "the card's block size is not a power of two >= 4 KiB";
	if (size & (bs - 1))
		return "card size is not a multiple of the card's block size";
	if (!env->nram)
		return "no RAM bank";
	for (i = 1; i < env->nram; i++)
		if (env->ram[i].base + env->ram[i].size >
		    env->ram[t].base + env->ram[t].size)
			t = i;
	top = &env->ram[t];
	if (env->ram_has_node[t]) {
		flags |= MEMHP_FLAG_NUMA_NODE_VALID;
		node = env->ram_node[t];
	}
	end = (top->base + top->size) & ~(bs - 1);
	if (end < top->base || end - top->base < size + CARD_MIN_BOOT_RAM)
		return "the highest RAM bank is too small for the card";
	base = end - size;
	if (overlaps(base, size, env->fw_base, env->fw_size))
		return "the card would cover the firmware";
	for (i = 0; i < env->nprotect; i++)
		if (overlaps(base, size, env->protect[i].base,
			     env->protect[i].size))
			return "the card would cover the next stage or its initrd";
	if (memhp_add_window(base, size, bs, flags, node, &why))
		return why;
	top->size = base - top->base;
	env->card.base = base;
	env->card.size = size;
	return NULL;
}

/* The top @card_pmem_prop bytes of the card are device memory. */
static const char *pin_card_pmem(const struct fdt_in *in, int chosen,
				 struct memhp_fdt_env *env)
{
	u64 size = 0;
	const char *why;

	if (chosen < 0 || !env->card_pmem_prop ||
	    prop_u64(in, chosen, env->card_pmem_prop, &size) == -1 || !size)
		return NULL;
	if (!env->card.size)
		return "no card";
	why = pin_pmem(in, memhp_window_count() - 1, env->card.size,
		       env->card_block_size, size);
	if (why)
		return why;
	env->card_pmem.base = env->card.base + env->card.size - size;
	env->card_pmem.size = size;
	return NULL;
}

int memhp_fdt_parse(const struct memhp_port *port, const void *fdt,
		    struct memhp_fdt_env *env)
{
	const struct fdt_in in = { fdt, port->tree, port };
	unsigned int before = memhp_window_count();
	int chosen = in.ro->path(fdt, "/chosen");
	const char *why;

	env->card.base = env->card.size = 0;
	parse_board_windows(&in, env);
	why = carve_card(&in, chosen, env);
	if (why && port->log)
		port->log("memhp: no emulated card: %s\n", why);
	env->card_pmem.base = env->card_pmem.size = 0;
	why = pin_card_pmem(&in, chosen, env);
	if (why && port->log)
		port->log("memhp: no device memory on the card: %s\n", why);
	return memhp_window_count() - before;
}

/* ---------------------------------------------------------- publication */

static int emit_u32(const struct memhp_fdt_sink *k, const char *name, u32 v)
{
	fdt32_t c = cpu_to_fdt32(v);

	return k->prop(k->ctx, name, &c, 4);
}

static int emit_u64(const struct memhp_fdt_sink *k, const char *name, u64 v)
{
	fdt32_t c[2] = { cpu_to_fdt32(v >> 32), cpu_to_fdt32((u32)v) };

	return k->prop(k->ctx, name, c, 8);
}

/* reg of two address and two size cells. */
static int emit_reg(const struct memhp_fdt_sink *k, u64 base, u64 size)
{
	fdt32_t c[4] = { cpu_to_fdt32(base >> 32), cpu_to_fdt32((u32)base),
			 cpu_to_fdt32(size >> 32), cpu_to_fdt32((u32)size) };

	return k->prop(k->ctx, "reg", c, sizeof(c));
}

static int emit_string(const struct memhp_fdt_sink *k, const char *name,
		       const char *v)
{
	return k->prop(k->ctx, name, v, strlen(v) + 1);
}

/* "<prefix>@<base in hex>" into @name, without a printf (room for 17). */
static void unit_name(char *name, const char *prefix, u64 base)
{
	char hex[17];
	int k = 0, i, p = strlen(prefix);

	do {
		hex[k++] = "0123456789abcdef"[base & 0xf];
		base >>= 4;
	} while (base);
	memcpy(name, prefix, p);
	name[p] = '@';
	for (i = 0; i < k; i++)
		name[p + 1 + i] = hex[k - 1 - i];
	name[p + 1 + k] = '\0';
}

/*
 * One pmem-region node (volatile: RAM) per run of @w's pinned blocks, in
 * the window's NUMA node when it has one.
 */
static int emit_pmem(const struct memhp_fdt_sink *k,
		     const struct memhp_window *w)
{
	unsigned int j;
	int rc = 0;

	for (j = 0; !rc && j < w->pinned.n; j++) {
		u64 base = w->base + w->pinned.r[j].first * w->block_size;
		char name[32];

		unit_name(name, "pmem", base);
		rc = k->begin_node(k->ctx, name);
		rc = rc ?: emit_string(k, "compatible", "pmem-region");
		rc = rc ?: emit_reg(k, base, w->pinned.r[j].count * w->block_size);
		rc = rc ?: k->prop(k->ctx, "volatile", "", 0);
		/* of_pmem gives its region the node of the platform device */
		if (w->flags & MEMHP_FLAG_NUMA_NODE_VALID)
			rc = rc ?: emit_u32(k, "numa-node-id", w->numa_node);
		rc = rc ?: k->end_node(k->ctx);
	}
	return rc;
}

int memhp_fdt_emit(const struct memhp_fdt_sink *k, unsigned long eid)
{
	unsigned int i, n = memhp_window_count();
	unsigned long max_pfn = 0;
	int rc;

	memhp_get_attr(MEMHP_ATTR_MAX_PFN, 0, &max_pfn);
	rc = k->begin_node(k->ctx, "hotplug-memory");
	rc = rc ?: emit_string(k, "compatible", "hotsbi,memory-hotplug");
	rc = rc ?: emit_u32(k, "#address-cells", 2);
	rc = rc ?: emit_u32(k, "#size-cells", 2);
	rc = rc ?: emit_u32(k, "hotsbi,sbi-extension-id", eid);
	rc = rc ?: emit_u64(k, MEMHP_FDT_MAX_PFN, max_pfn);
	for (i = 0; !rc && i < n; i++) {
		const struct memhp_window *w = memhp_window_get(i);
		char name[32];

		unit_name(name, "window", w->base);
		rc = k->begin_node(k->ctx, name);
		rc = rc ?: emit_string(k, "compatible", WINDOW_COMPAT);
		rc = rc ?: emit_reg(k, w->base, w->size);
		rc = rc ?: emit_u32(k, "hotsbi,window-id", i);
		rc = rc ?: emit_u64(k, MEMHP_FDT_BLOCK_SIZE, w->block_size);
		if (!rc && (w->flags & MEMHP_FLAG_EMULATED))
			rc = k->prop(k->ctx, "hotsbi,emulated", "", 0);
		if (!rc && (w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG))
			rc = k->prop(k->ctx, "hotsbi,scrub-on-unplug", "", 0);
		if (!rc && (w->flags & MEMHP_FLAG_NUMA_NODE_VALID))
			rc = emit_u32(k, "numa-node-id", w->numa_node);
		rc = rc ?: k->end_node(k->ctx);
	}
	rc = rc ?: k->end_node(k->ctx);
	for (i = 0; !rc && i < n; i++)
		rc = emit_pmem(k, memhp_window_get(i));
	return rc;
}
