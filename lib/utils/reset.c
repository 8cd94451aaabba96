// SPDX-License-Identifier: BSD-2-Clause
/*
 * Power-off and reboot: the sifive,test device (which can also report a
 * failure code, making QEMU exit non-zero), syscon-poweroff and
 * syscon-reboot nodes, or a gpio-restart node on a SiFive GPIO pin
 * (reboot only, as on QEMU's sifive_u).
 */
#include <sbi/sbi_platform.h>
#include <sbi/sbi_system.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi_utils/gpio_sifive.h>
#include <sbi_utils/reset.h>

#define TEST_PASS	0x5555
#define TEST_FAIL	0x3333
#define TEST_RESET	0x7777

struct syscon_write {
	unsigned long addr;
	u32 value;
	bool present;
};

struct gpio_restart {
	unsigned long base;
	unsigned int pin;
	bool active_low;
	bool present;
};

static unsigned long test_base;
static struct syscon_write syscon_poweroff, syscon_reboot;
static struct gpio_restart gpio_restart;

static int reset_check(u32 type, u32 reason __unused)
{
	if (type == SBI_SRST_RESET_TYPE_SHUTDOWN)
		return test_base || syscon_poweroff.present ? 0 : -1;
	return test_base || syscon_reboot.present || gpio_restart.present ?
		       0 : -1;
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
	} else if (type == SBI_SRST_RESET_TYPE_SHUTDOWN) {
		*(volatile u32 *)syscon_poweroff.addr = syscon_poweroff.value;
	} else if (syscon_reboot.present) {
		*(volatile u32 *)syscon_reboot.addr = syscon_reboot.value;
	} else {
		/* an edge from inactive to active, as gpio-restart asks */
		sifive_gpio_output(gpio_restart.base, gpio_restart.pin,
				   gpio_restart.active_low);
		sifive_gpio_output(gpio_restart.base, gpio_restart.pin,
				   !gpio_restart.active_low);
	}
	/* The write takes effect asynchronously on some devices. */
	for (;;)
		__asm__ __volatile__("wfi");
}

static const struct sbi_system_reset_device reset_device = {
	.name = "reset",
	.reset_check = reset_check,
	.reset = reset_do,
};

static void reset_register(void)
{
	char *d = sbi_platform.reset_desc;
	int n = sizeof(sbi_platform.reset_desc);

	sbi_system_reset_set_device(&reset_device);
	if (test_base) {
		sbi_snprintf(d, n, "sifive,test @ 0x%lx", test_base);
	} else if (syscon_poweroff.present || syscon_reboot.present) {
		sbi_snprintf(d, n, "syscon%s%s",
			     syscon_poweroff.present ? " poweroff" : "",
			     syscon_reboot.present ? " reboot" : "");
	} else {
		sbi_snprintf(d, n,
			     "gpio-restart @ 0x%lx pin %u%s (reboot only)",
			     gpio_restart.base, gpio_restart.pin,
			     gpio_restart.active_low ? " active low" : "");
	}
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

void reset_init_gpio_restart(unsigned long base, unsigned int pin,
			     bool active_low)
{
	gpio_restart.base = base;
	gpio_restart.pin = pin;
	gpio_restart.active_low = active_low;
	gpio_restart.present = true;
	reset_register();
}
