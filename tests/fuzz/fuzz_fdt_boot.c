// SPDX-License-Identifier: BSD-2-Clause
/*
 * The device-tree input path of cold boot for the fuzz targets: what
 * sbi_cold_boot does with the tree up to the fixup (fdt_helper_validate,
 * generic_platform_scan, sbi_pmp_init, sbi_memhp_cold_init), followed by checks that what
 * the firmware accepted makes sense, made with libfdt and plain code
 * here rather than the firmware's own helpers:
 *  - the hart table: at most HARTS_MAX harts, unique ids, indices in order;
 *  - RAM banks: 1 to 8, non-empty, not wrapping;
 *  - windows: block size a power of two >= 4 KiB, base and size aligned
 *    to it, inside the address space, disjoint from each other, the
 *    firmware and every boot RAM bank left after the card;
 *  - board windows: from a window node of the tree with that reg,
 *    block-size and flags, outside the RAM, not over device registers;
 *  - the emulated card: present exactly when its size (from /chosen or
 *    the build default) fits at the top of the highest bank, carved from
 *    there, with the bank cut to end where the card starts;
 *  - the boot plan: fits the harts' PMP, and decoded denies the firmware
 *    and every window and allows the boot RAM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "host_fakes.h"
#include "fuzz_common.h"
#include "fuzz_fdt_boot.h"
#include <memhp/memhp.h>
#include <sbi/sbi_pmp.h>
#include <memhp/memhp_fdt.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_memhp.h>
#include <sbi_utils/fdt_memhp.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_platform.h>
#include <generic_platform.h>
#include <sbi_utils/fdt_helper.h>

#define CARD_BLOCK	0x8000000ULL
#define CARD_MIN_RAM	0x4000000ULL
#define PHYS_END	(1ULL << 56)

struct fuzz_fdt_stats fuzz_fdt_stats;

static bool overlaps(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

u64 fuzz_cells_value(const fdt32_t *p, int n)
{
	u64 v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* #address-cells / #size-cells as the manager reads them (4 bytes or default). */
static int node_cells(const void *fdt, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len == 4 ? (int)fdt32_to_cpu(*p) : dflt;
}

static bool is_compatible(const void *fdt, int node, const char *c)
{
	return !fdt_node_check_compatible(fdt, node, c);
}

/* A u32 or u64 property: 0 absent, 1 read, -1 another length. */
static int prop_u64(const void *fdt, int node, const char *name, u64 *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return 0;
	if (len != 4 && len != 8)
		return -1;
	*v = fuzz_cells_value(p, len / 4);
	return 1;
}

/* Does a window node of the tree describe this board window? */
static bool window_node_matches(const void *fdt, const struct memhp_window *w)
{
	int node;

	for (node = fdt_node_offset_by_compatible(fdt, -1, MEMHP_FDT_WINDOW_COMPAT);
	     node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, MEMHP_FDT_WINDOW_COMPAT)) {
		int parent = fdt_parent_offset(fdt, node), len, ac, sc;
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
		u64 bs = MEMHP_BLOCK_SIZE_DEFAULT, nid;
		unsigned long flags = 0;

		if (parent < 0 || !reg)
			continue;
		ac = node_cells(fdt, parent, "#address-cells", 2);
		sc = node_cells(fdt, parent, "#size-cells", 1);
		if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < (ac + sc) * 4 ||
		    fuzz_cells_value(reg, ac) != w->base ||
		    fuzz_cells_value(reg + ac, sc) != w->size)
			continue;
		if (prop_u64(fdt, node, "block-size", &bs) < 0)
			continue;
		if (prop_u64(fdt, node, "numa-node-id", &nid) > 0)
			flags |= MEMHP_FLAG_NUMA_NODE_VALID;
		else
			nid = 0;
		if (fdt_getprop(fdt, node, "hotsbi,scrub-on-unplug", &len))
			flags |= MEMHP_FLAG_SCRUB_ON_UNPLUG;
		if (bs == w->block_size && flags == w->flags &&
		    (!(flags & MEMHP_FLAG_NUMA_NODE_VALID) ||
		     (unsigned long)nid == w->numa_node))
			return true;
	}
	return false;
}

/*
 * The registers of devices directly under the root or a simple-bus (not
 * memory, cpus, reserved-memory or window nodes) that [base, size) hits.
 */
