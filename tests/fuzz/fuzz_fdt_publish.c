// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target fuzz-fdt-publish: the input is 8 bytes of manager
 * state (four PLUG requests) followed by a device tree blob. A tree the
 * input path accepts (fuzz_fdt_boot.c) gets the blocks plugged, then the
 * firmware publishes the tree for the next stage exactly as cold boot
 * does (fdt_fixup_rebuild with fdt_memhp_emit into a 64 KiB buffer).
 * The output must pass libfdt's fdt_check_full() and the firmware's own
 * validator, fit the buffer, and say what the firmware state says:
 *  - no /memory range covers any window (plugged or not);
 *  - /reserved-memory/hotsbi@<base> covers the firmware, no-map;
 *  - one /hotplug-memory container with the EID, MAX_PFN and one
 *    window@<base> child per window, in order, with reg, id, block size,
 *    flags and NUMA node as the manager has them, and no other window
 *    node anywhere;
 *  - CPUs that cannot run S-mode say status = "disabled".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "host_fakes.h"
#include "fuzz_common.h"
#include "fuzz_fdt_boot.h"
#include <memhp/memhp.h>
#include <memhp/memhp_fdt.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_hsm.h>
#include <sbi/sbi_memhp.h>
#include <sbi_utils/fdt_memhp.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi_utils/fdt_fixup.h>
#include <sbi_utils/fdt_helper.h>

/* sbi_init.c's scratch buffer for the tree handed on. */
#define OUT_SIZE	0x10000

static unsigned long published, plugs, nospace, other_errors, lax_inputs;

static void report(void)
{
	fprintf(stderr, "fuzz-fdt-publish: %lu inputs, %lu booted, %lu published, %lu runs plugged, %lu too big, %lu other refusals, %lu inputs only the firmware accepts\n",
		fuzz_fdt_stats.inputs, fuzz_fdt_stats.booted, published, plugs,
		nospace, other_errors, lax_inputs);
}

int LLVMFuzzerInitialize(int *argc __unused, char ***argv __unused)
{
	atexit(report);
	return 0;
}

/* Root cell counts as the fixup reads them (first 4 bytes, defaults 2/1). */
static u32 root_cells(const void *fdt, const char *name, u32 dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, 0, name, &len);

	return p && len >= 4 ? fdt32_to_cpu(*p) : dflt;
}

static u64 prop_u(const void *fdt, int node, const char *name, int want_len)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	FUZZ_ASSERT(p && len == want_len, "%s/%s: length %d, want %d",
		    fdt_get_name(fdt, node, NULL), name, p ? len : -1, want_len);
	return fuzz_cells_value(p, len / 4);
}

static void check_memory(const void *out)
{
	u32 ac = root_cells(out, "#address-cells", 2);
	u32 sc = root_cells(out, "#size-cells", 1);
	unsigned int n = memhp_window_count(), i;
	int node, len, k;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return;
	fdt_for_each_subnode(node, out, 0) {
		const char *type = fdt_getprop(out, node, "device_type", &len);
		const fdt32_t *reg;

		if (!type || len != sizeof("memory") || strcmp(type, "memory"))
			continue;
		reg = fdt_getprop(out, node, "reg", &len);
		for (k = 0; reg && (k + 1) * (int)(ac + sc) * 4 <= len; k++) {
			u64 b = fuzz_cells_value(reg + k * (ac + sc), ac);
			u64 s = fuzz_cells_value(reg + k * (ac + sc) + ac, sc);

			for (i = 0; i < n; i++) {
				const struct memhp_window *w = memhp_window_get(i);

				FUZZ_ASSERT(!s || b + s <= w->base || w->base + w->size <= b,
					    "published /memory 0x%llx+0x%llx covers window %u (0x%llx+0x%llx)",
					    (unsigned long long)b, (unsigned long long)s, i,
					    (unsigned long long)w->base,
					    (unsigned long long)w->size);
			}
		}
	}
}

