/*
 * SBI calling convention and constants for the HotSBI test payload,
 * taken from the RISC-V SBI specification v2.0.
 */
#ifndef PAYLOAD_SBI_H
#define PAYLOAD_SBI_H

#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			-1
#define SBI_ERR_NOT_SUPPORTED		-2
#define SBI_ERR_INVALID_PARAM		-3
#define SBI_ERR_DENIED			-4
#define SBI_ERR_INVALID_ADDRESS		-5
#define SBI_ERR_ALREADY_AVAILABLE	-6
#define SBI_ERR_ALREADY_STARTED		-7
#define SBI_ERR_ALREADY_STOPPED		-8

#define SBI_EXT_LEGACY_PUTCHAR		0x01
#define SBI_EXT_BASE			0x10
#define SBI_EXT_TIME			0x54494D45
#define SBI_EXT_IPI			0x735049
#define SBI_EXT_RFENCE			0x52464E43
#define SBI_EXT_HSM			0x48534D
#define SBI_EXT_SRST			0x53525354
#define SBI_EXT_DBCN			0x4442434E

#define SBI_BASE_GET_SPEC_VERSION	0
#define SBI_BASE_GET_IMPL_ID		1
#define SBI_BASE_GET_IMPL_VERSION	2
#define SBI_BASE_PROBE_EXT		3
#define SBI_BASE_GET_MVENDORID		4
#define SBI_BASE_GET_MARCHID		5
#define SBI_BASE_GET_MIMPID		6

#define SBI_TIME_SET_TIMER		0
#define SBI_IPI_SEND_IPI		0

#define SBI_RFENCE_FENCE_I		0
#define SBI_RFENCE_SFENCE_VMA		1
#define SBI_RFENCE_SFENCE_VMA_ASID	2
#define SBI_RFENCE_HFENCE_GVMA_VMID	3
#define SBI_RFENCE_HFENCE_GVMA		4
#define SBI_RFENCE_HFENCE_VVMA_ASID	5
#define SBI_RFENCE_HFENCE_VVMA		6

#define SBI_HSM_HART_START		0
#define SBI_HSM_HART_STOP		1
#define SBI_HSM_HART_GET_STATUS		2
#define SBI_HSM_HART_SUSPEND		3

#define SBI_HSM_STARTED			0
#define SBI_HSM_STOPPED			1
#define SBI_HSM_START_PENDING		2
#define SBI_HSM_STOP_PENDING		3
#define SBI_HSM_SUSPENDED		4
#define SBI_HSM_SUSPEND_PENDING		5
#define SBI_HSM_RESUME_PENDING		6

#define SBI_HSM_SUSPEND_RET_DEFAULT	0x00000000UL
#define SBI_HSM_SUSPEND_NON_RET_DEFAULT	0x80000000UL

#define SBI_SRST_RESET			0
#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_TYPE_COLD_REBOOT	1
#define SBI_SRST_REASON_NONE		0
#define SBI_SRST_REASON_SYSFAIL		1

#define SBI_DBCN_WRITE			0
#define SBI_DBCN_READ			1
#define SBI_DBCN_WRITE_BYTE		2

/* HotSBI's implementation ID: "HSBI". */
#define SBI_IMPL_ID_HOTSBI		0x48534249UL
#define SBI_IMPL_ID_OPENSBI		1UL

#ifndef __ASSEMBLER__

struct sbiret {
	long error;
	long value;
};

static inline struct sbiret sbi_ecall(unsigned long eid, unsigned long fid,
				      unsigned long arg0, unsigned long arg1,
				      unsigned long arg2, unsigned long arg3,
				      unsigned long arg4, unsigned long arg5)
{
	register unsigned long a0 asm("a0") = arg0;
	register unsigned long a1 asm("a1") = arg1;
	register unsigned long a2 asm("a2") = arg2;
	register unsigned long a3 asm("a3") = arg3;
	register unsigned long a4 asm("a4") = arg4;
	register unsigned long a5 asm("a5") = arg5;
	register unsigned long a6 asm("a6") = fid;
	register unsigned long a7 asm("a7") = eid;
	struct sbiret ret;

	asm volatile("ecall"
		     : "+r"(a0), "+r"(a1)
		     : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a6), "r"(a7)
		     : "memory");
	ret.error = a0;
	ret.value = a1;
	return ret;
}

#define sbi_call0(e, f)			sbi_ecall(e, f, 0, 0, 0, 0, 0, 0)
#define sbi_call1(e, f, a)		sbi_ecall(e, f, a, 0, 0, 0, 0, 0)
#define sbi_call2(e, f, a, b)		sbi_ecall(e, f, a, b, 0, 0, 0, 0)
#define sbi_call3(e, f, a, b, c)	sbi_ecall(e, f, a, b, c, 0, 0, 0)
#define sbi_call4(e, f, a, b, c, d)	sbi_ecall(e, f, a, b, c, d, 0, 0)

static inline struct sbiret sbi_probe(unsigned long eid)
{
	return sbi_call1(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, eid);
}

static inline struct sbiret sbi_set_timer(unsigned long when)
{
	return sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, when);
}

static inline struct sbiret sbi_send_ipi(unsigned long mask, unsigned long base)
{
	return sbi_call2(SBI_EXT_IPI, SBI_IPI_SEND_IPI, mask, base);
}

static inline struct sbiret sbi_hart_start(unsigned long hartid,
					   unsigned long addr,
					   unsigned long opaque)
{
	return sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, addr, opaque);
}

static inline struct sbiret sbi_hart_stop(void)
{
	return sbi_call0(SBI_EXT_HSM, SBI_HSM_HART_STOP);
}

static inline struct sbiret sbi_hart_get_status(unsigned long hartid)
{
	return sbi_call1(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hartid);
}

static inline struct sbiret sbi_hart_suspend(unsigned long type,
					     unsigned long resume_addr,
					     unsigned long opaque)
{
	return sbi_call3(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, type, resume_addr,
			 opaque);
}

static inline struct sbiret sbi_system_reset(unsigned long type,
					     unsigned long reason)
{
	return sbi_call2(SBI_EXT_SRST, SBI_SRST_RESET, type, reason);
}

static inline struct sbiret sbi_dbcn_write(unsigned long len, unsigned long lo,
					   unsigned long hi)
{
	return sbi_call3(SBI_EXT_DBCN, SBI_DBCN_WRITE, len, lo, hi);
}

static inline struct sbiret sbi_dbcn_read(unsigned long len, unsigned long lo,
					  unsigned long hi)
{
	return sbi_call3(SBI_EXT_DBCN, SBI_DBCN_READ, len, lo, hi);
}

static inline struct sbiret sbi_dbcn_write_byte(unsigned long byte)
{
	return sbi_call1(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, byte);
}

#endif /* __ASSEMBLER__ */
#endif /* PAYLOAD_SBI_H */
