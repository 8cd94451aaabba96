// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree input and output of the memory-hotplug manager.
 *
 * Input: board windows ("hotsbi,memory-hotplug-window" nodes) are checked
 * (block size a power of two >= 4 KiB, base and size block-aligned, no
 * overlap with RAM, the firmware, device registers or another window)
 * and adopted; the emulated card is carved from the top of the highest
 * RAM bank, its size from /chosen/hotsbi,emulated-card-size or a build
 * default. Output: the container node of docs/memhp.md, section 3.
 */
#include <libfdt.h>
#include <memhp/memhp.h>
#include <memhp/memhp_fdt.h>

#define WINDOW_COMPAT	"hotsbi,memory-hotplug-window"
#define CARD_PROP	"hotsbi,emulated-card-size"
/* The card leaves at least this much of its bank as boot RAM. */
#define CARD_MIN_BOOT_RAM 0x4000000ULL

static const struct memhp_port *log_port;

static u64 read_cells(const fdt32_t *p, int cells)
{
	u64 v = 0;
	int i;

	for (i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static bool overlaps(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

/* Read reg entry 0 with the parent's cell counts. */
static int node_reg(const void *fdt, int node, u64 *base, u64 *size)
{
	int parent = fdt_parent_offset(fdt, node), len, ac, sc;
	const fdt32_t *reg;

	if (parent < 0)
		return -1;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || !reg ||
	    len < (ac + sc) * 4)
		return -1;
	*base = read_cells(reg, ac);
	*size = read_cells(reg + ac, sc);
	return 0;
}

static int prop_u64(const void *fdt, int node, const char *name, u64 *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

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

/*
 * True when [base, base + size) overlaps a device's registers: the reg
 * of any node outside /memory, /reserved-memory, /cpus and the windows.
 */
static bool overlaps_mmio(const void *fdt, u64 base, u64 size, int self)
{
	int node, depth = 0;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const char *type, *name;
		int len, parent, ac, sc, i;
		const fdt32_t *reg;

		if (node == self || depth < 1)
			continue;
		name = fdt_get_name(fdt, node, NULL);
		type = fdt_getprop(fdt, node, "device_type", &len);
		if ((type && !strncmp(type, "memory", len)) ||
		    !fdt_node_check_compatible(fdt, node, WINDOW_COMPAT) ||
		    (name && (!strncmp(name, "cpus", 4) ||
			      !strncmp(name, "reserved-memory", 15))))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		parent = fdt_parent_offset(fdt, node);
		/* Only buses map addresses: skip reg under cpus and the like. */
		if (parent != 0 && fdt_node_check_compatible(fdt, parent, "simple-bus"))
			continue;
		ac = fdt_address_cells(fdt, parent);
		sc = fdt_size_cells(fdt, parent);
		if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
			continue;
		for (i = 0; (i + 1) * (ac + sc) * 4 <= len; i++) {
			u64 b = read_cells(reg + i * (ac + sc), ac);
			u64 s = read_cells(reg + i * (ac + sc) + ac, sc);

			if (s && overlaps(base, size, b, s))
				return true;
		}
	}
	return false;
}

static void log_skip(const void *fdt, int node, const char *why)
{
	if (log_port && log_port->log)
		log_port->log("memhp: %s skipped: %s\n",
			      fdt_get_name(fdt, node, NULL), why);
}

static const char *check_board_window(const void *fdt, int node,
				      const struct memhp_fdt_env *env,
				      u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < env->nram; i++)
		if (overlaps(base, size, env->ram[i].base, env->ram[i].size))
			return "overlaps boot RAM";
	if (overlaps(base, size, env->fw_base, env->fw_size))
		return "overlaps the firmware";
	if (overlaps_mmio(fdt, base, size, node))
		return "overlaps device registers";
	return NULL;
}

static void parse_board_windows(const void *fdt, struct memhp_fdt_env *env)
{
	int node;

	for (node = fdt_node_offset_by_compatible(fdt, -1, WINDOW_COMPAT);
	     node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, WINDOW_COMPAT)) {
		u64 base, size, bs = MEMHP_BLOCK_SIZE_DEFAULT, nid = 0;
		unsigned long flags = 0;
		const char *why = NULL;
		int len;

		if (node_reg(fdt, node, &base, &size)) {
			log_skip(fdt, node, "no usable reg");
			continue;
		}
		if (prop_u64(fdt, node, "block-size", &bs) == -2) {
			log_skip(fdt, node, "block-size is neither u32 nor u64");
			continue;
		}
		if (!prop_u64(fdt, node, "numa-node-id", &nid))
			flags |= MEMHP_FLAG_NUMA_NODE_VALID;
		if (fdt_getprop(fdt, node, "hotsbi,scrub-on-unplug", &len))
			flags |= MEMHP_FLAG_SCRUB_ON_UNPLUG;
		why = check_board_window(fdt, node, env, base, size);
		if (!why && memhp_add_window(base, size, bs, flags, nid, &why))
			why = why ? why : "rejected";
		if (why) {
			log_skip(fdt, node, why);
			continue;
		}
		if (log_port && log_port->log)
			log_port->log("memhp: window %u from %s: 0x%lx-0x%lx, block 0x%lx\n",
				      memhp_window_count() - 1,
				      fdt_get_name(fdt, node, NULL),
				      (unsigned long)base,
				      (unsigned long)(base + size - 1),
				      (unsigned long)bs);
	}
}

