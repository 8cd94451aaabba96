/*
 * The MEMHP vendor extension as the MEMHP specification v1.1 defines it
 * (EID, functions, attributes, flags, block states; its errors are the
 * SBI_ERR_* of sbi.h) and its call wrappers.
 */
#ifndef SRT_MEMHP_SBI_H
#define SRT_MEMHP_SBI_H

#include "sbi.h"

#define MEMHP_EID_BASE			0x09000000UL

#define MEMHP_GET_ATTR			0
#define MEMHP_PLUG			1
#define MEMHP_UNPLUG			2
#define MEMHP_BLOCK_STATE		3
#define MEMHP_READ_STATE		4
#define MEMHP_CHECK			5

#define MEMHP_ATTR_SPEC_VERSION		0
#define MEMHP_ATTR_NUM_WINDOWS		1
#define MEMHP_ATTR_MAX_PFN		2
#define MEMHP_ATTR_WINDOW_BASE		3
#define MEMHP_ATTR_WINDOW_SIZE		4
#define MEMHP_ATTR_BLOCK_SIZE		5
#define MEMHP_ATTR_WINDOW_FLAGS		6
#define MEMHP_ATTR_NUMA_NODE		7
#define MEMHP_ATTR_PLUGGED_BLOCKS	8
#define MEMHP_ATTR_GENERATION		9
#define MEMHP_NUM_ATTRS			10

#define MEMHP_SPEC_VERSION_1_1		0x01010000UL

#define MEMHP_FLAG_EMULATED		(1UL << 0)
#define MEMHP_FLAG_SCRUB_ON_UNPLUG	(1UL << 1)
#define MEMHP_FLAG_NUMA_NODE_VALID	(1UL << 2)

#define MEMHP_UNPLUGGED			0
#define MEMHP_PLUGGED			1
#define MEMHP_UNAVAILABLE		2

/* memhp_sbi.c: the EID, MEMHP_EID_BASE | mvendorid[23:0] once found */
extern unsigned long mh_eid;
unsigned long mh_find_eid(void);

static inline struct sbiret mh_attr(unsigned long attr, unsigned long win)
{
	return sbi_call2(mh_eid, MEMHP_GET_ATTR, attr, win);
}

static inline struct sbiret mh_op(unsigned long fid, unsigned long win,
				  unsigned long first, unsigned long count)
{
	return sbi_call3(mh_eid, fid, win, first, count);
}

/* CHECK (spec 1.1): what PLUG or UNPLUG (@fid) of the range would return. */
static inline struct sbiret mh_check(unsigned long fid, unsigned long win,
				     unsigned long first, unsigned long count)
{
	return sbi_call4(mh_eid, MEMHP_CHECK, win, first, count,
			 fid == MEMHP_PLUG ? 0 : 1);
}

static inline struct sbiret mh_block_state(unsigned long win,
					   unsigned long block)
{
	return sbi_call2(mh_eid, MEMHP_BLOCK_STATE, win, block);
}

static inline struct sbiret mh_read_state(unsigned long win,
					  unsigned long first,
					  unsigned long count,
					  unsigned long lo, unsigned long hi)
{
	return sbi_ecall(mh_eid, MEMHP_READ_STATE, win, first, count, lo, hi,
			 0);
}

/* GET_ATTR value of a per-window attribute, or -1UL on error. */
static inline unsigned long mh_get(unsigned long attr, unsigned long win)
{
	struct sbiret r = mh_attr(attr, win);

	return r.error ? -1UL : (unsigned long)r.value;
}

#endif /* SRT_MEMHP_SBI_H */
