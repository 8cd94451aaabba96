// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/utils/fdt_fixup.c: fdt_fixup_rebuild, the copy of the device tree
 * handed to the next stage. /reserved-memory is created when absent
 * (with the root's cell counts) and reused when present, with a no-map
 * hotsbi@<base> child whose reg matches the firmware region; CPUs that
 * cannot run S-mode are disabled; /memory follows the platform's banks.
 * Checked after a real generic_platform_scan with libfdt, with
 * fdt_helper_validate, and by decompiling with dtc -I dtb -O dts.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <libfdt.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_platform.h>
#include <generic_platform.h>
#include <sbi/sbi_hart.h>
#include <sbi_utils/fdt_fixup.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/fdt_rebuild.h>

static const char *data_dir = ".";

/* A packed tree from the data directory. */
static void *load(const char *name)
{
	char path[4096];
	size_t len;
	void *fdt;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", data_dir, name);
	fdt = host_read_file(path, &len);
	ok = fdt && !fdt_pack(fdt);
	CHECK_MSG(ok, "read %s", path);
	if (!ok) {
		free(fdt);
		return NULL;
	}
	return fdt;
}

/* root { #address-cells; #size-cells; memory; cpus; [reserved-memory] } */
static void *small_tree(int ac, int sc, bool with_resv, int resv_ac,
			int resv_sc)
{
	size_t size = 4096;
	void *fdt = calloc(1, size);
	int rc = 0;

	rc |= fdt_create(fdt, size);
	rc |= fdt_finish_reservemap(fdt);
	rc |= fdt_begin_node(fdt, "");
	rc |= fdt_property_u32(fdt, "#address-cells", ac);
	rc |= fdt_property_u32(fdt, "#size-cells", sc);
	rc |= fdt_begin_node(fdt, "memory@80000000");
	rc |= fdt_property_string(fdt, "device_type", "memory");
	rc |= fdt_end_node(fdt);
	if (with_resv) {
		rc |= fdt_begin_node(fdt, "reserved-memory");
		if (resv_ac)
			rc |= fdt_property_u32(fdt, "#address-cells", resv_ac);
		if (resv_sc)
			rc |= fdt_property_u32(fdt, "#size-cells", resv_sc);
		rc |= fdt_property(fdt, "ranges", "", 0);
		rc |= fdt_begin_node(fdt, "other@90000000");
		rc |= fdt_property_u32(fdt, "reg", 0x90000000);
		rc |= fdt_property(fdt, "no-map", "", 0);
		rc |= fdt_end_node(fdt);
		rc |= fdt_end_node(fdt);
	}
	rc |= fdt_end_node(fdt);
	rc |= fdt_finish(fdt);
	if (rc) {
		printf("# building a small tree failed\n");
		abort();
	}
	fdt_pack(fdt);
	return fdt;
}

/* Boot on @fdt (hart table, RAM banks) as cold boot does before fixups. */
static bool boot(void *fdt)
{
	host_platform_reset();
	host_mem_add(fdt, fdt_totalsize(fdt));
	if (fdt_helper_validate(fdt))
		return false;
	return generic_platform_scan(fdt) == 0;
}

/* fdt_fixup_rebuild into an exact-size heap buffer of in + @room bytes. */
static void *rebuild(const void *in, u32 room, u64 base, u64 size, int *rc)
{
	u32 out_size = fdt_totalsize(in) + room;
	void *out = malloc(out_size);

	*rc = fdt_fixup_rebuild(in, out, out_size, base, size, NULL, NULL, NULL);
	return out;
}

static bool valid(void *fdt)
{
	const char *msg;

	host_mem_clear();
	host_mem_add(fdt, fdt_totalsize(fdt));
	msg = fdt_helper_validate(fdt);
	if (msg)
		printf("# rebuilt tree refused: %s\n", msg);
	return !msg;
}

/* Number of root children named "reserved-memory" (with any unit). */
static int count_resv(const void *fdt)
{
	int node, n = 0;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *name = fdt_get_name(fdt, node, NULL);

		if (name && !strncmp(name, "reserved-memory", 15))
			n++;
	}
	return n;
}

