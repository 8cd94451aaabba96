// SPDX-License-Identifier: BSD-2-Clause
/*
 * The physical ranges S-mode may reach, for validating supervisor
 * addresses: boot RAM banks from the device tree, minus the firmware.
 */
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_pmp.h>

u64 sbi_fw_base, sbi_fw_size;

extern char _fw_start[], _fw_end[];

void sbi_memregion_init(void)
{
	u64 used = (u64)(_fw_end - _fw_start);
	u64 size = 4096;

	while (size < used)
		size <<= 1;
	sbi_fw_base = (u64)_fw_start;
	sbi_fw_size = size;
	if (sbi_fw_base & (size - 1))
		sbi_panic("hotsbi: FW_TEXT_START 0x%lx is not aligned to the firmware region size 0x%lx\n",
			  (unsigned long)sbi_fw_base, (unsigned long)size);
}

static bool overlaps(u64 a, u64 a_end, u64 b, u64 b_end)
{
	return a < b_end && b < a_end;
}

bool sbi_memregion_smode_ok(u64 addr, u64 size)
{
	u64 end;
	unsigned int i;

	if (!size)
		size = 1;
	end = addr + size;
	if (end < addr)
		return false;
	if (overlaps(addr, end, sbi_fw_base, sbi_fw_base + sbi_fw_size))
		return false;
	/*
	 * Walk the range through RAM banks and the protection provider's
	 * memory S-mode may use (a buffer may run from the end of RAM into a
	 * plugged hotplug block).
	 */
	while (addr < end) {
		u64 next = addr;

		for (i = 0; i < sbi_platform.mem_count; i++) {
			const struct sbi_mem_bank *b = &sbi_platform.mem[i];

			if (addr >= b->base && addr - b->base < b->size) {
				next = b->base + b->size;
				break;
			}
		}
		if (next == addr)
			next = sbi_pmp_smode_end(addr);
		if (next <= addr)
			return false;
		addr = next;
	}
	return true;
}
