// SPDX-License-Identifier: BSD-2-Clause
/*
 * Power-off and reboot: the sifive,test device (which can also report a
 * failure code, making QEMU exit non-zero) or syscon-poweroff and
 * syscon-reboot nodes.
 */
#include <libfdt.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/reset.h>

#define TEST_PASS	0x5555
#define TEST_FAIL	0x3333
#define TEST_RESET	0x7777

struct syscon_write {
	unsigned long addr;
	u32 value;
	bool present;
};

static unsigned long test_base;
static struct syscon_write syscon_poweroff, syscon_reboot;

static int reset_check(u32 type, u32 reason)
{
	if (type == SBI_SRST_RESET_TYPE_SHUTDOWN)
		return test_base || syscon_poweroff.present ? 0 : -1;
	return test_base || syscon_reboot.present ? 0 : -1;
}

static void reset_do(u32 type, u32 reason)
{
	if (test_base) {
		u32 v = TEST_RESET;

		if (type == SBI_SRST_RESET_TYPE_SHUTDOWN)
			v = reason == SBI_SRST_RESET_REASON_NONE ?
				    TEST_PASS :
				    TEST_FAIL | (1 << 16);
		*(volatile u32 *)test_base = v;
	} else {
		struct syscon_write *w = type == SBI_SRST_RESET_TYPE_SHUTDOWN ?
						 &syscon_poweroff :
						 &syscon_reboot;

		*(volatile u32 *)w->addr = w->value;
	}
	/* The write takes effect asynchronously on some devices. */
	for (;;)
		__asm__ __volatile__("wfi");
}

static void syscon_parse(const void *fdt, const char *compat,
			 struct syscon_write *w)
{
	const char *const compats[] = { compat, NULL };
	int node = fdt_helper_find_compatible(fdt, -1, compats);
	u32 phandle, offset = 0, value;
	u64 base;
	int map;

	if (node < 0 || fdt_helper_get_u32(fdt, node, "regmap", &phandle) ||
	    fdt_helper_get_u32(fdt, node, "value", &value))
		return;
	fdt_helper_get_u32(fdt, node, "offset", &offset);
	map = fdt_node_offset_by_phandle(fdt, phandle);
	if (map < 0 || fdt_helper_get_reg(fdt, map, 0, &base, NULL))
		return;
	w->addr = base + offset;
	w->value = value;
	w->present = true;
}

void reset_fdt_init(const void *fdt)
{
	static const char *const test_compats[] = { "sifive,test1",
						    "sifive,test0", NULL };
	int node = fdt_helper_find_compatible(fdt, -1, test_compats);
	u64 base;

	if (node >= 0 && !fdt_helper_get_reg(fdt, node, 0, &base, NULL)) {
		test_base = base;
		sbi_snprintf(sbi_platform.reset_desc,
			     sizeof(sbi_platform.reset_desc),
			     "sifive,test @ 0x%lx", test_base);
	}
	syscon_parse(fdt, "syscon-poweroff", &syscon_poweroff);
	syscon_parse(fdt, "syscon-reboot", &syscon_reboot);
	if (!test_base && (syscon_poweroff.present || syscon_reboot.present))
		sbi_snprintf(sbi_platform.reset_desc,
			     sizeof(sbi_platform.reset_desc),
			     "syscon%s%s", syscon_poweroff.present ? " poweroff" : "",
			     syscon_reboot.present ? " reboot" : "");
	if (test_base || syscon_poweroff.present || syscon_reboot.present) {
		sbi_platform.reset_check = reset_check;
		sbi_platform.reset = reset_do;
	} else {
		strlcpy(sbi_platform.reset_desc, "none",
			sizeof(sbi_platform.reset_desc));
	}
}