/* Children of /reserved-memory whose name starts with @prefix. */
static int count_children(const void *fdt, const char *prefix)
{
	int resv = fdt_path_offset(fdt, "/reserved-memory"), node, n = 0;

	fdt_for_each_subnode(node, fdt, resv)
		if (!strncmp(fdt_get_name(fdt, node, NULL), prefix, strlen(prefix)))
			n++;
	return n;
}

/* The reg of /reserved-memory/<child>, as cells; returns its length. */
static int child_reg(const void *fdt, const char *child, u32 *cells,
		     bool *no_map)
{
	char path[96];
	const fdt32_t *reg;
	int node, len, i;

	snprintf(path, sizeof(path), "/reserved-memory/%s", child);
	node = fdt_path_offset(fdt, path);
	if (node < 0)
		return -1;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return -1;
	for (i = 0; i < len / 4 && i < 4; i++)
		cells[i] = fdt32_to_cpu(reg[i]);
	*no_map = fdt_getprop(fdt, node, "no-map", &i) && i == 0;
	return len;
}

/* Decompile with dtc; returns the text (caller frees) or NULL. */
static char *decompile(const void *fdt, const char *name)
{
	char dtb[4096], dts[4096], cmd[9000];
	FILE *f;
	char *text;
	size_t len;

	snprintf(dtb, sizeof(dtb), "%s/%s.dtb", data_dir, name);
	snprintf(dts, sizeof(dts), "%s/%s.dts", data_dir, name);
	f = fopen(dtb, "wb");
	if (!f)
		return NULL;
	fwrite(fdt, 1, fdt_totalsize(fdt), f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts -o '%s' '%s'", dts, dtb);
	if (system(cmd)) {
		printf("# %s failed\n", cmd);
		return NULL;
	}
	text = host_read_file(dts, &len);
	if (text)
		text[len] = '\0';
	return text;
}

static bool has(const char *text, const char *s)
{
	return text && strstr(text, s);
}

static bool enabled(const void *fdt, const char *path)
{
	int node = fdt_path_offset(fdt, path), len;
	const char *status;

	if (node < 0)
		printf("# no %s\n", path);
	if (node < 0)
		return false;
	status = fdt_getprop(fdt, node, "status", &len);
	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

static void test_created(void)
{
	void *in = load("plat-sparse.dtb"), *out, *again;
	u32 cells[4] = { 0 };
	bool no_map = false;
	int resv, len, rc;
	const void *p;
	char *text;

	host_section("plat-sparse: /reserved-memory created (2 + 2 cells)");
	if (!in)
		return;
	CHECK(boot(in));
	CHECK(fdt_path_offset(in, "/reserved-memory") < 0);
	out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x40000, &rc);
	CHECK_MSG(rc > 0 && (u32)rc == fdt_totalsize(out),
		  "returns the new size (%d)", rc);
	CHECK(valid(out));
	CHECK_EQ(count_resv(out), 1);
	resv = fdt_path_offset(out, "/reserved-memory");
	CHECK(resv > 0 && fdt_parent_offset(out, resv) == 0);
	CHECK_EQ(fdt_address_cells(out, resv), 2);
	CHECK_EQ(fdt_size_cells(out, resv), 2);
	p = fdt_getprop(out, resv, "ranges", &len);
	CHECK_MSG(p && len == 0, "empty ranges");
	len = child_reg(out, "hotsbi@80000000", cells, &no_map);
	CHECK(len == 16 && cells[0] == 0 && cells[1] == 0x80000000 &&
	      cells[2] == 0 && cells[3] == 0x40000);
	CHECK(no_map);
	/* The rest of the tree is there, with the same contents. */
	CHECK(enabled(out, "/cpus/cpu@3e8") && enabled(out, "/cpus/cpu@0"));
	CHECK(fdt_path_offset(out, "/soc/clint@2000000") > 0);
	CHECK(fdt_path_offset(out, "/cpus/cpu-map/cluster0/core0") > 0);
	p = fdt_getprop(out, fdt_path_offset(out, "/soc/clint@2000000"),
			"interrupts-extended", &len);
	CHECK(p && len == 64 &&
	      !memcmp(p, fdt_getprop(in, fdt_path_offset(in, "/soc/clint@2000000"),
				     "interrupts-extended", NULL), 64));
	CHECK(fdt_node_offset_by_phandle(out, fdt_get_phandle(in,
		fdt_path_offset(in, "/cpus/cpu@0/interrupt-controller"))) > 0);
	CHECK_STR((const char *)fdt_getprop(out, 0, "model", NULL),
		  "hotsbi,test-sparse");

	text = decompile(out, "fixup-created");
	CHECK_MSG(text != NULL, "dtc decompiles the rebuilt tree");
	CHECK(has(text, "reserved-memory {"));
	CHECK(has(text, "hotsbi@80000000 {"));
	CHECK(has(text, "reg = <0x00 0x80000000 0x00 0x40000>;"));
	CHECK(has(text, "no-map;"));
	CHECK(has(text, "ranges;"));
	free(text);

	host_section("rebuilt again: one hotsbi node, replaced");
	again = rebuild(out, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x80000, &rc);
	CHECK(rc > 0 && valid(again));
	CHECK_EQ(count_resv(again), 1);
	CHECK_EQ(count_children(again, "hotsbi@"), 1);
	len = child_reg(again, "hotsbi@80000000", cells, &no_map);
	CHECK(len == 16 && cells[3] == 0x80000 && no_map);
	free(again);

	host_section("above 4 GiB");
	again = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x180000000ULL,
			0x100000000ULL, &rc);
	CHECK(rc > 0 && valid(again));
	len = child_reg(again, "hotsbi@180000000", cells, &no_map);
	CHECK(len == 16 && cells[0] == 1 && cells[1] == 0x80000000 &&
	      cells[2] == 1 && cells[3] == 0 && no_map);
	free(again);

	host_section("no room");
	again = malloc(fdt_totalsize(in));
	rc = fdt_fixup_rebuild(in, again, fdt_totalsize(in), 0x80000000,
			       0x40000, NULL, NULL, NULL);
	CHECK_MSG(rc == -FDT_ERR_NOSPACE,
		  "an output as large as the input: -FDT_ERR_NOSPACE (%d)", rc);
	free(again);
	again = malloc(64);
	rc = fdt_fixup_rebuild(in, again, 64, 0x80000000, 0x40000, NULL,
			       NULL, NULL);
	CHECK_EQ(rc, -FDT_ERR_NOSPACE);
	free(again);
	free(out);
	free(in);
}

