// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/utils/reset.c built for the host. Its reset routine ends in a raw
 * "wfi" asm statement that x86 cannot assemble: after every header the
 * file needs is in, the asm statement is turned into a call to the fake
 * wfi of host_csr.c. Nothing else in reset.c is changed. At the end,
 * host_reset_state() clears the driver's static state between boots.
 */
#include <libfdt.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/reset.h>
#include <sbi/riscv_asm.h>
#include "host_fakes.h"

static inline void host_asm_statement(const char *insn)
{
	(void)insn;
	host_wfi();
}

#define __volatile__
#define __asm__ host_asm_statement

#include "../../lib/utils/reset.c"

/* Forget the devices found so far, as at power-on (tests run many boots). */
void host_reset_state(void)
{
	test_base = 0;
	memset(&syscon_poweroff, 0, sizeof(syscon_poweroff));
	memset(&syscon_reboot, 0, sizeof(syscon_reboot));
	memset(&gpio_restart, 0, sizeof(gpio_restart));
}
