// SPDX-License-Identifier: BSD-2-Clause
/*
 * Randomized robustness of the device-tree path of cold boot: thousands
 * of mutated copies of QEMU's virt tree (and of the synthetic test trees)
 * go through fdt_helper_validate; each one that passes also goes through
 * generic_platform_scan, the walker's readers on every node, a comparison of
 * the firmware's own walker (fdt_walk.c) with libfdt, and the rebuild of
 * the tree handed to the next stage. Nothing may crash or trip ASan or
 * UBSan. Seeded PRNG and bounded time (HOST_FUZZ_SEED, HOST_FUZZ_CASES,
 * HOST_FUZZ_SECONDS); an input that crashes is saved as
 * fdt-fuzz-crash.dtb in the data directory, and HOST_FUZZ_REPLAY=<file>
 * runs one input alone.
 */
#include <stdlib.h>
#include <time.h>
#include <libfdt.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_platform.h>
#include <generic_platform.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_memregion.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/fdt_walk.h>
#include <sbi_utils/fdt_fixup.h>

#define SEEDS_MAX	8
#define GROW_MAX	1024

struct seed {
	const char *name;
	u8 *fdt;
	size_t len;
};

static struct seed seeds[SEEDS_MAX];
static unsigned int nseeds;
static u64 rng;

static u64 rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static u32 below(u32 n)
{
	return n ? (u32)(rnd() % n) : 0;
}

static unsigned long env(const char *name, unsigned long def)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 0) : def;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void add_seed(const char *dir, const char *name)
{
	char path[4096];
	size_t len;
	u8 *raw;
	int chosen;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	raw = host_read_file(path, &len);
	CHECK_MSG(raw != NULL, "read %s", path);
	if (!raw)
		return;
	/* QEMU's rng-seed differs on every run: drop it, and the padding. */
	chosen = fdt_path_offset(raw, "/chosen");
	if (chosen >= 0)
		fdt_delprop(raw, chosen, "rng-seed");
	fdt_pack(raw);
	seeds[nseeds].name = name;
	seeds[nseeds].fdt = raw;
	seeds[nseeds].len = fdt_totalsize(raw);
	nseeds++;
}

/* ------------------------------------------------------------ mutations */

static u32 get32(const u8 *b, size_t off)
{
	fdt32_t v;

	memcpy(&v, b + off, 4);
	return fdt32_to_cpu(v);
}

static void put32(u8 *b, size_t off, u32 v)
{
	fdt32_t be = cpu_to_fdt32(v);

	memcpy(b + off, &be, 4);
}

static u32 interesting(const u8 *b, size_t len)
{
	static const u32 vals[] = {
		0, 1, 2, 3, 4, 5, 8, 9, 0x10, 0x11, 0x7f, 0x80, 0xff, 0x100,
		0xfff, 0x1000, 0xffff, 0x10000, 0x7ffffff0, 0x7ffffffc,
		0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffffc, 0xfffffffe,
		0xffffffff, FDT_MAGIC,
	};

	switch (below(4)) {
	case 0:
		return (u32)len + below(9) - 4;
	case 1:
		return get32(b, 4 * below(10)) + below(9) - 4;
	case 2:
		return (u32)rnd();
	default:
		return vals[below(array_size(vals))];
	}
}

/* Offset and size of the structure block, clamped to the buffer. */
static void struct_block(const u8 *b, size_t len, size_t *off, size_t *size)
{
	*off = len >= 40 ? get32(b, 8) : 0;
	*size = len >= 40 ? get32(b, 36) : 0;
	if (*off > len)
		*off = len;
	if (*size > len - *off)
		*size = len - *off;
}

/* Delete or duplicate an aligned run of the structure block, keeping the
 * header consistent, so the result is often still a valid tree. */
