/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The generic platform's device-tree scan (platform.c), which its
 * early_init runs and the host tests and fuzzers call directly.
 */
#ifndef __GENERIC_PLATFORM_H__
#define __GENERIC_PLATFORM_H__

/*
 * Parse the device tree once and fill sbi_platform, the hart table, the
 * console, and the IPI, timer and reset devices. Returns 0, or prints the
 * one line cold boot stops on ("hotsbi: <why>; stopping") and returns an
 * error.
 */
int generic_platform_scan(void *fdt);

#endif
