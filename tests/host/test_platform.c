// SPDX-License-Identifier: BSD-2-Clause
/*
 * platform/generic/platform.c: generic_platform_scan on synthetic device
 * trees (the .dts files in tests/host/data and libfdt edits of them) and on QEMU's
 * virt tree: sparse hart ids, disabled and non-S-capable cpus, more than
 * HARTS_MAX harts, duplicate ids, missing /cpus, memory or CLINT, CLINT
 * contexts from interrupts-extended, console and reset discovery.
 */
#include <stdlib.h>
#include <libfdt.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_platform.h>
#include <generic_platform.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_system.h>
#include <sbi_utils/clint.h>
#include <sbi_utils/fdt_helper.h>

static const char *data_dir = ".";

/* A tree from the data directory, with 8 KiB of room for edits. */
static void *load(const char *name)
{
	char path[4096];
	size_t len;
	void *raw, *fdt;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", data_dir, name);
	raw = host_read_file(path, &len);
	CHECK_MSG(raw != NULL, "read %s", path);
	if (!raw)
		return NULL;
	/* QEMU pads its tree to 1 MiB: drop the padding. */
	fdt_pack(raw);
	len = fdt_totalsize(raw);
	fdt = malloc(len + 8192);
	rc = fdt_open_into(raw, fdt, len + 8192);
	CHECK_MSG(!rc, "%s is a device tree", path);
	if (rc) {
		free(fdt);
		fdt = NULL;
	}
	free(raw);
	return fdt;
}

/* Cold boot's view: validate, then generic_platform_scan, on a clean slate. */
static int boot(void *fdt)
{
	const char *msg;

	host_platform_reset();
	host_mem_add(fdt, fdt_totalsize(fdt));
	msg = fdt_helper_validate(fdt);
	if (msg) {
		printf("# tree refused: %s\n", msg);
		return 1;
	}
	/* Messages printed before the UART is found land here too. */
	sbi_console_set_device(&host_console);
	return generic_platform_scan(fdt);
}

static bool console_has(const char *s)
{
	return strstr(host_console_out, s) != NULL;
}

/*
 * The contexts (-1: none) each hart index was given in a CLINT at
 * 0x2000000: its MSIP word and its mtimecmp register.
 */
#define CHECK_CTX(...)                                                     \
	do {                                                               \
		const int __want[HARTS_MAX] = { __VA_ARGS__ };             \
		bool __ok = host_clint.calls == 1 && host_mtimer.calls == 1; \
		unsigned int __i;                                          \
		for (__i = 0; __i < HARTS_MAX; __i++)                      \
			__ok &= host_clint.msip[__i] == clint_reg(__want[__i], 0, 4) && \
				host_mtimer.mtimecmp[__i] ==               \
					clint_reg(__want[__i], 0x4000, 8); \
		host_result(__ok, __FILE__, __LINE__,                      \
			    "CLINT contexts by hart index = { %s } (MSIP words 0x%lx 0x%lx 0x%lx 0x%lx ...)", \
			    #__VA_ARGS__, host_clint.msip[0], host_clint.msip[1], \
			    host_clint.msip[2], host_clint.msip[3]);       \
	} while (0)

static unsigned long clint_reg(int ctx, unsigned long off, unsigned int stride)
{
	return ctx < 0 ? 0 : 0x2000000UL + off + (unsigned long)ctx * stride;
}

static void check_ids(const unsigned long *ids, const bool *s_capable,
		      unsigned int n)
{
	unsigned int i;
	bool ok = sbi_hart_count == n;

	for (i = 0; ok && i < n; i++) {
		ok &= sbi_harts[i].hartid == ids[i] && sbi_hart_ids[i] == ids[i] &&
		      sbi_harts[i].index == i &&
		      sbi_harts[i].s_capable == s_capable[i] &&
		      sbi_hart_by_id(ids[i]) == &sbi_harts[i];
		/* Each hart its own 16-byte aligned stack. */
		ok &= sbi_harts[i].stack_top % 16 == 0;
		if (i)
			ok &= sbi_harts[i].stack_top - sbi_harts[i - 1].stack_top ==
			      SBI_HART_STACK_SIZE;
	}
	CHECK_MSG(ok, "hart table: %u harts with the expected ids, indices, S-mode capability, stacks (got %lu)",
		  n, sbi_hart_count);
}