static bool hits_device(const void *fdt, u64 base, u64 size)
{
	int node, depth = 0;

	for (node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		int parent = fdt_parent_offset(fdt, node), len, ac, sc, i;
		const char *name = fdt_get_name(fdt, node, NULL), *type;
		const fdt32_t *reg;

		if (parent < 0 || depth >= 16 ||
		    (parent != 0 && !is_compatible(fdt, parent, "simple-bus")))
			continue;
		/* Only buses all the way up count as the manager sees them. */
		{
			int up = parent, ok = 1;

			while (up > 0 && ok) {
				ok = is_compatible(fdt, up, "simple-bus");
				up = fdt_parent_offset(fdt, up);
			}
			if (!ok)
				continue;
		}
		if (is_compatible(fdt, node, MEMHP_FDT_WINDOW_COMPAT))
			continue;
		type = fdt_getprop(fdt, node, "device_type", &len);
		if ((type && !strncmp(type, "memory", len)) ||
		    (name && (!strncmp(name, "cpus", 4) ||
			      !strncmp(name, "reserved-memory", 15))))
			continue;
		ac = node_cells(fdt, parent, "#address-cells", 2);
		sc = node_cells(fdt, parent, "#size-cells", 1);
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2)
			continue;
		for (i = 0; (i + 1) * (ac + sc) * 4 <= len; i++) {
			u64 rb = fuzz_cells_value(reg + i * (ac + sc), ac);
			u64 rs = fuzz_cells_value(reg + i * (ac + sc) + ac, sc);

			if (rs && overlaps(base, size, rb, rs))
				return true;
		}
	}
	return false;
}

static void check_platform(void)
{
	unsigned long i, j;

	FUZZ_ASSERT(sbi_hart_count >= 1 && sbi_hart_count <= HARTS_MAX,
		    "%lu harts", sbi_hart_count);
	for (i = 0; i < sbi_hart_count; i++) {
		FUZZ_ASSERT(sbi_harts[i].index == i && sbi_hart_ids[i] == sbi_harts[i].hartid,
			    "hart table entry %lu", i);
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(sbi_hart_ids[j] != sbi_hart_ids[i],
				    "hart id %lu twice", sbi_hart_ids[i]);
	}
	FUZZ_ASSERT(sbi_platform.mem_count >= 1 &&
			    sbi_platform.mem_count <= SBI_PLATFORM_MEM_BANKS_MAX,
		    "%u RAM banks", sbi_platform.mem_count);
	for (i = 0; i < sbi_platform.mem_count; i++)
		FUZZ_ASSERT(sbi_platform.mem[i].size &&
				    sbi_platform.mem[i].base + sbi_platform.mem[i].size >
					    sbi_platform.mem[i].base,
			    "RAM bank %lu: 0x%llx+0x%llx", i,
			    (unsigned long long)sbi_platform.mem[i].base,
			    (unsigned long long)sbi_platform.mem[i].size);
	FUZZ_ASSERT(memchr(sbi_platform.model, 0, sizeof(sbi_platform.model)) &&
			    memchr(sbi_platform.console_desc, 0, sizeof(sbi_platform.console_desc)) &&
			    memchr(sbi_platform.timer_desc, 0, sizeof(sbi_platform.timer_desc)) &&
			    memchr(sbi_platform.reset_desc, 0, sizeof(sbi_platform.reset_desc)),
		    "unterminated platform strings");
}

/* The card size the firmware should use, or 0 for none. */
static u64 expected_card(const void *fdt, bool *bad_prop)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	u64 size = MEMHP_CARD_SIZE;

	*bad_prop = false;
	if (chosen >= 0 && prop_u64(fdt, chosen, "hotsbi,emulated-card-size", &size) < 0)
		*bad_prop = true;
	return *bad_prop ? 0 : size;
}

/*
 * Entries the boot plan needs with a card at [@base, @base + @size) (all
 * unplugged) and the board's windows (every window but @card).
 */
