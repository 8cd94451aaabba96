// SPDX-License-Identifier: BSD-2-Clause
/*
 * HSM extension: argument decoding for hart start, stop, status, suspend.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_hsm.h>

struct sbiret sbi_ecall_hsm(unsigned long fid, unsigned long *args)
{
	long state = 0;
	int rc;

	switch (fid) {
	case SBI_EXT_HSM_HART_START:
		rc = sbi_hsm_hart_start(args[0], args[1], args[2]);
		break;
	case SBI_EXT_HSM_HART_STOP:
		rc = sbi_hsm_hart_stop();
		break;
	case SBI_EXT_HSM_HART_GET_STATUS:
		rc = sbi_hsm_hart_get_status(args[0], &state);
		break;
	case SBI_EXT_HSM_HART_SUSPEND:
		rc = sbi_hsm_hart_suspend(args[0], args[1], args[2]);
		break;
	default:
		rc = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	return (struct sbiret){ rc, rc ? 0 : state };
}
