/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Handlers of the SBI extensions, one file each under lib/sbi/.
 */
#ifndef __SBI_ECALL_H__
#define __SBI_ECALL_H__

#include <sbi/sbi_trap.h>

typedef struct sbiret (*sbi_ecall_fn)(unsigned long fid, unsigned long *args);

/* BASE takes its one argument in a register: it is the hottest call. */
struct sbiret sbi_ecall_base(unsigned long fid, unsigned long a0);
struct sbiret sbi_ecall_time(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_ipi(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_rfence(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_hsm(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_srst(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_dbcn(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_memhp(unsigned long fid, unsigned long *args);

/* 1 when @eid is implemented (BASE probe_extension). */
long sbi_ecall_probe(unsigned long eid);

/* Names of the implemented extensions, for the boot banner. */
void sbi_ecall_print_extensions(void);

#endif
