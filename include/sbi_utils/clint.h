/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The M-mode timer and IPI device: CLINT, or ACLINT MSWI and MTIMER.
 */
#ifndef __CLINT_H__
#define __CLINT_H__

#include <sbi/sbi_types.h>

/* A CLINT's MSWI and MTIMER, relative to its base. */
#define CLINT_MTIMECMP_OFF	0x4000
#define CLINT_MTIME_OFF		0xbff8

/*
 * Register the MSWIs for IPIs: @msip[i] is the address of the MSIP word of
 * the hart with index i, 0 when it has none.
 */
void aclint_mswi_init(const unsigned long *msip, unsigned int count);

/*
 * Register the MTIMERs: @mtime is the mtime counter the firmware reads
 * (every MTIMER of a machine counts in step), @mtimecmp[i] the address of
 * the mtimecmp register of the hart with index i, 0 when it has none.
 */
void aclint_mtimer_init(unsigned long mtime, const unsigned long *mtimecmp,
			unsigned int count);

#endif
