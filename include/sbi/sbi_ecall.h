/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Handlers of the SBI extensions, one file each under lib/sbi/.
 */
#ifndef __SBI_ECALL_H__
#define __SBI_ECALL_H__

#include <sbi/sbi_trap.h>

typedef struct sbiret (*sbi_ecall_fn)(unsigned long fid, unsigned long *args);

/*
 * One SBI extension: its ID, its name in the boot banner, its handler and
 * (optionally) the banner lines it adds. The table of extensions
 * (sbi_ecall.c) is what dispatch, BASE probe_extension and the banner all
 * read. A vendor extension, whose ID depends on mvendorid, sets it and
 * registers at cold boot.
 */
struct sbi_ecall_extension {
	unsigned long eid;
	const char *name;
	sbi_ecall_fn handler;
	void (*print_info)(void);
};

/* Most extensions the table holds: the built-in ones and registered. */
#define SBI_ECALL_EXTENSIONS_MAX	16

/* The built-in extensions' handlers, one file each. */
struct sbiret sbi_ecall_base_args(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_time(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_ipi(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_rfence(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_hsm(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_srst(unsigned long fid, unsigned long *args);
struct sbiret sbi_ecall_dbcn(unsigned long fid, unsigned long *args);

/*
 * Copy @ext into the table (cold boot, before any hart runs S-mode);
 * adding it again is a no-op. Returns 0, SBI_ERR_ALREADY_AVAILABLE when another
 * extension has its ID, or
 * SBI_ERR_FAILED when the table is full.
 */
int sbi_ecall_register_extension(const struct sbi_ecall_extension *ext);

/* BASE takes its one argument in a register: it is the hottest call. */
struct sbiret sbi_ecall_base(unsigned long fid, unsigned long a0);

/* The table (sbi_ecall.c): [sbi_ecall_exts, sbi_ecall_exts_end). */
extern struct sbi_ecall_extension sbi_ecall_exts[SBI_ECALL_EXTENSIONS_MAX];
extern struct sbi_ecall_extension *sbi_ecall_exts_end;

/* The entry of extension @eid, or NULL; inline for BASE probe_extension. */
static inline const struct sbi_ecall_extension *
sbi_ecall_find(unsigned long eid)
{
	const struct sbi_ecall_extension *ext;

	for (ext = sbi_ecall_exts; ext < sbi_ecall_exts_end; ext++)
		if (ext->eid == eid)
			return ext;
	return NULL;
}

/* 1 when @eid is implemented (BASE probe_extension). */
static inline long sbi_ecall_probe(unsigned long eid)
{
	return sbi_ecall_find(eid) != NULL;
}

/* Names of the implemented extensions, for the boot banner. */
void sbi_ecall_print_extensions(void);
/* The extensions' own banner lines (print_info), in table order. */
void sbi_ecall_print_info(void);

#endif
