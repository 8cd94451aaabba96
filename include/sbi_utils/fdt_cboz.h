/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Zicboz block sizes from the device tree (lib/utils/fdt_cboz.c).
 */
#ifndef __FDT_CBOZ_H__
#define __FDT_CBOZ_H__

/*
 * Set cboz_block_size of each hart in the hart table whose /cpus node in
 * @fdt names Zicboz with a power-of-two riscv,cboz-block-size of 8 to
 * 4096 bytes; the others keep 0 (no cbo.zero).
 */
void fdt_cboz_probe(const void *fdt);

#endif
