/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bit scanning without libgcc (the cross libgcc uses another float ABI).
 */
#ifndef __SBI_BITOPS_H__
#define __SBI_BITOPS_H__

/* Index of the lowest set bit of @x; 64 when @x is 0. */
static inline unsigned int sbi_ctzl(unsigned long x)
{
	unsigned int n = 0;

	if (!x)
		return 64;
	if (!(x & 0xffffffffUL)) {
		n += 32;
		x >>= 32;
	}
	if (!(x & 0xffffUL)) {
		n += 16;
		x >>= 16;
	}
	if (!(x & 0xffUL)) {
		n += 8;
		x >>= 8;
	}
	if (!(x & 0xfUL)) {
		n += 4;
		x >>= 4;
	}
	if (!(x & 0x3UL)) {
		n += 2;
		x >>= 2;
	}
	return n + !(x & 1);
}

#endif