static unsigned int card_cost(u64 base, u64 size,
			      const struct memhp_window *card)
{
	static struct memhp_plan_work work;
	struct memhp_plan_window pw = { base, CARD_BLOCK, size / CARD_BLOCK, 0, NULL };
	unsigned int i, cost = memhp_plan_window_cost(&work, &pw);

	for (i = 0; i < memhp_window_count(); i++) {
		const struct memhp_window *w = memhp_window_get(i);
		struct memhp_plan_window ow = { w->base, w->block_size, w->nblocks, 0, NULL };

		if (w != card)
			cost += memhp_plan_window_cost(&work, &ow);
	}
	return cost;
}

static void check_windows(const struct fuzz_boot *b)
{
	unsigned int i, j, n = memhp_window_count(), ncards = 0, top = 0;
	const struct memhp_window *card = NULL;
	u64 want_card, top_end;
	bool bad_prop;

	FUZZ_ASSERT(n <= MEMHP_WINDOWS_MAX, "%u windows", n);
	for (i = 0; i < n; i++) {
		const struct memhp_window *w = memhp_window_get(i);

		FUZZ_ASSERT(w->block_size >= 4096 && !(w->block_size & (w->block_size - 1)),
			    "window %u block size 0x%llx", i,
			    (unsigned long long)w->block_size);
		FUZZ_ASSERT(w->size && !(w->base % w->block_size) &&
				    !(w->size % w->block_size) &&
				    w->nblocks == w->size / w->block_size &&
				    w->base + w->size > w->base,
			    "window %u: 0x%llx+0x%llx in blocks of 0x%llx", i,
			    (unsigned long long)w->base, (unsigned long long)w->size,
			    (unsigned long long)w->block_size);
		FUZZ_ASSERT(!overlaps(w->base, w->size, FUZZ_FW_BASE, FUZZ_FW_SIZE),
			    "window %u overlaps the firmware", i);
		FUZZ_ASSERT(!w->plugged_blocks && !w->plugged.n && !w->generation,
			    "window %u does not start unplugged", i);
		for (j = 0; j < i; j++) {
			const struct memhp_window *o = memhp_window_get(j);

			FUZZ_ASSERT(!overlaps(w->base, w->size, o->base, o->size),
				    "windows %u and %u overlap", j, i);
		}
		for (j = 0; j < sbi_platform.mem_count; j++)
			FUZZ_ASSERT(!overlaps(w->base, w->size, sbi_platform.mem[j].base,
					      sbi_platform.mem[j].size),
				    "window %u (0x%llx+0x%llx) overlaps boot RAM bank %u (0x%llx+0x%llx)",
				    i, (unsigned long long)w->base,
				    (unsigned long long)w->size, j,
				    (unsigned long long)sbi_platform.mem[j].base,
				    (unsigned long long)sbi_platform.mem[j].size);
		if (w->flags & MEMHP_FLAG_EMULATED) {
			ncards++;
			card = w;
			continue;
		}
		FUZZ_ASSERT(window_node_matches(b->fdt, w),
			    "board window %u (0x%llx+0x%llx) has no matching node", i,
			    (unsigned long long)w->base, (unsigned long long)w->size);
		for (j = 0; j < b->nram; j++)
			FUZZ_ASSERT(!overlaps(w->base, w->size, b->ram[j].base, b->ram[j].size),
				    "board window %u overlaps RAM bank %u", i, j);
		FUZZ_ASSERT(!hits_device(b->fdt, w->base, w->size),
			    "board window %u overlaps device registers", i);
	}
	FUZZ_ASSERT(ncards <= 1, "%u emulated cards", ncards);

	/* Where the card goes, computed here. */
	for (i = 1; i < b->nram; i++)
		if (b->ram[i].base + b->ram[i].size > b->ram[top].base + b->ram[top].size)
			top = i;
	top_end = (b->ram[top].base + b->ram[top].size) & ~(CARD_BLOCK - 1);
	want_card = expected_card(b->fdt, &bad_prop);
	if (want_card & (CARD_BLOCK - 1) || top_end < b->ram[top].base ||
	    top_end - b->ram[top].base < want_card + CARD_MIN_RAM)
		want_card = 0;
	if (want_card) {
		u64 base = top_end - want_card;
		bool fits = top_end <= PHYS_END &&
			    !overlaps(base, want_card, FUZZ_FW_BASE, FUZZ_FW_SIZE) &&
			    !overlaps(base, want_card, FUZZ_NEXT_ADDR, 1) &&
			    !(sbi_platform.initrd_end > sbi_platform.initrd_start &&
			      overlaps(base, want_card, sbi_platform.initrd_start,
				       sbi_platform.initrd_end - sbi_platform.initrd_start));

		for (i = 0; i < n; i++) {
			const struct memhp_window *w = memhp_window_get(i);

			if (w != card && overlaps(base, want_card, w->base, w->size))
				fits = false;
		}
		if (n - ncards >= MEMHP_WINDOWS_MAX)
			fits = false;
		/* The PMP budget left after the denies holds it unplugged. */
		if (card_cost(base, want_card, card) > sbi_pmp_group_budget())
			fits = false;
		if (!fits)
			want_card = 0;
	}
	if (!want_card) {
		FUZZ_ASSERT(!card, "a card 0x%llx+0x%llx the tree does not ask for or that does not fit",
			    (unsigned long long)card->base, (unsigned long long)card->size);
		for (i = 0; i < b->nram; i++)
			FUZZ_ASSERT(sbi_platform.mem[i].size == b->ram[i].size,
				    "RAM bank %u changed without a card", i);
		return;
	}
	fuzz_fdt_stats.cards++;
	FUZZ_ASSERT(card, "no card although 0x%llx fits below 0x%llx",
		    (unsigned long long)want_card, (unsigned long long)top_end);
	FUZZ_ASSERT(card->base == top_end - want_card && card->size == want_card &&
			    card->block_size == CARD_BLOCK,
		    "card 0x%llx+0x%llx, expected 0x%llx+0x%llx",
		    (unsigned long long)card->base, (unsigned long long)card->size,
		    (unsigned long long)(top_end - want_card),
		    (unsigned long long)want_card);
	/* In the NUMA node the platform read for the bank it came from. */
	FUZZ_ASSERT(card->flags == (MEMHP_FLAG_EMULATED | MEMHP_FLAG_SCRUB_ON_UNPLUG |
				    (b->ram[top].has_node ? MEMHP_FLAG_NUMA_NODE_VALID : 0)) &&
			    card->numa_node == (b->ram[top].has_node ? b->ram[top].node : 0),
		    "card flags 0x%lx node %lu, bank %u has node %d (%u)",
		    card->flags, card->numa_node, top, b->ram[top].has_node,
		    b->ram[top].node);
	for (i = 0; i < b->nram; i++)
		FUZZ_ASSERT(sbi_platform.mem[i].size ==
				    (i == top ? card->base - b->ram[i].base : b->ram[i].size),
			    "RAM bank %u is 0x%llx bytes after the card", i,
			    (unsigned long long)sbi_platform.mem[i].size);
}

