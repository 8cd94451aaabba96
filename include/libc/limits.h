/* SPDX-License-Identifier: BSD-2-Clause */
/* <limits.h> for libfdt on LP64 RISC-V, without a C library. */
#ifndef __HOTSBI_LIMITS_H__
#define __HOTSBI_LIMITS_H__

#define CHAR_BIT	8
#define INT_MAX		0x7fffffff
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	0xffffffffU
#define LONG_MAX	0x7fffffffffffffffL
#define LONG_MIN	(-LONG_MAX - 1)
#define ULONG_MAX	0xffffffffffffffffUL

#endif