static void test_sparse(void)
{
	static const unsigned long ids[] = { 0, 3, 17, 1000 };
	static const bool s[] = { true, true, true, true };
	void *fdt = load("plat-sparse.dtb");
	sbi_hartmask_t m;

	host_section("plat-sparse: sparse hart ids 0, 3, 17, 1000");
	if (!fdt)
		return;
	CHECK_EQ(boot(fdt), 0);
	CHECK_STR(sbi_platform.model, "hotsbi,test-sparse");
	CHECK_EQ(sbi_platform.timebase_freq, 10000000);
	check_ids(ids, s, 4);
	CHECK(sbi_hart_by_id(1) == NULL && sbi_hart_by_id(999) == NULL);

	CHECK_EQ(sbi_platform.mem_count, 2);
	CHECK(sbi_platform.mem[0].base == 0x80000000 &&
	      sbi_platform.mem[0].size == 0x40000000);
	CHECK_MSG(sbi_platform.mem[1].base == 0x100000000ULL &&
		  sbi_platform.mem[1].size == 0x40000000,
		  "second bank; its size-0 reg entry skipped");

	CHECK(host_uart.calls == 1 && host_uart.base == 0x10000000 &&
	      host_uart.reg_shift == 2 && host_uart.reg_width == 4 &&
	      host_uart.clock == 3686400 && host_uart.baud == 115200);
	CHECK_STR(sbi_platform.console_desc, "uart8250 @ 0x10000000");

	CHECK_EQ(host_clint.count, HARTS_MAX);
	/* interrupts-extended lists harts 17, 0, 1000, 3. */
	CHECK_CTX(1, 3, 0, 2, -1, -1, -1, -1);
	CHECK_STR(sbi_platform.timer_desc, "clint @ 0x2000000");

	CHECK_STR(sbi_platform.reset_desc, "sifive,test @ 0x100000");
	CHECK(sbi_system_reset_get_device() && sbi_system_reset_get_device()->reset &&
	      !sbi_system_reset_get_device()->reset_check(0, 0) && !sbi_system_reset_get_device()->reset_check(1, 0) &&
	      !sbi_system_reset_get_device()->reset_check(2, 1));

	CHECK(!sbi_hartmask_from_sbi(0, -1UL, &m) && m == 0xf);
	CHECK(!sbi_hartmask_from_sbi(1UL << 14, 3, &m) && m == BIT(2));
	CHECK(!sbi_hartmask_from_sbi(1UL, 1000, &m) && m == BIT(3));
	CHECK(sbi_hartmask_from_sbi(1UL, 4, &m) == SBI_ERR_INVALID_PARAM);
	free(fdt);
}

static void test_mixed(void)
{
	static const unsigned long ids[] = { 0, 2, 5 };
	static const bool s[] = { true, false, true };
	void *fdt = load("plat-mixed.dtb");
	sbi_hartmask_t m;
	host_section("plat-mixed: disabled cpu, cpu without MMU, duplicate id");
	if (!fdt)
		return;
	CHECK_EQ(boot(fdt), 0);
	CHECK_STR(sbi_platform.model, "hotsbi,test-mixed");
	CHECK_EQ(sbi_platform.timebase_freq, 1000000);
	check_ids(ids, s, 3);
	CHECK_MSG(sbi_hart_by_id(1) == NULL, "the disabled cpu is not in the table");
	CHECK_MSG(console_has("hart id 2 listed twice, skipped"),
		  "duplicate hart id reported");
	CHECK_MSG(console_has("cpu-noreg has no usable reg, skipped"),
		  "cpu without reg reported");

	/* stdout-path names a virtio device: the first 8250 is used. */
	CHECK(host_uart.calls == 1 && host_uart.base == 0x10000000 &&
	      host_uart.reg_shift == 0 && host_uart.reg_width == 1 &&
	      host_uart.clock == 0 && host_uart.baud == 0);

	CHECK_EQ(sbi_platform.mem_count, 1);
	CHECK(sbi_platform.mem[0].base == 0x80000000 &&
	      sbi_platform.mem[0].size == 0x20000000);

	/* Contexts 0..3 belong to harts 0, 1 (not in the table), 2, 5. */
	CHECK_CTX(0, 2, 3, -1, -1, -1, -1, -1);

	CHECK_STR(sbi_platform.reset_desc, "syscon poweroff");
	CHECK(sbi_system_reset_get_device() && !sbi_system_reset_get_device()->reset_check(0, 0) &&
	      sbi_system_reset_get_device()->reset_check(1, 0) && sbi_system_reset_get_device()->reset_check(2, 0));
	CHECK_MSG(sbi_system_reset(1, 0) == SBI_ERR_NOT_SUPPORTED,
		  "SRST cold reboot without a reboot device -> -2");
	CHECK_EQ(sbi_system_reset(2, 1), SBI_ERR_NOT_SUPPORTED);

	CHECK(!sbi_hartmask_from_sbi(0, -1UL, &m) && m == (BIT(0) | BIT(2)));
	CHECK(sbi_hartmask_from_sbi(1, 2, &m) == SBI_ERR_INVALID_PARAM);
	CHECK(sbi_hartmask_from_sbi(1, 1, &m) == SBI_ERR_INVALID_PARAM);
	CHECK(!sbi_hartmask_from_sbi(0x21, 0, &m) && m == (BIT(0) | BIT(2)));

	free(fdt);
}

