// SPDX-License-Identifier: BSD-2-Clause
/*
 * DBCN extension: the debug console. Buffers are physical addresses and
 * must lie wholly in memory S-mode may access.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_pmp.h>

/* The buffer (lo, hi) of @len bytes, or 0 when S-mode may not use it. */
static bool dbcn_buffer_ok(unsigned long len, unsigned long lo,
			   unsigned long hi)
{
	/* RV64: an address needing the high word is beyond memory. */
	return hi == 0 && sbi_memregion_smode_ok(lo, len);
}

/*
 * A buffer in the protection provider's memory (a hotplug window) is
 * checked and used while the provider holds its layout, so it cannot be
 * unplugged between the check and the access.
 */
static struct sbiret dbcn_buffer_io(unsigned long fid, unsigned long len,
				    unsigned long lo, unsigned long hi)
{
	bool write = fid == SBI_EXT_DBCN_CONSOLE_WRITE;
	bool held = hi == 0 && sbi_pmp_hold(lo, len);
	struct sbiret ret = { SBI_SUCCESS, 0 };

	if (!dbcn_buffer_ok(len, lo, hi))
		ret.error = SBI_ERR_INVALID_PARAM;
	else if (len && write)
		ret.value = sbi_console_write((const char *)lo, len);
	else if (len)
		ret.value = sbi_console_read((char *)lo, len);
	if (held)
		sbi_pmp_release();
	return ret;
}

struct sbiret sbi_ecall_dbcn(unsigned long fid, unsigned long *args)
{
	if (fid > SBI_EXT_DBCN_CONSOLE_WRITE_BYTE)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	if (!sbi_console_get_device())
		return (struct sbiret){ SBI_ERR_DENIED, 0 };
	if (fid == SBI_EXT_DBCN_CONSOLE_WRITE_BYTE) {
		sbi_console_write((const char *)&args[0], 1);
		return (struct sbiret){ SBI_SUCCESS, 0 };
	}
	return dbcn_buffer_io(fid, args[0], args[1], args[2]);
}