static void check_reserved(const void *out)
{
	int resv = -1, node, len, ac, sc;
	const fdt32_t *reg;
	char name[32];

	fdt_for_each_subnode(node, out, 0) {
		const char *n = fdt_get_name(out, node, NULL);

		if (n && (!strcmp(n, "reserved-memory") ||
			  !strncmp(n, "reserved-memory@", 16))) {
			resv = node;
			break;
		}
	}
	FUZZ_ASSERT(resv >= 0, "no /reserved-memory");
	snprintf(name, sizeof(name), "hotsbi@%llx", (unsigned long long)FUZZ_FW_BASE);
	node = fdt_subnode_offset(out, resv, name);
	FUZZ_ASSERT(node >= 0, "no %s under reserved-memory", name);
	FUZZ_ASSERT(fdt_getprop(out, node, "no-map", &len) && len == 0, "%s: no-map", name);
	/* What an OS requires of /reserved-memory (Linux ignores it else). */
	FUZZ_ASSERT(fdt_getprop(out, resv, "#address-cells", &len) &&
		    fdt_getprop(out, resv, "#size-cells", &len) &&
		    fdt_getprop(out, resv, "ranges", &len),
		    "/reserved-memory lacks #address-cells, #size-cells or ranges");
	ac = fdt_address_cells(out, resv);
	sc = fdt_size_cells(out, resv);
	reg = fdt_getprop(out, node, "reg", &len);
	FUZZ_ASSERT(ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 && reg &&
			    len == (ac + sc) * 4 && fuzz_cells_value(reg, ac) == FUZZ_FW_BASE &&
			    fuzz_cells_value(reg + ac, sc) == FUZZ_FW_SIZE,
		    "%s: reg does not say the firmware region", name);
}

static void check_container(const void *out)
{
	unsigned int n = memhp_window_count(), i = 0;
	unsigned long max_pfn = 0;
	int hp = -1, node, len, count = 0;
	const char *s;

	fdt_for_each_subnode(node, out, 0) {
		const char *nm = fdt_get_name(out, node, NULL);

		if (nm && !strcmp(nm, "hotplug-memory")) {
			hp = node;
			count++;
		}
	}
	FUZZ_ASSERT(count == 1, "%d hotplug-memory nodes", count);
	s = fdt_getprop(out, hp, "compatible", &len);
	FUZZ_ASSERT(s && len == sizeof("hotsbi,memory-hotplug") &&
			    !strcmp(s, "hotsbi,memory-hotplug"), "container compatible");
	FUZZ_ASSERT(prop_u(out, hp, "#address-cells", 4) == 2 &&
			    prop_u(out, hp, "#size-cells", 4) == 2, "container cells");
	FUZZ_ASSERT(prop_u(out, hp, "hotsbi,sbi-extension-id", 4) == sbi_memhp_eid(),
		    "container EID");
	memhp_get_attr(MEMHP_ATTR_MAX_PFN, 0, &max_pfn);
	FUZZ_ASSERT(prop_u(out, hp, "hotsbi,max-possible-pfn", 8) == max_pfn,
		    "hotsbi,max-possible-pfn is not MAX_PFN 0x%lx", max_pfn);
	fdt_for_each_subnode(node, out, hp) {
		const struct memhp_window *w = memhp_window_get(i);
		char name[32];

		FUZZ_ASSERT(w, "more window nodes than the %u windows", n);
		snprintf(name, sizeof(name), "window@%llx", (unsigned long long)w->base);
		FUZZ_ASSERT(!strcmp(fdt_get_name(out, node, NULL), name),
			    "window node %s, want %s", fdt_get_name(out, node, NULL), name);
		s = fdt_getprop(out, node, "compatible", &len);
		FUZZ_ASSERT(s && len == sizeof(MEMHP_FDT_WINDOW_COMPAT) &&
				    !strcmp(s, MEMHP_FDT_WINDOW_COMPAT), "%s compatible", name);
		{
			const fdt32_t *reg = fdt_getprop(out, node, "reg", &len);

			FUZZ_ASSERT(reg && len == 16 && fuzz_cells_value(reg, 2) == w->base &&
					    fuzz_cells_value(reg + 2, 2) == w->size, "%s reg", name);
		}
		FUZZ_ASSERT(prop_u(out, node, "hotsbi,window-id", 4) == i, "%s id", name);
		FUZZ_ASSERT(prop_u(out, node, "hotsbi,block-size", 8) == w->block_size,
			    "%s hotsbi,block-size", name);
		FUZZ_ASSERT(!!fdt_getprop(out, node, "hotsbi,emulated", &len) ==
				    !!(w->flags & MEMHP_FLAG_EMULATED), "%s emulated", name);
		FUZZ_ASSERT(!!fdt_getprop(out, node, "hotsbi,scrub-on-unplug", &len) ==
				    !!(w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG), "%s scrub", name);
		if (w->flags & MEMHP_FLAG_NUMA_NODE_VALID)
			FUZZ_ASSERT(prop_u(out, node, "numa-node-id", 4) == (u32)w->numa_node,
				    "%s numa-node-id", name);
		else
			FUZZ_ASSERT(!fdt_getprop(out, node, "numa-node-id", &len),
				    "%s numa-node-id without a node", name);
		i++;
	}
	FUZZ_ASSERT(i == n, "%u window nodes for %u windows", i, n);
	/*
	 * Board nodes are replaced: window nodes only in the container. The
	 * root is never dropped, whatever its compatible says.
	 */
	for (node = fdt_node_offset_by_compatible(out, -1, MEMHP_FDT_WINDOW_COMPAT);
	     node >= 0;
	     node = fdt_node_offset_by_compatible(out, node, MEMHP_FDT_WINDOW_COMPAT))
		FUZZ_ASSERT(node == 0 || fdt_parent_offset(out, node) == hp,
			    "window node %s outside the container",
			    fdt_get_name(out, node, NULL));
}

