// SPDX-License-Identifier: BSD-2-Clause
/*
 * The MEMHP extension's SBI binding: argument decoding for each function
 * and the mapping from the manager's errors to the SBI errors the
 * contract names (docs/memhp.md, section 2). A host's ecall handler for
 * the extension calls memhp_sbi_call() and returns what it gives.
 */
#include <memhp/memhp.h>

/* SBI error codes (SBI specification, "Standard SBI Errors"). */
#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			-1
#define SBI_ERR_NOT_SUPPORTED		-2
#define SBI_ERR_INVALID_PARAM		-3
#define SBI_ERR_DENIED			-4
#define SBI_ERR_INVALID_ADDRESS		-5
#define SBI_ERR_ALREADY_AVAILABLE	-6
#define SBI_ERR_ALREADY_STOPPED		-8

static const long sbi_errors[MEMHP_ERR_COUNT] = {
	[MEMHP_OK] = SBI_SUCCESS,
	[MEMHP_ERR_FAILED] = SBI_ERR_FAILED,
	[MEMHP_ERR_NOT_SUPPORTED] = SBI_ERR_NOT_SUPPORTED,
	[MEMHP_ERR_INVALID_PARAM] = SBI_ERR_INVALID_PARAM,
	[MEMHP_ERR_DENIED] = SBI_ERR_DENIED,
	[MEMHP_ERR_INVALID_ADDRESS] = SBI_ERR_INVALID_ADDRESS,
	[MEMHP_ERR_ALREADY_AVAILABLE] = SBI_ERR_ALREADY_AVAILABLE,
	[MEMHP_ERR_ALREADY_STOPPED] = SBI_ERR_ALREADY_STOPPED,
};

long memhp_sbi_error(int err)
{
	if (err < 0 || err >= MEMHP_ERR_COUNT)
		return SBI_ERR_FAILED;
	return sbi_errors[err];
}

long memhp_sbi_call(unsigned long fid, const unsigned long *args,
		    unsigned long *value)
{
	int rc;

	*value = 0;
	switch (fid) {
	case MEMHP_FID_GET_ATTR:
		rc = memhp_get_attr(args[0], args[1], value);
		break;
	case MEMHP_FID_PLUG:
		rc = memhp_plug(args[0], args[1], args[2]);
		break;
	case MEMHP_FID_UNPLUG:
		rc = memhp_unplug(args[0], args[1], args[2]);
		break;
	case MEMHP_FID_BLOCK_STATE:
		rc = memhp_block_state(args[0], args[1], value);
		break;
	case MEMHP_FID_READ_STATE:
		rc = memhp_read_state(args[0], args[1], args[2], args[3],
				      args[4]);
		if (!rc)
			*value = args[2];
		break;
	case MEMHP_FID_CHECK:
		rc = MEMHP_SPEC_VERSION < MEMHP_SPEC_VERSION_1_1 ?
		     MEMHP_ERR_NOT_SUPPORTED :
		     memhp_check(args[0], args[1], args[2], args[3]);
		break;
	default:
		rc = MEMHP_ERR_NOT_SUPPORTED;
		break;
	}
	if (rc)
		*value = 0;
	return memhp_sbi_error(rc);
}