static void mutate_structure(u8 *b, size_t *len, size_t cap)
{
	size_t st, st_size, a, n;
	u32 off_str;

	struct_block(b, *len, &st, &st_size);
	if (st_size < 8 || (st & 3))
		return;
	a = st + 4 * below(st_size / 4);
	n = 4 * (1 + below(64));
	if (a + n > st + st_size)
		n = st + st_size - a;
	off_str = get32(b, 12);
	if (below(2)) {
		memmove(b + a, b + a + n, *len - a - n);
		*len -= n;
		put32(b, 36, st_size - n);
		if (off_str >= a + n)
			put32(b, 12, off_str - n);
		put32(b, 4, get32(b, 4) - n);
	} else {
		if (*len + n > cap)
			return;
		memmove(b + a + n, b + a, *len - a);
		*len += n;
		put32(b, 36, st_size + n);
		if (off_str >= a)
			put32(b, 12, off_str + n);
		put32(b, 4, get32(b, 4) + n);
	}
}

static void mutate(u8 *b, size_t *len, size_t cap)
{
	unsigned int i, n = 1 + below(3);
	size_t st, st_size, off;

	for (i = 0; i < n && *len >= 44; i++) {
		struct_block(b, *len, &st, &st_size);
		switch (below(11)) {
		case 0:		/* one bit */
			off = below(*len);
			b[off] ^= 1 << below(8);
			break;
		case 1:		/* one byte */
			b[below(*len)] = (u8)rnd();
			break;
		case 2:		/* an aligned word anywhere */
			put32(b, 4 * below(*len / 4), interesting(b, *len));
			break;
		case 3:		/* a header field */
			if (below(4))
				put32(b, 4 * below(10), interesting(b, *len));
			else	/* an older layout version */
				put32(b, 20, 16 - below(15));
			break;
		case 4:		/* a structure word: tags, lengths, offsets */
		case 5:
			if (st_size >= 4) {
				off = st + 4 * below(st_size / 4);
				if (get32(b, off) == FDT_PROP && off + 12 <= *len &&
				    below(2))
					off += 4 + 4 * below(2);
				put32(b, off, below(2) ? 1 + below(9) :
					      interesting(b, *len));
			}
			break;
		case 6:		/* the buffer ends early */
			*len = 40 + below(*len - 40);
			break;
		case 7:		/* ... and the header agrees */
			*len = 40 + below(*len - 40);
			put32(b, 4, *len);
			break;
		case 8: {	/* copy a chunk over another place */
			size_t from = below(*len), to = below(*len);
			size_t cnt = 1 + below(64);

			if (from + cnt > *len)
				cnt = *len - from;
			if (to + cnt > *len)
				cnt = *len - to;
			memmove(b + to, b + from, cnt);
			break;
		}
		default:	/* structural: delete or duplicate tokens */
			mutate_structure(b, len, cap);
			break;
		}
	}
}

/* ------------------------------------------------------------ one case */

struct stats {
	unsigned long cases, rejected, accepted, platform_ok, fixed, fixed_bad;
	unsigned long nodes;
	unsigned long walk_checks, walk_mismatches, multi_root, old_version;
	const char *msgs[32];
	unsigned long msg_count[32];
	unsigned int nmsgs;
	bool empty_msg;
};

static void count_msg(struct stats *st, const char *msg)
{
	unsigned int i;

	if (!*msg)
		st->empty_msg = true;
	for (i = 0; i < st->nmsgs; i++)
		if (!strcmp(st->msgs[i], msg))
			break;
	if (i == st->nmsgs) {
		if (st->nmsgs == array_size(st->msgs))
			return;
		st->msgs[st->nmsgs++] = msg;
	}
	st->msg_count[i]++;
}

/* The firmware's own readers (fdt_walk.c) on every node of an accepted tree. */
static void read_everything(const void *fdt, struct stats *st)
{
	int node, pos, depth = 0, len;
	const char *name;

	for (node = 0; node >= 0; node = fdtw_next_node(fdt, node, &depth)) {
		fdtw_name(fdt, node);
		for (pos = fdtw_props_start(fdt, node);
		     fdtw_props_next(fdt, &pos, &name, &len);)
			;
		fdtw_getprop(fdt, node, "reg", &len);
		fdtw_compatible(fdt, node, "riscv,clint0");
		/* parent finds its node by a walk: only near the top */
		if (depth <= 2)
			fdtw_parent(fdt, node);
		st->nodes++;
	}
	fdtw_path(fdt, "/cpus");
	fdtw_path(fdt, "/soc/serial@10000000");
	fdtw_find_compatible(fdt, -1, "ns16550a");
}

