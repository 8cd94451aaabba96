/*
 * HotSBI bench payload: what its parts share (types, SBI call, CSR access,
 * "@@ key value" output on the ns16550, exit through sifive_test).
 */
#ifndef BENCH_H
#define BENCH_H

#define UART_BASE	0x10000000UL
#define UART_THR	0
#define UART_LSR	5
#define UART_LSR_THRE	0x20
#define TEST_BASE	0x100000UL
#define TEST_PASS	0x5555
#define TEST_FAIL	0x3333

#define SBI_EXT_BASE	0x10
#define SBI_EXT_TIME	0x54494D45
#define SBI_EXT_IPI	0x735049
#define SBI_EXT_RFENCE	0x52464E43
#define SBI_EXT_HSM	0x48534D

#define SIP_SSIP	2UL
#define SSTATUS_SIE	2UL

typedef unsigned long ulong;
typedef unsigned int u32;

struct sbiret {
	long error;
	long value;
};

#define csr_read(csr)							\
({									\
	ulong __v;							\
	asm volatile("csrr %0, " #csr : "=r"(__v) :: "memory");	\
	__v;								\
})
#define csr_write(csr, val)						\
	asm volatile("csrw " #csr ", %0" :: "rK"((ulong)(val)) : "memory")
#define csr_clear(csr, val)						\
	asm volatile("csrc " #csr ", %0" :: "rK"((ulong)(val)) : "memory")

static inline struct sbiret sbi_call(ulong eid, ulong fid, ulong a0, ulong a1,
				     ulong a2, ulong a3)
{
	register ulong r0 asm("a0") = a0;
	register ulong r1 asm("a1") = a1;
	register ulong r2 asm("a2") = a2;
	register ulong r3 asm("a3") = a3;
	register ulong r6 asm("a6") = fid;
	register ulong r7 asm("a7") = eid;
	struct sbiret ret;

	asm volatile("ecall"
		     : "+r"(r0), "+r"(r1)
		     : "r"(r2), "r"(r3), "r"(r6), "r"(r7)
		     : "memory");
	ret.error = r0;
	ret.value = r1;
	return ret;
}

extern void strap_entry(void);

void uart_puts(const char *s);
void put_dec(long v);
void kv_dec(const char *key, long v);
void kv_hex(const char *key, ulong v);
void kv_loop(const char *name, ulong delta, ulong n);
void __attribute__((noreturn)) bench_exit(int fail);
void __attribute__((noreturn)) fail(const char *what, long v);

/* fdt.c: a property of a node given by its full path; string equality */
const void *fdt_prop(ulong fdt, const char *path, const char *name, int *len);
int str_eq(const char *a, const char *b);

/* memhp.c and plan.c: the MEMHP and planner benches (HotSBI only) */
void __attribute__((noreturn)) memhp_bench(ulong hartid, ulong fdt);
void __attribute__((noreturn)) plan_bench(void);

#endif
