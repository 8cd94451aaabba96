// SPDX-License-Identifier: BSD-2-Clause
/*
 * SBI call dispatch: from the extension ID in a7 to its handler.
 * BASE is first and takes its one argument in a register: it is the call
 * supervisors make most often while probing.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_memhp.h>

struct sbi_ecall_ext {
	unsigned long eid;
	const char *name;
	sbi_ecall_fn handler;
};

static const struct sbi_ecall_ext ecall_exts[] = {
	{ SBI_EXT_TIME, "TIME", sbi_ecall_time },
	{ SBI_EXT_IPI, "IPI", sbi_ecall_ipi },
	{ SBI_EXT_RFENCE, "RFENCE", sbi_ecall_rfence },
	{ SBI_EXT_HSM, "HSM", sbi_ecall_hsm },
	{ SBI_EXT_SRST, "SRST", sbi_ecall_srst },
	{ SBI_EXT_DBCN, "DBCN", sbi_ecall_dbcn },
};

/* Everything but BASE: gather the arguments for the extension handler. */
static struct sbiret __attribute__((noinline))
ecall_dispatch(unsigned long a0, unsigned long a1, unsigned long a2,
	       unsigned long a3, unsigned long a4, unsigned long a5,
	       unsigned long fid, unsigned long eid)
{
	unsigned long args[6] = { a0, a1, a2, a3, a4, a5 };
	unsigned int i;

	for (i = 0; i < array_size(ecall_exts); i++)
		if (ecall_exts[i].eid == eid)
			return ecall_exts[i].handler(fid, args);
	if (eid == sbi_memhp_eid())
		return sbi_ecall_memhp(fid, args);
	return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
}

struct sbiret sbi_ecall_handler(unsigned long a0, unsigned long a1,
				unsigned long a2, unsigned long a3,
				unsigned long a4, unsigned long a5,
				unsigned long fid, unsigned long eid)
{
	if (likely(eid == SBI_EXT_BASE))
		return sbi_ecall_base(fid, a0);
	return ecall_dispatch(a0, a1, a2, a3, a4, a5, fid, eid);
}

void sbi_ecall_print_extensions(void)
{
	unsigned int i;

	sbi_boot_printf("BASE");
	for (i = 0; i < array_size(ecall_exts); i++)
		sbi_boot_printf(" %s", ecall_exts[i].name);
	sbi_boot_printf(" MEMHP(0x%lx)", sbi_memhp_eid());
}