/* The case being run, written out if a sanitizer ends the process. */
static const u8 *cur_data;
static size_t cur_len;
static const char *data_dir = ".";

static void save_input(const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", data_dir, name);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(cur_data, 1, cur_len, f);
	fclose(f);
	fprintf(stderr, "host-fdt-fuzz: input saved as %s\n", path);
}

/* lib/utils/fdt_walk.c promises libfdt's results on validated trees. */
#define WALK_SAME(st, what, ok, ...)                                       \
	do {                                                               \
		(st)->walk_checks++;                                       \
		if (!(ok) && (st)->walk_mismatches++ < 8) {                \
			printf("# fdt_walk differs from libfdt: " what     \
			       "\n", __VA_ARGS__);                         \
			save_input("fdt-walk-mismatch.dtb");               \
		}                                                          \
	} while (0)

static bool same_off(int a, int b)
{
	return (a < 0 && b < 0) || a == b;
}

static void compare_walker(const void *fdt, struct stats *st)
{
	static const char *const props[] = {
		"reg", "compatible", "status", "device_type", "#address-cells",
		"interrupts-extended", "phandle", "mmu-type", "nonexistent",
	};
	static const char *const paths[] = {
		"/", "/cpus", "/chosen", "/soc", "/memory@80000000",
		"/cpus/cpu@0", "/cpus/cpu@0/interrupt-controller",
		"/soc/serial@10000000", "/soc/clint@2000000", "/nonexistent",
		"/cpus/", "//cpus", "/cpus/cpu@3e8",
	};
	static const char *const compats[] = { "riscv,clint0", "ns16550a",
					       "riscv,cpu-intc", "nothing" };
	int a, b, da = 0, db = 0, n = 0, len_a, len_b, pa, pb, ddiff;
	unsigned int i;

	/* The validator refuses these; counted, the summary fails on any. */
	if (fdt_version(fdt) < 17) {
		st->old_version++;
		return;
	}
	for (a = fdt_next_node(fdt, -1, &da), n = 0; a >= 0;
	     a = fdt_next_node(fdt, a, &da))
		if (da <= 1 && n++) {
			st->multi_root++;
			return;
		}
	da = 0;
	n = 0;

	/* Depths are compared relative to the root's (their bases differ). */
	a = fdt_next_node(fdt, -1, &da);
	b = fdtw_next_node(fdt, -1, &db);
	ddiff = da - db;
	for (; n < 4096; n++) {
		WALK_SAME(st, "next_node: libfdt %d (depth %d), walk %d (depth %d)",
			  same_off(a, b) && (a < 0 || da - db == ddiff), a, da,
			  b, db);
		if (a < 0 || b < 0 || a != b)
			break;
		for (i = 0; i < array_size(props); i++) {
			const void *va = fdt_getprop(fdt, a, props[i], &len_a);
			const void *vb = fdtw_getprop(fdt, a, props[i], &len_b);

			WALK_SAME(st, "getprop(%d, %s): libfdt %p/%d, walk %p/%d",
				  va == vb && (!va || len_a == len_b), a,
				  props[i], va, va ? len_a : 0, vb,
				  vb ? len_b : 0);
		}
		pa = fdt_parent_offset(fdt, a);
		pb = fdtw_parent(fdt, a);
		WALK_SAME(st, "parent(%d): libfdt %d, walk %d", same_off(pa, pb),
			  a, pa, pb);
		WALK_SAME(st, "name(%d): libfdt %s, walk %s",
			  fdt_get_name(fdt, a, NULL) == fdtw_name(fdt, a), a,
			  fdt_get_name(fdt, a, NULL), fdtw_name(fdt, a));
		/* The same properties, in the same order, name and length. */
		pa = fdt_first_property_offset(fdt, a);
		pb = fdtw_props_start(fdt, a);
		for (;;) {
			const char *na = NULL, *nb = NULL;
			const void *va = pa < 0 ? NULL :
				fdt_getprop_by_offset(fdt, pa, &na, &len_a);
			const void *vb = fdtw_props_next(fdt, &pb, &nb, &len_b);

			if (!va || !vb || va != vb || na != nb ||
			    len_a != len_b) {
				WALK_SAME(st, "properties of %d: libfdt %p, walk %p",
					  !va && !vb, a, va, vb);
				break;
			}
			pa = fdt_next_property_offset(fdt, pa);
		}
		a = fdt_next_node(fdt, a, &da);
		b = fdtw_next_node(fdt, b, &db);
	}
	for (i = 0; i < array_size(paths); i++) {
		pa = fdt_path_offset(fdt, paths[i]);
		pb = fdtw_path(fdt, paths[i]);
		WALK_SAME(st, "path %s: libfdt %d, walk %d", same_off(pa, pb),
			  paths[i], pa, pb);
	}
	for (i = 0; i < array_size(compats); i++) {
		pa = pb = -1;
		for (n = 0; n < 64; n++) {
			pa = fdt_node_offset_by_compatible(fdt, pa, compats[i]);
			pb = fdtw_find_compatible(fdt, pb, compats[i]);
			WALK_SAME(st, "compatible %s: libfdt %d, walk %d",
				  same_off(pa, pb), compats[i], pa, pb);
			if (pa < 0 || pb < 0 || pa != pb)
				break;
		}
	}
}

