// SPDX-License-Identifier: BSD-2-Clause
/*
 * MEMHP vendor extension: argument decoding for the memory-hotplug
 * manager (docs/memhp.md, section 2).
 */
#include <memhp/memhp.h>
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_memhp.h>

/* READ_STATE's buffer: wholly in memory S-mode may currently write. */
static bool buffer_writable(u64 addr, u64 size)
{
	return sbi_memregion_smode_ok(addr, size, SBI_ACCESS_W);
}

/* RV64: a buffer that needs the high address word is never valid. */
static bool buffer_never(u64 addr, u64 size)
{
	return false;
}

static struct sbiret ecall_memhp(unsigned long fid, unsigned long *args)
{
	unsigned long value = 0;
	int rc;

	switch (fid) {
	case MEMHP_FID_GET_ATTR:
		rc = memhp_get_attr(args[0], args[1], &value);
		break;
	case MEMHP_FID_PLUG:
		rc = memhp_plug(args[0], args[1], args[2]);
		break;
	case MEMHP_FID_UNPLUG:
		rc = memhp_unplug(args[0], args[1], args[2]);
		break;
	case MEMHP_FID_BLOCK_STATE:
		rc = memhp_block_state(args[0], args[1], &value);
		break;
	case MEMHP_FID_CHECK:
		rc = memhp_check(args[0], args[1], args[2], args[3]);
		break;
	case MEMHP_FID_READ_STATE:
		rc = memhp_read_state(args[0], args[1], args[2],
				      (u8 *)args[3],
				      args[4] ? buffer_never : buffer_writable);
		if (!rc)
			value = args[2];
		break;
	default:
		rc = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	return (struct sbiret){ rc, rc ? 0 : (long)value };
}

/* Its ID is set from mvendorid by sbi_memhp_cold_init(), which registers it. */
struct sbi_ecall_extension sbi_ecall_memhp_ext = {
	.name = "MEMHP",
	.handler = ecall_memhp,
};
