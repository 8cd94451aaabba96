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

/* The buffer (lo, hi) of @len bytes, or 0 when S-mode may not use it. */
static bool dbcn_buffer_ok(unsigned long len, unsigned long lo,
			   unsigned long hi, unsigned int access)
{
	/* RV64: an address needing the high word is beyond memory. */
	return hi == 0 && sbi_memregion_smode_ok(lo, len, access);
}

struct sbiret sbi_ecall_dbcn(unsigned long fid, unsigned long *args)
{
	unsigned long len = args[0];

	if (fid > SBI_EXT_DBCN_CONSOLE_WRITE_BYTE)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	if (!sbi_console_get_device())
		return (struct sbiret){ SBI_ERR_DENIED, 0 };

	switch (fid) {
	case SBI_EXT_DBCN_CONSOLE_WRITE:
		if (!dbcn_buffer_ok(len, args[1], args[2], SBI_ACCESS_R))
			return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
		if (!len)
			return (struct sbiret){ SBI_SUCCESS, 0 };
		return (struct sbiret){
			SBI_SUCCESS,
			sbi_console_write((const char *)args[1], len)
		};
	case SBI_EXT_DBCN_CONSOLE_READ:
		if (!dbcn_buffer_ok(len, args[1], args[2], SBI_ACCESS_W))
			return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
		if (!len)
			return (struct sbiret){ SBI_SUCCESS, 0 };
		return (struct sbiret){ SBI_SUCCESS,
					sbi_console_read((char *)args[1], len) };
	default:
		sbi_console_write((const char *)&args[0], 1);
		return (struct sbiret){ SBI_SUCCESS, 0 };
	}
}