static const char *carve_card(const void *fdt, struct memhp_fdt_env *env)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	u64 size = env->card_default, base, end;
	struct memhp_range *top = NULL;
	const char *why;
	unsigned int i;
	int rc;

	if (chosen >= 0) {
		rc = prop_u64(fdt, chosen, CARD_PROP, &size);
		if (rc == -2)
			return "/chosen/" CARD_PROP " is neither u32 nor u64";
	}
	if (!size)
		return NULL;
	if (size & (MEMHP_BLOCK_SIZE_DEFAULT - 1))
		return "card size is not a multiple of the 128 MiB block";
	for (i = 0; i < env->nram; i++)
		if (!top || env->ram[i].base + env->ram[i].size >
				    top->base + top->size)
			top = &env->ram[i];
	if (!top)
		return "no RAM bank";
	end = (top->base + top->size) & ~(MEMHP_BLOCK_SIZE_DEFAULT - 1);
	if (end < top->base || end - top->base < size + CARD_MIN_BOOT_RAM)
		return "the highest RAM bank is too small for the card";
	base = end - size;
	if (overlaps(base, size, env->fw_base, env->fw_size))
		return "the card would cover the firmware";
	for (i = 0; i < env->nprotect; i++)
		if (overlaps(base, size, env->protect[i].base,
			     env->protect[i].size))
			return "the card would cover the next stage or its initrd";
	if (memhp_add_window(base, size, MEMHP_BLOCK_SIZE_DEFAULT,
			     MEMHP_FLAG_EMULATED | MEMHP_FLAG_SCRUB_ON_UNPLUG, 0,
			     &why))
		return why;
	top->size = base - top->base;
	env->card.base = base;
	env->card.size = size;
	return NULL;
}

int memhp_fdt_parse(const void *fdt, struct memhp_fdt_env *env)
{
	unsigned int before = memhp_window_count();
	const char *why;

	env->card.base = env->card.size = 0;
	parse_board_windows(fdt, env);
	why = carve_card(fdt, env);
	if (why && log_port && log_port->log)
		log_port->log("memhp: no emulated card: %s\n", why);
	return memhp_window_count() - before;
}

void memhp_fdt_set_log(const struct memhp_port *port)
{
	log_port = port;
}

/* ---------------------------------------------------------- publication */

static int setprop_u64(void *fdt, int node, const char *name, u64 v)
{
	fdt32_t c[2] = { cpu_to_fdt32(v >> 32), cpu_to_fdt32((u32)v) };

	return fdt_setprop(fdt, node, name, c, sizeof(c));
}

