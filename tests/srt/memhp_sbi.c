/*
 * The MEMHP extension's EID: a vendor extension, so it carries the
 * machine's mvendorid (0x09000000 | mvendorid[23:0]).
 */
#include "srt.h"
#include "memhp_sbi.h"

unsigned long mh_eid = MEMHP_EID_BASE;

/* Sets mh_eid from BASE get_mvendorid (0 when that fails) and returns it. */
unsigned long mh_find_eid(void)
{
	struct sbiret r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MVENDORID);

	mh_eid = MEMHP_EID_BASE | ((r.error ? 0 : r.value) & 0xffffff);
	return mh_eid;
}
