/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memhp end-to-end /init: what memhp-e2e.c and the test files beside
 * it share on top of the runtime (init-util.h), and the entry points
 * memhp-e2e.c's main() dispatches to.
 */
#ifndef HOTSBI_E2E_H
#define HOTSBI_E2E_H

#include "init-util.h"

#define DRV_MOD		"/lib/modules/hotsbi-memhp.ko"
#define DRV_NAME	"hotsbi_memhp"
#define FWT_MOD		"/lib/modules/memhp_fwtool.ko"
#define FWT_STATE	"/sys/module/memhp_fwtool/parameters/state"
#define OWN_DEV		"hotplug-memory"
#define WIN		"/sys/bus/platform/devices/" OWN_DEV "/window0"
#define MEMSYS		"/sys/devices/system/memory"

/*
 * memhp-e2e.c's checks and window access: the firmware's READ_STATE of
 * window 0 (through memhp_fwtool) is @want; loads and stores at @phys
 * fault on every CPU.
 */
int check_fw(const char *what, const char *want);
/* Window 0's attribute @attr ("?" if unreadable); a number written to it (0 or -errno). */
const char *win_attr(const char *attr, char *buf, size_t size);
int win_write(const char *attr, uint64_t val);
int expect_faults(const char *what, uint64_t phys, int *faults);

/* memhp-dax.c: nvdimm region @region through device-dax and kmem. */
int dax_test(int region);
/* memhp-dax.c: the same from the driver's window 0 in device mode. */
int dax_window_test(void);

#endif