static void test_reused(void)
{
	void *in, *out;
	u32 cells[4] = { 0 };
	bool no_map = false;
	int len, rc;
	char *text;

	host_section("existing /reserved-memory (1 + 1 cells) reused");
	in = small_tree(2, 2, true, 1, 1);
	out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x80000, &rc);
	CHECK(rc > 0 && valid(out));
	CHECK_EQ(count_resv(out), 1);
	len = child_reg(out, "hotsbi@80000000", cells, &no_map);
	CHECK_MSG(len == 8 && cells[0] == 0x80000000 && cells[1] == 0x80000,
		  "reg in the existing node's cell counts");
	CHECK(no_map);
	CHECK_MSG(fdt_path_offset(out, "/reserved-memory/other@90000000") > 0,
		  "existing children kept");
	text = decompile(out, "fixup-reused");
	CHECK(has(text, "hotsbi@80000000 {"));
	CHECK(has(text, "reg = <0x80000000 0x80000>;"));
	CHECK(has(text, "other@90000000 {"));
	free(text);
	free(out);
	free(in);

	host_section("root with 1 + 1 cells, no /reserved-memory");
	in = small_tree(1, 1, false, 0, 0);
	out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x20000, &rc);
	CHECK(rc > 0 && valid(out));
	len = child_reg(out, "hotsbi@80000000", cells, &no_map);
	CHECK(len == 8 && cells[0] == 0x80000000 && cells[1] == 0x20000 &&
	      no_map);
	CHECK_EQ(fdt_address_cells(out, fdt_path_offset(out, "/reserved-memory")), 1);
	text = decompile(out, "fixup-small");
	CHECK(has(text, "#address-cells = <0x01>;"));
	CHECK(has(text, "reg = <0x80000000 0x20000>;"));
	free(text);
	free(out);
	free(in);

	host_section("unusable /reserved-memory cell counts");
	in = small_tree(2, 2, true, 3, 1);
	out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x20000, &rc);
	CHECK_EQ(rc, -FDT_ERR_BADNCELLS);
	free(out);
	free(in);
}