void __sanitizer_set_death_callback(void (*callback)(void));

static void save_crash(void)
{
	save_input("fdt-fuzz-crash.dtb");
}

static void run_case(const u8 *data, size_t len, struct stats *st)
{
	u8 *b = malloc(len ? len : 1);
	const char *msg;
	sbi_hartmask_t m;
	int rc;

	memcpy(b, data, len);
	cur_data = data;
	cur_len = len;
	st->cases++;
	host_platform_reset();
	host_mem_add(b, len);
	msg = fdt_helper_validate(b);
	if (msg) {
		st->rejected++;
		count_msg(st, msg);
		free(b);
		return;
	}
	st->accepted++;
	read_everything(b, st);
	compare_walker(b, st);
	sbi_console_set_device(&host_console);
	if (generic_platform_scan(b) == 0) {
		u32 total = fdt_totalsize(b);
		u8 *g;

		st->platform_ok++;
		sbi_hartmask_from_sbi(0, -1UL, &m);
		sbi_hartmask_from_sbi(rnd(), below(2000), &m);
		sbi_fw_base = sbi_platform.mem[0].base;
		sbi_fw_size = 0x40000;
		sbi_memregion_smode_ok(rnd(), rnd() >> below(64));

		/* What cold boot hands to the next stage. */
		g = malloc(total + FDT_FIXUP_EXTRA_SPACE);
		rc = fdt_fixup_rebuild(b, g, total + FDT_FIXUP_EXTRA_SPACE,
				       sbi_fw_base, sbi_fw_size, NULL, NULL,
				       NULL);
		if (rc > 0) {
			st->fixed++;
			host_mem_clear();
			host_mem_add(g, rc);
			msg = fdt_helper_validate(g);
			if (msg && st->fixed_bad++ < 3)
				printf("# rebuilt tree not valid: %s\n", msg);
		}
		free(g);
	}
	free(b);
}

