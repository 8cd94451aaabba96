/*
 * What the payload's MEMHP tests (memhp.c, memhp_stress.c) share: the
 * window table and the access probes ("touches") that catch PMP faults.
 * The extension's constants and calls are tests/srt/memhp_sbi.h.
 */
#ifndef PAYLOAD_MEMHP_H
#define PAYLOAD_MEMHP_H

#include "payload.h"
#include "memhp_sbi.h"

/* Windows (and blocks per window) the payload follows in full. */
#define MH_MAX_WINDOWS			8
#define MH_MAX_BLOCKS			64

struct mh_window {
	unsigned long base, size, bsize, nblocks, flags, numa;
};

extern unsigned long mh_nwin;
extern struct mh_window mh_win[MH_MAX_WINDOWS];

static inline unsigned long mh_block_addr(unsigned long win,
					  unsigned long block)
{
	return mh_win[win].base + block * mh_win[win].bsize;
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