static void test_cpus_and_memory(void)
{
	void *in = load("plat-mixed.dtb"), *out;
	const fdt32_t *reg;
	int rc, len;

	host_section("plat-mixed: CPUs S-mode cannot use are disabled");
	if (!in)
		return;
	CHECK(boot(in));
	out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x40000, &rc);
	CHECK(rc > 0 && valid(out));
	CHECK(enabled(out, "/cpus/cpu@0"));
	CHECK(enabled(out, "/cpus/cpu@5"));
	CHECK_MSG(!enabled(out, "/cpus/cpu@1"), "disabled stays disabled");
	CHECK_MSG(!enabled(out, "/cpus/cpu@2"), "no mmu-type: disabled");
	CHECK_MSG(!enabled(out, "/cpus/cpu@20"),
		  "duplicate of the M-mode-only hart id: disabled");
	CHECK_EQ(count_resv(out), 1);
	free(out);

	host_section("/memory follows the platform's banks");
	/* As if a hotplug window had been carved from the top of RAM. */
	sbi_platform.mem[0].size = 0x10000000;
	out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x40000, &rc);
	CHECK(rc > 0 && valid(out));
	reg = fdt_getprop(out, fdt_path_offset(out, "/memory@80000000"), "reg",
			  &len);
	CHECK(reg && len == 8 && fdt32_to_cpu(reg[0]) == 0x80000000 &&
	      fdt32_to_cpu(reg[1]) == 0x10000000);
	free(out);
	free(in);

	host_section("plat-many: harts past HARTS_MAX are disabled");
	in = load("plat-many.dtb");
	if (!in)
		return;
	CHECK(boot(in));
	out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x40000, &rc);
	CHECK(rc > 0 && valid(out));
	CHECK(enabled(out, "/cpus/cpu@7"));
	CHECK(!enabled(out, "/cpus/cpu@8") && !enabled(out, "/cpus/cpu@9"));
	free(out);
	free(in);
}

static int emit_extra(struct fdt_out *o)
{
	int rc = fdt_out_begin_node(o, "hotsbi-test");

	rc = rc ?: fdt_out_prop_u32(o, "value", 42);
	return rc ?: fdt_out_end_node(o);
}