static void check_cpus(const void *out)
{
	int cpus = fdt_path_offset(out, "/cpus"), node, len;
	int ac = cpus >= 0 ? fdt_address_cells(out, cpus) : -1;

	if (cpus < 0 || ac < 1 || ac > 2)
		return;
	fdt_for_each_subnode(node, out, cpus) {
		const char *type = fdt_getprop(out, node, "device_type", &len);
		const fdt32_t *reg;
		const char *status;
		struct sbi_hart *h;

		if (!type || len != sizeof("cpu") || strcmp(type, "cpu"))
			continue;
		reg = fdt_getprop(out, node, "reg", &len);
		if (!reg || len < ac * 4)
			continue;
		h = sbi_hart_by_id(fuzz_cells_value(reg, ac));
		if (h && h->s_capable)
			continue;
		status = fdt_getprop(out, node, "status", &len);
		FUZZ_ASSERT(status && len == sizeof("disabled") && !strcmp(status, "disabled"),
			    "cpu %s cannot run S-mode but is not disabled",
			    fdt_get_name(out, node, NULL));
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_boot b;
	unsigned int i, n;
	void *out;
	int rc;

	if (size < 8)
		return 0;
	if (!fuzz_fdt_boot(data + 8, size - 8, &b)) {
		free(b.fdt);
		return 0;
	}
	/* Cold boot's hart states: the boot hart runs, the rest wait. */
	for (i = 0; i < sbi_hart_count; i++)
		atomic_write(&sbi_harts[i].hsm_state, i == b.boot ?
			     SBI_HSM_STATE_STARTED : SBI_HSM_STATE_STOPPED);
	n = memhp_window_count();
	for (i = 0; n && i < 4; i++) {
		const struct memhp_window *w = memhp_window_get(data[2 * i] % n);
		u64 first = data[2 * i + 1] % w->nblocks;
		u64 count = 1 + (data[2 * i] >> 3) % (w->nblocks - first);

		if (!memhp_plug(data[2 * i] % n, first, count))
			plugs++;
	}

	out = malloc(OUT_SIZE);
	rc = fdt_fixup_rebuild(b.fdt, out, OUT_SIZE, FUZZ_FW_BASE, FUZZ_FW_SIZE,
			       MEMHP_FDT_WINDOW_COMPAT, "hotplug-memory",
			       fdt_memhp_emit);
	if (rc < 0) {
		/* Cold boot stops with the reason; only sizes and cells may do that. */
		FUZZ_ASSERT(rc == -FDT_ERR_NOSPACE || rc == -FDT_ERR_BADNCELLS,
			    "fixup failed: %s", fdt_strerror(rc));
		if (rc == -FDT_ERR_NOSPACE)
			nospace++;
		else
			other_errors++;
	} else {
		const char *why;

		FUZZ_ASSERT(rc <= OUT_SIZE && fdt_totalsize(out) == (u32)rc,
			    "size %d, totalsize %u", rc, fdt_totalsize(out));
		/*
		 * The firmware's validator is laxer than libfdt's full check
		 * (e.g. a named root node): the output must pass it whenever
		 * the input did.
		 */
		if (fdt_check_full(b.fdt, size - 8)) {
			lax_inputs++;
		} else {
			rc = fdt_check_full(out, rc);
			FUZZ_ASSERT(!rc, "published tree fails fdt_check_full: %s",
				    fdt_strerror(rc));
		}
		host_mem_add(out, fdt_totalsize(out));
		why = fdt_helper_validate(out);
		FUZZ_ASSERT(!why, "published tree fails the firmware's validator: %s", why);
		check_memory(out);
		check_reserved(out);
		check_container(out);
		check_cpus(out);
		published++;
	}
	free(out);
	free(b.fdt);
	return 0;
}
