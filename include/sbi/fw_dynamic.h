/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fw_dynamic boot contract: what the previous stage passes in a2.
 */
#ifndef __FW_DYNAMIC_H__
#define __FW_DYNAMIC_H__

#define FW_DYNAMIC_INFO_MAGIC		0x4942534fUL
#define FW_DYNAMIC_INFO_VERSION_MAX	2
#define FW_DYNAMIC_INFO_NO_BOOT_PRINTS	0x1UL

#define FW_DYNAMIC_OFF_MAGIC		0
#define FW_DYNAMIC_OFF_VERSION		8
#define FW_DYNAMIC_OFF_BOOT_HART	40

#ifndef __ASSEMBLY__
struct fw_dynamic_info {
	unsigned long magic;
	unsigned long version;
	unsigned long next_addr;
	unsigned long next_mode;
	unsigned long options;
	unsigned long boot_hart; /* version >= 2; -1 means any */
};
#endif
#endif
