/*
 * HotSBI bench payload: what its parts share ("@@ key value" output on the
 * ns16550, exit through sifive_test, the roles of started harts, the
 * timed loops). The entry, SBI calls and FDT reader are the runtime's
 * (tests/srt).
 */
#ifndef BENCH_H
#define BENCH_H

#include "srt.h"
#include "memhp_sbi.h"

#define UART_BASE	0x10000000UL
#define UART_THR	0
#define UART_LSR	5
#define UART_LSR_THRE	0x20
#define TEST_BASE	0x100000UL
#define TEST_PASS	0x5555
#define TEST_FAIL	0x3333

typedef unsigned long ulong;

/* What a hart started at secondary_entry does: its opaque. */
enum bench_role {
	ROLE_REMOTE = 1,	/* times remote fences at the boot hart */
	ROLE_MEMHP_IDLE,	/* idles in wfi for the MEMHP calls' IPIs */
	ROLE_MEMHP_CALLER,	/* times the MEMHP calls */
};

/* out.c: straight to the UART, so the firmware's console plays no part */
__printf(1, 2) void out(const char *fmt, ...);
void kv_dec(const char *key, long v);
void kv_hex(const char *key, ulong v);
__noreturn void bench_exit(int fail);
__noreturn void fail(const char *what, long v);

/* loops.S: the timed loops, each returning the instret delta */
ulong loop_spec_version(ulong n);
ulong loop_probe_ext(ulong n, ulong eid);
ulong loop_ipi_self(ulong n, ulong mask);
ulong loop_remote_sfence(ulong n, ulong mask);
__noreturn void rtc_ticker(void);
extern volatile ulong rtc_slice;
__noreturn void memhp_idle(ulong hartid);
long memhp_rtc_offset(void);
ulong memhp_timed_ecall(ulong a0, ulong a1, ulong a2, ulong fid, ulong *t0,
			long *err, ulong eid);

/* bench.c, memhp.c and plan.c: the benches */
__noreturn void bench_remote_main(ulong hartid);
__noreturn void memhp_bench(ulong hartid);
__noreturn void memhp_caller(ulong hartid);
__noreturn void plan_bench(void);

#endif