/* Rewrite every /memory node's reg from the (carved) RAM banks. */
static int publish_memory(void *fdt, const struct memhp_fdt_env *env)
{
	int node, rc;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		int len, ac, sc, parent, i, n, out = 0;
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		fdt32_t reg[MEMHP_FDT_RAM_MAX * 4];
		const fdt32_t *old;

		if (!type || strncmp(type, "memory", len))
			continue;
		parent = fdt_parent_offset(fdt, node);
		ac = fdt_address_cells(fdt, parent);
		sc = fdt_size_cells(fdt, parent);
		old = fdt_getprop(fdt, node, "reg", &len);
		if (!old || ac < 1 || ac > 2 || sc < 1 || sc > 2)
			continue;
		n = len / ((ac + sc) * 4);
		if (n > MEMHP_FDT_RAM_MAX)
			n = MEMHP_FDT_RAM_MAX;
		for (i = 0; i < n; i++) {
			u64 b = read_cells(old + i * (ac + sc), ac);
			u64 s = read_cells(old + i * (ac + sc) + ac, sc);
			unsigned int k;

			/* A bank keeps its base; the carve only lowers its end. */
			for (k = 0; k < env->nram; k++)
				if (env->ram[k].base == b && env->ram[k].size < s)
					s = env->ram[k].size;
			if (!s)
				continue;
			if (ac == 2)
				reg[out++] = cpu_to_fdt32(b >> 32);
			reg[out++] = cpu_to_fdt32((u32)b);
			if (sc == 2)
				reg[out++] = cpu_to_fdt32(s >> 32);
			reg[out++] = cpu_to_fdt32((u32)s);
		}
		rc = fdt_setprop(fdt, node, "reg", reg, out * 4);
		if (rc)
			return rc;
	}
	return 0;
}

/* The board's own window nodes are replaced by the published container. */
static int remove_board_windows(void *fdt)
{
	int node, rc;

	while ((node = fdt_node_offset_by_compatible(fdt, -1, WINDOW_COMPAT)) >= 0) {
		rc = fdt_del_node(fdt, node);
		if (rc)
			return rc;
	}
	return 0;
}

int memhp_fdt_publish(void *fdt, const struct memhp_fdt_env *env,
		      unsigned long eid)
{
	unsigned int i, n = memhp_window_count();
	unsigned long max_pfn = 0;
	int rc, cont;

	rc = publish_memory(fdt, env);
	rc = rc ?: remove_board_windows(fdt);
	if (rc)
		return rc;
	memhp_get_attr(MEMHP_ATTR_MAX_PFN, 0, &max_pfn);

	cont = fdt_add_subnode(fdt, 0, "hotplug-memory");
	if (cont < 0)
		return cont;
	rc = fdt_setprop_string(fdt, cont, "compatible", "hotsbi,memory-hotplug");
	rc = rc ?: fdt_setprop_u32(fdt, cont, "#address-cells", 2);
	rc = rc ?: fdt_setprop_u32(fdt, cont, "#size-cells", 2);
	rc = rc ?: fdt_setprop_u32(fdt, cont, "hotsbi,sbi-extension-id", eid);
	rc = rc ?: setprop_u64(fdt, cont, "max-possible-pfn", max_pfn);
	if (rc)
		return rc;

	/* Added in reverse so the children end up in window order. */
	for (i = n; i-- > 0;) {
		const struct memhp_window *w = memhp_window_get(i);
		fdt32_t reg[4] = { cpu_to_fdt32(w->base >> 32),
				   cpu_to_fdt32((u32)w->base),
				   cpu_to_fdt32(w->size >> 32),
				   cpu_to_fdt32((u32)w->size) };
		char name[32];
		int node, k = 0;
		unsigned long b = w->base;
		char hex[17];

		/* "window@<base in hex>" without a printf. */
		do {
			hex[k++] = "0123456789abcdef"[b & 0xf];
			b >>= 4;
		} while (b);
		memcpy(name, "window@", 7);
		for (b = 0; b < (unsigned long)k; b++)
			name[7 + b] = hex[k - 1 - b];
		name[7 + k] = '\0';

		node = fdt_add_subnode(fdt, cont, name);
		if (node < 0)
			return node;
		rc = fdt_setprop_string(fdt, node, "compatible", WINDOW_COMPAT);
		rc = rc ?: fdt_setprop(fdt, node, "reg", reg, sizeof(reg));
		rc = rc ?: fdt_setprop_u32(fdt, node, "hotsbi,window-id", i);
		rc = rc ?: setprop_u64(fdt, node, "block-size", w->block_size);
		if (!rc && (w->flags & MEMHP_FLAG_EMULATED))
			rc = fdt_setprop_empty(fdt, node, "hotsbi,emulated");
		if (!rc && (w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG))
			rc = fdt_setprop_empty(fdt, node, "hotsbi,scrub-on-unplug");
		if (!rc && (w->flags & MEMHP_FLAG_NUMA_NODE_VALID))
			rc = fdt_setprop_u32(fdt, node, "numa-node-id",
					     w->numa_node);
		if (rc)
			return rc;
	}
	return 0;
}
