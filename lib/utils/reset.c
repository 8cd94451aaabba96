// SPDX-License-Identifier: BSD-2-Clause
/*
 * Power-off and reboot: the sifive,test device (which can also report a
 * failure code, making QEMU exit non-zero) or syscon-poweroff and
 * syscon-reboot nodes.
 */
#include <sbi/sbi_platform.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_ecall_interface.h>
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

static void reset_register(void)
{
	sbi_platform.reset_check = reset_check;
	sbi_platform.reset = reset_do;
	if (test_base)
		sbi_snprintf(sbi_platform.reset_desc,
			     sizeof(sbi_platform.reset_desc),
			     "sifive,test @ 0x%lx", test_base);
	else
		sbi_snprintf(sbi_platform.reset_desc,
			     sizeof(sbi_platform.reset_desc), "syscon%s%s",
			     syscon_poweroff.present ? " poweroff" : "",
			     syscon_reboot.present ? " reboot" : "");
}

void reset_init_sifive_test(unsigned long base)
{
	test_base = base;
	reset_register();
}

void reset_init_syscon(bool poweroff, unsigned long addr, u32 value)
{
	struct syscon_write *w = poweroff ? &syscon_poweroff : &syscon_reboot;

	w->addr = addr;
	w->value = value;
	w->present = true;
	reset_register();
}
