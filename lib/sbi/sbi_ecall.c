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

/*
 * The table, by value so that a lookup reads the IDs in a row; the most
 * probed first (BASE itself never reaches the table walk of a call).
 * Registered extensions are appended.
 */
struct sbi_ecall_extension sbi_ecall_exts[SBI_ECALL_EXTENSIONS_MAX] = {
	{ SBI_EXT_TIME, "TIME", sbi_ecall_time, NULL },
	{ SBI_EXT_IPI, "IPI", sbi_ecall_ipi, NULL },
	{ SBI_EXT_RFENCE, "RFENCE", sbi_ecall_rfence, NULL },
	{ SBI_EXT_HSM, "HSM", sbi_ecall_hsm, NULL },
	{ SBI_EXT_SRST, "SRST", sbi_ecall_srst, NULL },
	{ SBI_EXT_DBCN, "DBCN", sbi_ecall_dbcn, NULL },
	{ SBI_EXT_BASE, "BASE", sbi_ecall_base_args, NULL },
};
struct sbi_ecall_extension *sbi_ecall_exts_end = sbi_ecall_exts + 7;

int sbi_ecall_register_extension(const struct sbi_ecall_extension *ext)
{
	const struct sbi_ecall_extension *same = sbi_ecall_find(ext->eid);
	struct sbi_ecall_extension *e;

	/*
	 * Registered again after a new cold boot (the host tests and the
	 * fuzzers boot many times): the entry takes the new ID.
	 */
	for (e = sbi_ecall_exts; e < sbi_ecall_exts_end; e++) {
		if (e->handler == ext->handler) {
			if (same && same != e)
				return SBI_ERR_ALREADY_AVAILABLE;
			*e = *ext;
			return 0;
		}
	}
	if (same)
		return SBI_ERR_ALREADY_AVAILABLE;
	if (sbi_ecall_exts_end == sbi_ecall_exts + SBI_ECALL_EXTENSIONS_MAX)
		return SBI_ERR_FAILED;
	*sbi_ecall_exts_end++ = *ext;
	return 0;
}

/* Everything but BASE: gather the arguments for the extension handler. */
static struct sbiret __attribute__((noinline))
ecall_dispatch(unsigned long a0, unsigned long a1, unsigned long a2,
	       unsigned long a3, unsigned long a4, unsigned long a5,
	       unsigned long fid, unsigned long eid)
{
	unsigned long args[6] = { a0, a1, a2, a3, a4, a5 };
	const struct sbi_ecall_extension *ext = sbi_ecall_find(eid);

	if (!ext)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	return ext->handler(fid, args);
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
	const struct sbi_ecall_extension *ext;

	/* BASE first, as the specification lists it. */
	sbi_boot_printf("BASE");
	for (ext = sbi_ecall_exts; ext < sbi_ecall_exts_end; ext++) {
		if (ext->eid == SBI_EXT_BASE)
			continue;
		sbi_boot_printf(" %s", ext->name);
		if (ext->eid >= SBI_EXT_VENDOR_START &&
		    ext->eid <= SBI_EXT_VENDOR_END)
			sbi_boot_printf("(0x%lx)", ext->eid);
	}
}

void sbi_ecall_print_info(void)
{
	const struct sbi_ecall_extension *ext;

	for (ext = sbi_ecall_exts; ext < sbi_ecall_exts_end; ext++)
		if (ext->print_info)
			ext->print_info();
}
