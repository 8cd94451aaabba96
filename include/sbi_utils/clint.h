/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SiFive/RISC-V CLINT: machine software interrupts and machine timer.
 */
#ifndef __CLINT_H__
#define __CLINT_H__

#include <sbi/sbi_types.h>

#define CLINT_CTX_NONE	(-1)

/*
 * Register the CLINT at @base; @ctx[i] is the CLINT context of the hart
 * with index i, CLINT_CTX_NONE when it has none.
 */
void clint_init(unsigned long base, const int *ctx, unsigned int count);

#endif
