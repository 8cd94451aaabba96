// SPDX-License-Identifier: BSD-2-Clause
/*
 * MEMHP vendor extension: the ecall entry of the memory-hotplug manager,
 * whose SBI binding (lib/memhp/memhp_sbi.c) decodes the arguments.
 */
#include <memhp/memhp.h>
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_memhp.h>

static struct sbiret ecall_memhp(unsigned long fid, unsigned long *args)
{
	unsigned long value;
	long error = memhp_sbi_call(fid, args, &value);

	return (struct sbiret){ error, (long)value };
}

/* Its ID is set from mvendorid by sbi_memhp_cold_init(), which registers it. */
struct sbi_ecall_extension sbi_ecall_memhp_ext = {
	.name = "MEMHP",
	.handler = ecall_memhp,
	.print_info = sbi_memhp_print,
};