static void test_many(void)
{
	static const unsigned long ids[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	static const bool s[] = { 1, 1, 1, 1, 1, 1, 1, 1 };
	void *fdt = load("plat-many.dtb");

	host_section("plat-many: ten harts, HARTS_MAX = 8");
	if (!fdt)
		return;
	CHECK_EQ(boot(fdt), 0);
	CHECK_MSG(host_ubsan_count(UB_PLATFORM_STACK) == 0,
		  "the last hart's stack top is computed without indexing past hart_stacks[]");
	check_ids(ids, s, 8);
	CHECK_MSG(sbi_hart_by_id(8) == NULL && sbi_hart_by_id(9) == NULL,
		  "harts 8 and 9 stay parked");
	CHECK_CTX(0, 1, 2, 3, 4, 5, 6, 7);
	CHECK_MSG(host_uart.calls == 0 && sbi_console_get_device() == NULL,
		  "no UART: no console");
	CHECK_STR(sbi_platform.console_desc, "none");
	CHECK(sbi_system_reset_get_device() == NULL);
	CHECK_EQ(sbi_system_reset(0, 0), SBI_ERR_NOT_SUPPORTED);
	CHECK(sbi_platform.mem_count == 1 &&
	      sbi_platform.mem[0].size == 0x80000000ULL);
	free(fdt);
}

/* plat-sparse with one edit; returns generic_platform_scan's result. */
static void *sparse(void)
{
	return load("plat-sparse.dtb");
}

static int node_of(void *fdt, const char *path)
{
	int n = fdt_path_offset(fdt, path);

	if (n < 0)
		printf("# no %s: %s\n", path, fdt_strerror(n));
	return n;
}

static void test_broken(void)
{
	void *fdt;
	int cpus, node;
	fdt32_t irqs[16];
	const fdt32_t *p;
	int len;

	host_section("missing pieces");
	fdt = sparse();
	CHECK(!fdt_del_node(fdt, node_of(fdt, "/cpus")));
	CHECK_EQ(boot(fdt), SBI_ERR_FAILED);
	CHECK(console_has("device tree has no /cpus node"));
	free(fdt);

	fdt = sparse();
	CHECK(!fdt_del_node(fdt, node_of(fdt, "/memory@100000000")));
	CHECK(!fdt_del_node(fdt, node_of(fdt, "/memory@80000000")));
	CHECK_EQ(boot(fdt), SBI_ERR_FAILED);
	CHECK(console_has("device tree has no memory node"));
	free(fdt);

	fdt = sparse();
	CHECK(!fdt_del_node(fdt, node_of(fdt, "/memory@100000000")));
	CHECK(!fdt_setprop_string(fdt, node_of(fdt, "/memory@80000000"),
				  "status", "disabled"));
	CHECK_EQ(boot(fdt), SBI_ERR_FAILED);
	free(fdt);

	fdt = sparse();
	CHECK(!fdt_del_node(fdt, node_of(fdt, "/memory@100000000")));
	node = node_of(fdt, "/memory@80000000");
	CHECK(!fdt_setprop_u64(fdt, node, "reg", 0x80000000ULL));
	CHECK(!fdt_appendprop_u64(fdt, node, "reg", 0));
	CHECK_MSG(boot(fdt) == SBI_ERR_FAILED, "only a size-0 bank -> error");
	free(fdt);

	fdt = sparse();
	node = node_of(fdt, "/memory@80000000");
	CHECK(!fdt_setprop_u64(fdt, node, "reg", 0xfffffffff0000000ULL));
	CHECK(!fdt_appendprop_u64(fdt, node, "reg", 0x20000000ULL));
	CHECK_EQ(boot(fdt), 0);
	CHECK_MSG(sbi_platform.mem_count == 1 &&
		  sbi_platform.mem[0].base == 0x100000000ULL,
		  "a bank wrapping past 2^64 is skipped");
	free(fdt);

	fdt = sparse();
	CHECK(!fdt_del_node(fdt, node_of(fdt, "/soc/clint@2000000")));
	CHECK_EQ(boot(fdt), SBI_ERR_FAILED);
	CHECK(console_has("no CLINT"));
	free(fdt);

	fdt = sparse();
	CHECK(!fdt_delprop(fdt, node_of(fdt, "/soc/clint@2000000"),
			   "interrupts-extended"));
	CHECK_EQ(boot(fdt), SBI_ERR_FAILED);
	CHECK(console_has("CLINT has no interrupts-extended"));
	free(fdt);

	fdt = sparse();
	cpus = node_of(fdt, "/cpus");
	fdt_for_each_subnode(node, fdt, cpus)
		fdt_setprop_string(fdt, node, "status", "disabled");
	CHECK_EQ(boot(fdt), SBI_ERR_FAILED);
	CHECK(console_has("device tree lists no usable hart"));
	free(fdt);

	fdt = sparse();
	CHECK(!fdt_setprop_u32(fdt, node_of(fdt, "/cpus"), "#address-cells", 3));
	CHECK_EQ(boot(fdt), SBI_ERR_FAILED);
	CHECK(console_has("cpu@0 has no usable reg"));
	free(fdt);

	fdt = sparse();
	cpus = node_of(fdt, "/cpus");
	fdt_for_each_subnode(node, fdt, cpus)
		fdt_setprop_string(fdt, node, "device_type", "cpux");
	CHECK_MSG(boot(fdt) == SBI_ERR_FAILED, "device_type \"cpux\" is not a cpu");
	free(fdt);

	host_section("odd but usable trees");
	fdt = sparse();
	CHECK(!fdt_setprop_u32(fdt, node_of(fdt, "/cpus/cpu@3e8"), "reg", 3));
	CHECK_EQ(boot(fdt), 0);
	CHECK(sbi_hart_count == 3 && console_has("hart id 3 listed twice"));
	CHECK_CTX(1, 3, 0, -1, -1, -1, -1, -1);
	free(fdt);

	/* An unknown phandle still takes a context number. */
	fdt = sparse();
	node = node_of(fdt, "/soc/clint@2000000");
	p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	CHECK(p && len == 64);
	memcpy(irqs, p, 64);
	irqs[0] = cpu_to_fdt32(0xdead);
	CHECK(!fdt_setprop(fdt, node, "interrupts-extended", irqs, 64));
	CHECK_EQ(boot(fdt), 0);
	CHECK_CTX(1, 3, -1, 2, -1, -1, -1, -1);
	free(fdt);

	/* Only M-timer entries, odd length: no contexts at all. */
	fdt = sparse();
	node = node_of(fdt, "/soc/clint@2000000");
	irqs[0] = cpu_to_fdt32(1);
	irqs[1] = cpu_to_fdt32(7);
	irqs[2] = cpu_to_fdt32(1);
	CHECK(!fdt_setprop(fdt, node, "interrupts-extended", irqs, 12));
	CHECK_EQ(boot(fdt), 0);
	CHECK_CTX(-1, -1, -1, -1, -1, -1, -1, -1);
	free(fdt);

	host_section("console and model");
	{
		bool no_path, bad_alias, long_path;

		fdt = sparse();
		CHECK(!fdt_delprop(fdt, node_of(fdt, "/chosen"), "stdout-path"));
		CHECK_EQ(boot(fdt), 0);
		no_path = host_uart.calls == 1 && host_uart.base == 0x10000000;
		free(fdt);

		fdt = sparse();
		CHECK(!fdt_setprop_string(fdt, node_of(fdt, "/chosen"),
					  "stdout-path", "nosuchalias:115200"));
		CHECK_EQ(boot(fdt), 0);
		bad_alias = host_uart.calls == 1 && host_uart.base == 0x10000000;
		free(fdt);

		fdt = sparse();
		{
			char longpath[300];

			memset(longpath, 'a', sizeof(longpath) - 1);
			longpath[0] = '/';
			longpath[sizeof(longpath) - 1] = '\0';
			CHECK(!fdt_setprop_string(fdt, node_of(fdt, "/chosen"),
						  "stdout-path", longpath));
			CHECK(!fdt_setprop_string(fdt, 0, "model", longpath + 1));
		}
		CHECK_EQ(boot(fdt), 0);
		long_path = host_uart.calls == 1 && host_uart.base == 0x10000000;
		CHECK_MSG(strlen(sbi_platform.model) ==
				  sizeof(sbi_platform.model) - 1,
			  "a long model is cut to fit");
		free(fdt);

		CHECK_MSG(no_path && bad_alias && long_path,
			  "without a usable /chosen/stdout-path (absent, unknown alias, too long) the first UART is the console");
	}

	fdt = sparse();
	CHECK(!fdt_setprop_u32(fdt, node_of(fdt, "/soc/serial@10000000"),
			       "reg-shift", 9));
	CHECK_EQ(boot(fdt), 0);
	CHECK_MSG(host_uart.reg_shift == 0, "absurd reg-shift ignored");
	free(fdt);

	fdt = sparse();
	CHECK(!fdt_delprop(fdt, 0, "model"));
	CHECK(!fdt_delprop(fdt, 0, "compatible"));
	CHECK_EQ(boot(fdt), 0);
	CHECK_STR(sbi_platform.model, "unknown");
	free(fdt);
}

static void test_qemu(void)
{
	static const unsigned long ids[] = { 0, 1, 2, 3 };
	static const bool s[] = { 1, 1, 1, 1 };
	void *fdt = load("qemu-virt.dtb");

	host_section("QEMU virt (-smp 4 -m 1G)");
	if (!fdt)
		return;
	CHECK_EQ(boot(fdt), 0);
	CHECK_STR(sbi_platform.model, "riscv-virtio,qemu");
	CHECK_EQ(sbi_platform.timebase_freq, 10000000);
	check_ids(ids, s, 4);
	CHECK(sbi_platform.mem_count == 1 &&
	      sbi_platform.mem[0].base == 0x80000000 &&
	      sbi_platform.mem[0].size == 0x40000000);
	CHECK(host_uart.calls == 1 && host_uart.base == 0x10000000 &&
	      host_uart.clock == 0x384000);
	CHECK_CTX(0, 1, 2, 3, -1, -1, -1, -1);
	CHECK(sbi_system_reset_get_device() != NULL);
	free(fdt);
}

/*
 * Two NUMA nodes: a CLINT (or an ACLINT MSWI and MTIMER) per socket, each
 * hart given the registers of its own socket's device; each memory bank
 * keeps its node for the emulated card.
 */
static void test_qemu_numa(const char *dtb, const char *timer_desc)
{
	void *fdt = load(dtb);
	static const unsigned long msip[] = { 0x2000000, 0x2000004, 0x2010000,
					      0x2010004 };
	static const unsigned long cmp[] = { 0x2004000, 0x2004008, 0x2014000,
					     0x2014008 };
	unsigned int i;

	host_section(dtb);
	if (!fdt)
		return;
	CHECK_EQ(boot(fdt), 0);
	CHECK_EQ(sbi_hart_count, 4);
	for (i = 0; i < 4; i++)
		CHECK_MSG(sbi_harts[i].s_capable &&
			  host_clint.msip[i] == msip[i] &&
			  host_mtimer.mtimecmp[i] == cmp[i],
			  "hart %u: MSIP 0x%lx, mtimecmp 0x%lx", i,
			  host_clint.msip[i], host_mtimer.mtimecmp[i]);
	CHECK_MSG(host_clint.msip[4] == 0 && host_mtimer.mtimecmp[4] == 0,
		  "no registers for hart index 4");
	CHECK(host_mtimer.mtime == 0x200bff8);
	CHECK_STR(sbi_platform.timer_desc, timer_desc);
	CHECK_MSG(sbi_platform.mmode_regs_count == 1 &&
		  sbi_platform.mmode_regs[0].base == 0x2000000 &&
		  sbi_platform.mmode_regs[0].size == 0x20000,
		  "both sockets' registers denied as one range (got %u, 0x%lx+0x%lx)",
		  sbi_platform.mmode_regs_count,
		  (unsigned long)sbi_platform.mmode_regs[0].base,
		  (unsigned long)sbi_platform.mmode_regs[0].size);
	CHECK_MSG(sbi_platform.mem_count == 2 &&
		  sbi_platform.mem[0].has_node && sbi_platform.mem[0].node == 0 &&
		  sbi_platform.mem[1].has_node && sbi_platform.mem[1].node == 1 &&
		  sbi_platform.mem[1].base == 0xa0000000,
		  "two banks, nodes 0 and 1");
	free(fdt);
}

/* The ACLINT: IPIs through the MSWI, the timer through the MTIMER. */
static void test_qemu_aclint(void)
{
	void *fdt = load("qemu-virt-aclint.dtb");

	host_section("QEMU virt,aclint=on (-smp 4 -m 1G)");
	if (!fdt)
		return;
	CHECK_EQ(boot(fdt), 0);
	CHECK_CTX(0, 1, 2, 3, -1, -1, -1, -1);
	CHECK(host_mtimer.mtime == 0x200bff8);
	CHECK_STR(sbi_platform.timer_desc, "aclint-mtimer @ 0x2004000");
	CHECK_MSG(sbi_platform.mmode_regs_count == 1 &&
		  sbi_platform.mmode_regs[0].base == 0x2000000 &&
		  sbi_platform.mmode_regs[0].size == 0x10000,
		  "MSWI and MTIMER ranges joined into one: %u ranges, 0x%llx+0x%llx",
		  sbi_platform.mmode_regs_count,
		  (unsigned long long)sbi_platform.mmode_regs[0].base,
		  (unsigned long long)sbi_platform.mmode_regs[0].size);
	free(fdt);
}

static void test_sifive_u(void)
{
	void *fdt = load("qemu-sifive_u.dtb");
	int gpio, restart;
	u32 phandle;

	host_section("QEMU sifive_u (-smp 5 -m 1G): gpio-restart");
	if (!fdt)
		return;
	CHECK_EQ(boot(fdt), 0);
	CHECK_MSG(host_uart.calls == 1 && host_uart.sifive &&
		  host_uart.base == 0x10010000, "console on the SiFive UART");
	CHECK_STR(sbi_platform.reset_desc,
		  "gpio-restart @ 0x10060000 pin 10 active low (reboot only)");
	CHECK_MSG(sbi_system_reset_get_device() &&
		  sbi_system_reset_get_device()->reset_check(0, 0) != 0 &&
		  !sbi_system_reset_get_device()->reset_check(1, 0) &&
		  !sbi_system_reset_get_device()->reset_check(2, 0),
		  "gpio-restart: reboot only");
	CHECK_EQ(sbi_system_reset(0, 0), SBI_ERR_NOT_SUPPORTED);

	/* gpios naming a node that is no sifive,gpio0: ignored, one line */
	restart = fdt_path_offset(fdt, "/gpio-restart");
	gpio = fdt_node_offset_by_compatible(fdt, -1, "sifive,gpio0");
	CHECK(restart >= 0 && gpio >= 0);
	phandle = fdt_get_phandle(fdt, gpio);
	CHECK(!fdt_setprop_u32(fdt, gpio, "#gpio-cells", 3));
	CHECK_EQ(boot(fdt), 0);
	CHECK(sbi_system_reset_get_device() == NULL);
	CHECK_MSG(console_has("gpio-restart ignored"), "bad gpio-restart reported");
	CHECK(!fdt_setprop_u32(fdt, gpio, "#gpio-cells", 2));

	/* a pin beyond the controller's 32 */
	{
		fdt32_t g[3] = { cpu_to_fdt32(phandle), cpu_to_fdt32(40),
				 cpu_to_fdt32(1) };

		CHECK(!fdt_setprop(fdt, restart, "gpios", g, sizeof(g)));
		CHECK_EQ(boot(fdt), 0);
		CHECK(sbi_system_reset_get_device() == NULL);
		/* cut short: no flags cell */
		g[1] = cpu_to_fdt32(10);
		CHECK(!fdt_setprop(fdt, restart, "gpios", g, 8));
		CHECK_EQ(boot(fdt), 0);
		CHECK(sbi_system_reset_get_device() == NULL);
		/* active high */
		g[2] = cpu_to_fdt32(0);
		CHECK(!fdt_setprop(fdt, restart, "gpios", g, sizeof(g)));
		CHECK_EQ(boot(fdt), 0);
		CHECK_STR(sbi_platform.reset_desc,
			  "gpio-restart @ 0x10060000 pin 10 (reboot only)");
	}
	free(fdt);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		data_dir = argv[1];
	test_sparse();
	test_mixed();
	test_many();
	test_broken();
	test_qemu();
	test_qemu_aclint();
	test_qemu_numa("qemu-virt-numa.dtb", "clint @ 0x2000000 and 1 more");
	test_qemu_numa("qemu-virt-aclint-numa.dtb", "aclint-mtimer @ 0x2004000 and 1 more");
	test_sifive_u();
	return host_summary("platform");
}