/* The boot plan decoded: firmware and windows denied, boot RAM allowed. */
static void check_boot_plan(void)
{
	static struct fuzz_pmp_map map;
	unsigned long cfg[PMP_COUNT_MAX / 8] = { 0 }, addr[PMP_COUNT_MAX] = { 0 };
	unsigned int i, n = memhp_window_count(), used = sbi_pmp_entries_used();
	u8 all, any;

	FUZZ_ASSERT(used >= 2 && used <= FUZZ_FDT_PMP, "boot layout of %u entries",
		    used);
	/* What the boot hart programs (its CSRs are live in host_csr). */
	sbi_pmp_sync_self(&sbi_harts[fuzz_cur]);
	for (i = 0; i < PMP_COUNT_MAX / 8; i++)
		cfg[i] = host_csr[CSR_PMPCFG0 + 2 * i];
	for (i = 0; i < PMP_COUNT_MAX; i++)
		addr[i] = host_csr[CSR_PMPADDR0 + i];
	fuzz_pmp_decode(cfg, addr, FUZZ_FDT_PMP, &map);
	if (getenv("FUZZ_DEBUG")) {
		for (i = 0; i < used; i++)
			fprintf(stderr, "pmp %u: cfg 0x%lx addr 0x%lx\n", i,
				(cfg[i / 8] >> (8 * (i % 8))) & 0xff, addr[i]);
		for (i = 0; i < map.n; i++)
			fprintf(stderr, "map %u: 0x%llx perm %u\n", i, (unsigned long long)map.start[i], map.perm[i]);
		for (i = 0; i < sbi_platform.mem_count; i++)
			fprintf(stderr, "bank %u: 0x%llx+0x%llx\n", i, (unsigned long long)sbi_platform.mem[i].base, (unsigned long long)sbi_platform.mem[i].size);
	}
	fuzz_pmp_range(&map, FUZZ_FW_BASE, FUZZ_FW_SIZE, &all, &any);
	FUZZ_ASSERT(!any, "boot plan lets S-mode reach the firmware");
	for (i = 0; i < n; i++) {
		const struct memhp_window *w = memhp_window_get(i);

		fuzz_pmp_range(&map, w->base, w->size, &all, &any);
		FUZZ_ASSERT(!any, "boot plan lets S-mode reach window %u", i);
	}
	for (i = 0; i < sbi_platform.mem_count; i++) {
		u64 lo = sbi_platform.mem[i].base, hi = lo + sbi_platform.mem[i].size;

		/*
		 * Physical addresses have 56 bits (PMP addresses 54 + 2): the
		 * firmware takes larger /memory addresses as they are, PMP
		 * cannot say anything about them.
		 */
		if (lo >= PHYS_END)
			continue;
		if (hi > PHYS_END)
			hi = PHYS_END;

		/* Check the parts of the bank on either side of the firmware. */
		if (lo < FUZZ_FW_BASE) {
			fuzz_pmp_range(&map, lo, (hi < FUZZ_FW_BASE ? hi : FUZZ_FW_BASE) - lo,
				       &all, &any);
			FUZZ_ASSERT(all == 7, "boot plan denies RAM below the firmware");
		}
		if (hi > FUZZ_FW_BASE + FUZZ_FW_SIZE) {
			u64 from = lo > FUZZ_FW_BASE + FUZZ_FW_SIZE ? lo :
								   FUZZ_FW_BASE + FUZZ_FW_SIZE;

			fuzz_pmp_range(&map, from, hi - from, &all, &any);
			FUZZ_ASSERT(all == 7, "boot plan denies RAM bank %u above the firmware", i);
		}
	}
}

