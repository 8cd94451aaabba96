/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The M-mode timer and IPI device: CLINT, or ACLINT MSWI and MTIMER.
 */
#ifndef __CLINT_H__
#define __CLINT_H__

#include <sbi/sbi_types.h>

#define CLINT_CTX_NONE	(-1)

/* A CLINT's MSWI and MTIMER, relative to its base. */
#define CLINT_MTIMECMP_OFF	0x4000
#define CLINT_MTIME_OFF		0xbff8

/*
 * Register the MSWI at @base for IPIs; @ctx[i] is the MSIP word of the
 * hart with index i, CLINT_CTX_NONE when it has none.
 */
void aclint_mswi_init(unsigned long base, const int *ctx, unsigned int count);

/*
 * Register the MTIMER whose mtime counter is at @mtime and whose
 * mtimecmp registers start at @mtimecmp; @ctx[i] is the mtimecmp index
 * of the hart with index i, CLINT_CTX_NONE when it has none.
 */
void aclint_mtimer_init(unsigned long mtime, unsigned long mtimecmp,
			const int *ctx, unsigned int count);

#endif
