/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Which physical ranges S-mode may reach: boot RAM minus the firmware,
 * and the plugged blocks of hotplug windows.
 * Used to validate every address a supervisor passes in.
 */
#ifndef __SBI_MEMREGION_H__
#define __SBI_MEMREGION_H__

#include <sbi/sbi_types.h>

/* Firmware image (text, data, bss, stacks) as protected by PMP. */
extern u64 sbi_fw_base, sbi_fw_size;

/* Compute the firmware's protected region from the link addresses. */
void sbi_memregion_init(void);

/*
 * True when [addr, addr + size) lies wholly in memory S-mode may read,
 * write and execute (PMP grants S-mode all three or none; size 0 is
 * treated as 1 byte). For ranges in a hotplug
 * window the answer holds only while the manager's lock is held.
 */
bool sbi_memregion_smode_ok(u64 addr, u64 size);

#endif