static void test_drop_emit(void)
{
	void *in = load("plat-sparse.dtb"), *out;
	u32 size;
	int rc;

	host_section("dropped nodes and emitted ones");
	if (!in)
		return;
	CHECK(boot(in));
	size = fdt_totalsize(in) + FDT_FIXUP_EXTRA_SPACE;
	out = malloc(size);
	rc = fdt_fixup_rebuild(in, out, size, 0x80000000, 0x40000,
			       "sifive,test0", "chosen", emit_extra);
	CHECK(rc > 0 && valid(out));
	CHECK_MSG(fdt_path_offset(out, "/soc/test@100000") < 0,
		  "node compatible with drop_compat dropped");
	CHECK_MSG(fdt_path_offset(out, "/chosen") < 0, "root_node dropped");
	CHECK(fdt_path_offset(out, "/aliases") > 0);
	CHECK(fdt_path_offset(out, "/hotsbi-test") > 0);
	free(out);

	/* a root compatible with drop_compat stays (fuzz-fdt-publish found it) */
	host_section("the root is never dropped");
	free(in);
	in = load("plat-sparse.dtb");
	if (!in)
		return;
	in = realloc(in, fdt_totalsize(in) + 256);
	CHECK(!fdt_open_into(in, in, fdt_totalsize(in) + 256));
	CHECK(!fdt_setprop_string(in, 0, "compatible", "sifive,test0"));
	CHECK(boot(in));
	size = fdt_totalsize(in) + FDT_FIXUP_EXTRA_SPACE;
	out = malloc(size);
	rc = fdt_fixup_rebuild(in, out, size, 0x80000000, 0x40000,
			       "sifive,test0", "chosen", emit_extra);
	CHECK_MSG(rc > 0 && valid(out) && fdt_path_offset(out, "/aliases") > 0,
		  "root compatible with drop_compat kept, with its children");
	free(out);
	free(in);
}

/* fdt_fixup_rebuild in a child: 0 when it returned, 2 when it crashed. */
static int rebuild_in_child(const void *in)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY), rc;
		void *out;

		if (null >= 0)
			dup2(null, 2);
		out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x40000, &rc);
		free(out);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 2;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 2;
}

static void test_rsvmap(void)
{
	void *in = load("plat-sparse.dtb"), *exact;
	u32 off, total;

	host_section("memory reservation map ended by size 0 only");
	if (!in)
		return;
	CHECK(boot(in));
	/* The terminating entry: address 1, size 0 (libfdt: end of map). */
	off = fdt_off_mem_rsvmap(in);
	((fdt32_t *)((char *)in + off))[1] = cpu_to_fdt32(1);
	CHECK_EQ(fdt_num_mem_rsv(in), 0);
	host_mem_clear();
	total = fdt_totalsize(in);
	exact = malloc(total);
	memcpy(exact, in, total);
	host_mem_add(exact, total);
	CHECK_MSG(fdt_helper_validate(exact) == NULL, "the tree validates");
	CHECK_MSG(rebuild_in_child(exact) == 0,
		  "a reservation map without its all-zero entry is rebuilt without reading past the tree");
	free(exact);
	free(in);
}

static void test_qemu(void)
{
	void *in = load("qemu-virt.dtb"), *out;
	u32 cells[4] = { 0 };
	bool no_map = false;
	char *text;
	int rc;

	host_section("QEMU virt");
	if (!in)
		return;
	CHECK(boot(in));
	out = rebuild(in, FDT_FIXUP_EXTRA_SPACE, 0x80000000, 0x40000, &rc);
	CHECK(rc > 0 && valid(out) && count_resv(out) == 1);
	CHECK(child_reg(out, "hotsbi@80000000", cells, &no_map) == 16 &&
	      cells[1] == 0x80000000 && cells[3] == 0x40000 && no_map);
	CHECK(enabled(out, "/cpus/cpu@3"));
	text = decompile(out, "fixup-qemu");
	CHECK(has(text, "hotsbi@80000000 {"));
	CHECK(has(text, "reg = <0x00 0x80000000 0x00 0x40000>;"));
	CHECK(has(text, "no-map;"));
	free(text);
	free(out);
	free(in);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		data_dir = argv[1];
	test_created();
	test_reused();
	test_cpus_and_memory();
	test_drop_emit();
	test_rsvmap();
	test_qemu();
	return host_summary("fdt-fixup");
}