bool fuzz_fdt_boot(const u8 *data, size_t size, struct fuzz_boot *b)
{
	const char *why;
	unsigned int i, j;

	memset(b, 0, sizeof(*b));
	fuzz_fdt_stats.inputs++;
	fuzz_machine_reset(FUZZ_FDT_PMP);
	b->fdt = fuzz_fdt_copy(data, size);

	why = fdt_helper_validate(b->fdt);
	if (why) {
		FUZZ_ASSERT(*why, "empty refusal message");
		return false;
	}
	fuzz_fdt_stats.valid++;
	if (generic_platform_scan(b->fdt)) {
		FUZZ_ASSERT(sbi_hart_count <= HARTS_MAX, "%lu harts", sbi_hart_count);
		return false;
	}
	fuzz_fdt_stats.platform_ok++;
	check_platform();
	fuzz_platform_fakes();

	for (b->boot = 0; b->boot < sbi_hart_count && !sbi_harts[b->boot].s_capable;
	     b->boot++)
		;
	if (b->boot == sbi_hart_count)
		return false;		/* no S-mode hart: the boot stops */
	b->nram = sbi_platform.mem_count;
	memcpy(b->ram, sbi_platform.mem, sizeof(b->ram));
	/* The platform scan keeps the first of overlapping banks only. */
	for (i = 0; i < b->nram; i++)
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(!overlaps(b->ram[i].base, b->ram[i].size,
					      b->ram[j].base, b->ram[j].size),
				    "RAM banks %u and %u overlap", j, i);
	sbi_fw_base = FUZZ_FW_BASE;
	sbi_fw_size = FUZZ_FW_SIZE;
	fuzz_switch_to(b->boot);

	/* Windows the PMP cannot enforce are dropped: the boot goes on. */
	fuzz_protection_init(b->boot);
	FUZZ_ASSERT(!sbi_memhp_cold_init(b->fdt, &fdt_memhp_tree, FUZZ_NEXT_ADDR),
		    "boot refused a layout of %u entries", sbi_pmp_entries_used());
	fuzz_fdt_stats.windows += memhp_window_count();
	check_windows(b);
	check_boot_plan();
	for (i = 0; i < sbi_hart_count; i++)
		FUZZ_ASSERT(!sbi_harts[i].s_capable || sbi_harts[i].hartid == sbi_hart_ids[i],
			    "hart %u", i);
	fuzz_fdt_stats.booted++;
	return true;
}
