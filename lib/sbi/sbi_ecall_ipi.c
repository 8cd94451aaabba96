// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPI extension: raise the S-mode software interrupt on a set of harts.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_ipi.h>

struct sbiret sbi_ecall_ipi(unsigned long fid, unsigned long *args)
{
	sbi_hartmask_t targets;
	int rc;

	if (fid != SBI_EXT_IPI_SEND_IPI)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	rc = sbi_hartmask_from_sbi(args[0], args[1], &targets);
	if (rc)
		return (struct sbiret){ rc, 0 };
	/* Stopped harts do not receive S-mode interrupts. */
	sbi_ipi_send_smode(targets & sbi_ipi_live_harts());
	return (struct sbiret){ SBI_SUCCESS, 0 };
}
