// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fake CSR file and memory probing for the host build of the firmware:
 * replaces lib/sbi/sbi_csr.c (which needs a RISC-V trap vector).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "host_fakes.h"

unsigned long host_csr[HOST_CSR_COUNT];
bool host_csr_missing[HOST_CSR_COUNT];
struct host_fence_log host_fences;
unsigned long host_spin_limit = 1000000;
int host_hang_exit;

static unsigned long wfi_calls, relax_calls;

void host_csr_reset(void)
{
	memset(host_csr, 0, sizeof(host_csr));
	memset(host_csr_missing, 0, sizeof(host_csr_missing));
	memset(&host_fences, 0, sizeof(host_fences));
	wfi_calls = 0;
	relax_calls = 0;
}

unsigned long host_csr_read(unsigned int csr)
{
	return host_csr[csr & (HOST_CSR_COUNT - 1)];
}

void host_csr_write(unsigned int csr, unsigned long val)
{
	host_csr[csr & (HOST_CSR_COUNT - 1)] = val;
}

unsigned long host_csr_swap(unsigned int csr, unsigned long val)
{
	unsigned long old = host_csr_read(csr);

	host_csr_write(csr, val);
	return old;
}

void host_csr_set(unsigned int csr, unsigned long val)
{
	host_csr[csr & (HOST_CSR_COUNT - 1)] |= val;
}

void host_csr_clear(unsigned int csr, unsigned long val)
{
	host_csr[csr & (HOST_CSR_COUNT - 1)] &= ~val;
}

void (*host_cbo_zero_hook)(unsigned long addr);

void host_cbo_zero(unsigned long addr)
{
	if (!host_cbo_zero_hook) {
		fprintf(stderr, "host: cbo.zero at 0x%lx without a model\n",
			addr);
		abort();
	}
	host_cbo_zero_hook(addr);
}

void host_wfi(void)
{
	host_fences.wfi++;
	if (++wfi_calls > host_spin_limit) {
		if (host_hang_exit)
			_exit(host_hang_exit);
		fprintf(stderr, "host: wfi called %lu times: the code under test hangs\n",
			wfi_calls);
		abort();
	}
}

void host_cpu_relax(void)
{
	if (++relax_calls > host_spin_limit) {
		fprintf(stderr, "host: cpu_relax called %lu times: the code under test spins forever\n",
			relax_calls);
		abort();
	}
}

bool csr_probe_read(unsigned int csr, unsigned long *val)
{
	bool ok = csr < HOST_CSR_COUNT && !host_csr_missing[csr];

	if (val)
		*val = ok ? host_csr[csr] : 0;
	return ok;
}

bool csr_probe_write(unsigned int csr, unsigned long val)
{
	if (csr >= HOST_CSR_COUNT || host_csr_missing[csr])
		return false;
	host_csr[csr] = val;
	return true;
}

unsigned long csr_read_num(unsigned int csr)
{
	unsigned long v = 0;

	csr_probe_read(csr, &v);
	return v;
}

void csr_write_num(unsigned int csr, unsigned long val)
{
	csr_probe_write(csr, val);
}

/* ------------------------------------------------------------ memory */

#define HOST_MEM_REGIONS 16

static struct {
	uintptr_t base;
	size_t len;
} mem_regions[HOST_MEM_REGIONS];
static unsigned int mem_count;

void host_mem_add(const void *base, size_t len)
{
	if (mem_count == HOST_MEM_REGIONS) {
		fprintf(stderr, "host: too many memory regions\n");
		abort();
	}
	mem_regions[mem_count].base = (uintptr_t)base;
	mem_regions[mem_count].len = len;
	mem_count++;
}

void host_mem_clear(void)
{
	mem_count = 0;
}

bool sbi_probe_load8(const void *addr)
{
	uintptr_t a = (uintptr_t)addr;
	unsigned int i;

	for (i = 0; i < mem_count; i++)
		if (a >= mem_regions[i].base &&
		    a - mem_regions[i].base < mem_regions[i].len)
			return true;
	return false;
}

bool sbi_probe_load32(const void *addr, u32 *val)
{
	uintptr_t a = (uintptr_t)addr;
	unsigned int i;

	for (i = 0; i < mem_count; i++) {
		if (a >= mem_regions[i].base && mem_regions[i].len >= 4 &&
		    a - mem_regions[i].base <= mem_regions[i].len - 4) {
			u32 v;

			memcpy(&v, addr, sizeof(v));
			if (val)
				*val = v;
			return true;
		}
	}
	if (val)
		*val = 0;
	return false;
}
