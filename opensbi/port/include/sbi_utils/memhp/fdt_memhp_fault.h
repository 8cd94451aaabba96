/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Logging of S/U-mode access faults on memory hotplug windows, as the
 * platform's emulate_load and emulate_store operations.
 */

#ifndef __FDT_MEMHP_FAULT_H__
#define __FDT_MEMHP_FAULT_H__

#ifdef CONFIG_FDT_MEMHP

#include <sbi/sbi_trap_ldst.h>

/**
 * Log a load access fault on a window block and fail
 *
 * For the platform's emulate_load: when the faulting address of @tcntx
 * (translated through satp) lies in a memory hotplug window, print one
 * rate-limited line with the hart, the address, the window, the block
 * and its state. The other arguments are not used.
 *
 * @return SBI_ENOTSUPP, so that the fault is redirected to S/U-mode
 */
int fdt_memhp_emulate_load(ulong insn, int rlen, ulong raddr,
			   union sbi_ldst_data *out_val,
			   struct sbi_trap_context *tcntx);

/**
 * Log a store or AMO access fault on a window block and fail
 *
 * For the platform's emulate_store, as fdt_memhp_emulate_load().
 *
 * @return SBI_ENOTSUPP, so that the fault is redirected to S/U-mode
 */
int fdt_memhp_emulate_store(ulong insn, int wlen, ulong waddr,
			    union sbi_ldst_data in_val,
			    struct sbi_trap_context *tcntx);

#else

/* No operations: OpenSBI redirects access faults as it always did */
#define fdt_memhp_emulate_load		NULL
#define fdt_memhp_emulate_store		NULL

#endif

#endif