int main(int argc, char **argv)
{
	unsigned long max_cases = env("HOST_FUZZ_CASES", 12000);
	double max_seconds = env("HOST_FUZZ_SECONDS", 60), start, took;
	unsigned long seed = env("HOST_FUZZ_SEED", 20240601);
	struct stats st;
	u8 *buf;
	size_t cap = 0;
	unsigned int i;

	memset(&st, 0, sizeof(st));
	if (argc > 1)
		data_dir = argv[1];
	__sanitizer_set_death_callback(save_crash);
	if (getenv("HOST_FUZZ_REPLAY")) {
		/* Run one saved input (e.g. fdt-fuzz-crash.dtb) alone. */
		size_t len;
		u8 *one = host_read_file(getenv("HOST_FUZZ_REPLAY"), &len);

		CHECK_MSG(one != NULL, "read %s", getenv("HOST_FUZZ_REPLAY"));
		if (one)
			run_case(one, len, &st);
		printf("# replayed: %lu accepted, %lu booted, %lu rebuilt\n",
		       st.accepted, st.platform_ok, st.fixed);
		free(one);
		return host_summary("fdt-fuzz");
	}
	add_seed(data_dir, "qemu-virt.dtb");
	add_seed(data_dir, "plat-sparse.dtb");
	add_seed(data_dir, "plat-mixed.dtb");
	add_seed(data_dir, "plat-many.dtb");
	CHECK_MSG(nseeds == 4, "4 seed trees loaded (%u)", nseeds);
	if (!nseeds)
		return host_summary("fdt-fuzz");

	host_section("the unmutated seeds");
	for (i = 0; i < nseeds; i++) {
		struct stats one;

		memset(&one, 0, sizeof(one));
		run_case(seeds[i].fdt, seeds[i].len, &one);
		CHECK_MSG(one.accepted == 1 && one.platform_ok == 1 &&
			  one.fixed == 1 && !one.fixed_bad &&
			  !one.walk_mismatches,
			  "%s: valid, boots, fixes up (%lu bytes)", seeds[i].name,
			  (unsigned long)seeds[i].len);
		if (seeds[i].len > cap)
			cap = seeds[i].len;
	}

	host_section("mutated trees");
	printf("# seed %lu, at most %lu cases or %.0f s\n", seed, max_cases,
	       max_seconds);
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	cap += GROW_MAX;
	buf = malloc(cap);
	start = now();
	while (st.cases < max_cases) {
		const struct seed *s = &seeds[below(nseeds)];
		size_t len = s->len;

		if ((st.cases & 63) == 0 && now() - start > max_seconds)
			break;
		memcpy(buf, s->fdt, len);
		mutate(buf, &len, cap);
		run_case(buf, len, &st);
	}
	took = now() - start;
	free(buf);

	printf("# %lu cases in %.1f s: %lu rejected, %lu accepted, %lu booted, %lu fixed up; %lu nodes read\n",
	       st.cases, took, st.rejected, st.accepted, st.platform_ok,
	       st.fixed, st.nodes);
	for (i = 0; i < st.nmsgs; i++)
		printf("#   %6lu  %s\n", st.msg_count[i], st.msgs[i]);
	CHECK_MSG(st.cases >= 1000 || st.cases == max_cases,
		  "%lu mutated trees went through without a crash", st.cases);
	CHECK_MSG(st.accepted > 0 && st.rejected > 0 && st.platform_ok > 0,
		  "the mutations reach both outcomes and generic_platform_scan");
	CHECK_MSG(!st.empty_msg, "every refusal comes with a message");
	CHECK_MSG(st.fixed_bad == 0,
		  "rebuilt trees stay valid (%lu of %lu did not)", st.fixed_bad,
		  st.fixed);
	CHECK_MSG(!st.multi_root && !st.old_version,
		  "accepted trees have one top-level node and version 17 (%lu and %lu did not)",
		  st.multi_root, st.old_version);
	CHECK_MSG(st.walk_mismatches == 0,
		  "lib/utils/fdt_walk.c agrees with libfdt on accepted trees (%lu of %lu comparisons differ)",
		  st.walk_mismatches, st.walk_checks);
	for (i = 0; i < nseeds; i++)
		free(seeds[i].fdt);
	return host_summary("fdt-fuzz");
}
