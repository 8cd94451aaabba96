/*
 * The MEMHP vendor extension as the MEMHP specification v1.0 defines it
 * (EID, functions, attributes, flags, block states), and what memhp.c and
 * memhp_stress.c share: the window table, the SBI wrappers and the
 * access probes ("touches") that catch PMP faults.
 */
#ifndef PAYLOAD_MEMHP_H
#define PAYLOAD_MEMHP_H

#include "payload.h"

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

/* Windows (and blocks per window) the payload follows in full. */
#define MH_MAX_WINDOWS			8
#define MH_MAX_BLOCKS			64

#define CAUSE_LOAD_ACCESS_FAULT		5
#define CAUSE_STORE_ACCESS_FAULT	7

struct mh_window {
	unsigned long base, size, bsize, nblocks, flags, numa;
};

extern unsigned long mh_eid;
extern unsigned long mh_nwin;
extern struct mh_window mh_win[MH_MAX_WINDOWS];

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

static inline unsigned long mh_block_addr(unsigned long win,
					  unsigned long block)
{
	return mh_win[win].base + block * mh_win[win].bsize;
}

/* xorshift64*, one state per hart */
static inline unsigned long mh_rand(unsigned long *s)
{
	unsigned long x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DUL;
}

/* Result of one store + load at an address. */
struct mh_touch {
	unsigned long st_cause, st_tval;	/* 0 when the store worked */
	unsigned long ld_cause, ld_tval;	/* 0 when the load worked */
	unsigned long val;			/* what the load returned */
};

enum { TOUCH_OK, TOUCH_FAULT, TOUCH_BAD };

void mh_touch(unsigned long addr, unsigned long val, struct mh_touch *t);
/*
 * Loads, stores and loads addr back, restoring its contents: TOUCH_OK,
 * TOUCH_FAULT (load and store access faults with stval = addr) or TOUCH_BAD.
 */
int mh_touch_class(unsigned long addr, unsigned long val, struct mh_touch *t);
/* The value hart h writes at addr, unique per hart and address. */
unsigned long mh_pattern(unsigned long hartid, unsigned long addr);

/* memhp_stress.c */
void mh_stress(void);

/*
 * memhp_drain.c: unplug blocks [0, @n) of window @w (@n <= MH_MAX_BLOCKS)
 * even where single UNPLUGs are refused for lack of PMP entries. Returns
 * the successful calls, or -1 on another error or when no whole run or
 * gap is accepted; @refused counts the -1 answers on the way.
 */
long mh_drain(unsigned long w, unsigned long n, unsigned long *refused);

extern unsigned long mh_pmp_entries;
bool mh_pmp_may_refuse(const unsigned char *st);

#endif /* PAYLOAD_MEMHP_H */
