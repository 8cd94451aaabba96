// SPDX-License-Identifier: BSD-2-Clause
/*
 * Boot sequence: cold boot on one hart (device tree, platform, fixups,
 * hart table), then warm boot on every hart (CSRs, PMP) and the jump
 * to the next stage or the wait for an HSM start.
 */
#include <sbi/sbi_init.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_hsm.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_pmp.h>
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_system.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_ecall_interface.h>

static struct sbi_next_stage next_stage;
/* The hart that enters the next stage (the cold-boot hart if it can). */
static unsigned long entry_hartid;
/* The platform's operations, from the firmware's cold-boot call. */
static const struct sbi_platform_operations *platform_ops;

/*
 * Until the device tree names a console, errors go to the platform's
 * early console; until it names a reset device, the stop uses a
 * sifive,test device at FW_EARLY_TEST (0 = none): QEMU virt's by
 * default. @what NULL: the reason is already printed.
 */
static void __noreturn early_stop(const char *what, const char *why)
{
	if (!sbi_console_get_device())
		platform_ops->early_console_init();
	if (what)
		sbi_printf("hotsbi: %s: %s; stopping\n", what, why);
	/* The early device only when the tree names none. */
	if (!sbi_system_reset_get_device() && FW_EARLY_TEST)
		sbi_probe_store32((void *)FW_EARLY_TEST, 0x3333 | (1 << 16));
	sbi_system_stop();
}

/*
 * The PMP layout every hart runs with: the boot hart's PMP stands for
 * every hart's (checked at warm boot), at most HOTSBI_PMP_ENTRIES of it.
 */
static void protection_init(struct sbi_hart *boot)
{
	sbi_pmp_probe(boot);
	sbi_pmp_init(MIN(boot->pmp_count, (unsigned int)HOTSBI_PMP_ENTRIES),
		     sbi_fw_base, sbi_fw_size, sbi_platform.mmode_regs,
		     sbi_platform.mmode_regs_count);
}

void sbi_cold_boot(unsigned long hartid, unsigned long fdt,
		   unsigned long info, const struct sbi_platform_operations *ops)
{
	struct sbi_hart *boot;
	unsigned long i;

	platform_ops = ops;
	sbi_memregion_init();
	if (fw_next_stage(fdt, info, &next_stage))
		early_stop("boot arguments", "rejected");
	sbi_console_set_quiet(next_stage.quiet);

	if (ops->early_init((void *)next_stage.fdt))
		early_stop(NULL, NULL);

	/*
	 * The next stage runs on the cold-boot hart, or on the first hart
	 * that can run S-mode when this one cannot (a monitor core such as
	 * the E51 of the HiFive Unleashed).
	 */
	boot = sbi_hart_by_id(hartid);
	for (i = 0; boot && !boot->s_capable && i < sbi_hart_count; i++)
		if (sbi_harts[i].s_capable)
			boot = &sbi_harts[i];
	if (!boot || !boot->s_capable)
		early_stop("boot hart", "no hart in /cpus can run S-mode");
	entry_hartid = boot->hartid;
	if (!sbi_memregion_smode_ok(next_stage.addr, 4))
		early_stop("next stage",
			   "address is not in RAM or overlaps the firmware");
	protection_init(boot);
	if (ops->final_init(&next_stage))
		early_stop(NULL, NULL);

	for (i = 0; i < sbi_hart_count; i++)
		atomic_write(&sbi_harts[i].hsm_state, SBI_HSM_STATE_STOPPED);
	atomic_write(&boot->hsm_state, SBI_HSM_STATE_STARTED);

	/* Wake the harts waiting in fw_base.S (all but this one). */
	for (i = 0; i < sbi_hart_count; i++)
		if (sbi_harts[i].hartid != hartid)
			sbi_ipi_raw_send(i);
}

static void print_banner(struct sbi_hart *self)
{
	unsigned long i;

	sbi_boot_printf("\nHotSBI v%s (%s)\n", HOTSBI_VERSION_STR,
			next_stage.fw_name);
	sbi_boot_printf("Platform        : %s\n", sbi_platform.model);
	sbi_boot_printf("Harts           : %lu (ids", sbi_hart_count);
	for (i = 0; i < sbi_hart_count; i++)
		sbi_boot_printf(" %lu%s", sbi_harts[i].hartid,
				sbi_harts[i].s_capable ? "" : "(no S-mode)");
	sbi_boot_printf("), boot hart %lu\n", self->hartid);
	sbi_boot_printf("Boot hart ISA   : %s%s%s\n", self->isa,
			self->has_sstc ? " sstc" : "",
			self->has_menvcfg ? " menvcfg" : "");
	for (i = 0; i < sbi_platform.mem_count; i++)
		sbi_boot_printf("Memory          : 0x%016lx-0x%016lx (%lu MiB)\n",
				(unsigned long)sbi_platform.mem[i].base,
				(unsigned long)(sbi_platform.mem[i].base +
						sbi_platform.mem[i].size - 1),
				(unsigned long)(sbi_platform.mem[i].size >> 20));
	sbi_boot_printf("Firmware        : 0x%016lx-0x%016lx (%lu KiB, no S/U access)\n",
			(unsigned long)sbi_fw_base,
			(unsigned long)(sbi_fw_base + sbi_fw_size - 1),
			(unsigned long)(sbi_fw_size >> 10));
	sbi_boot_printf("Console         : %s\n", sbi_platform.console_desc);
	sbi_boot_printf("Timer and IPI   : %s, %lu Hz%s\n",
			sbi_platform.timer_desc, sbi_platform.timebase_freq,
			self->has_sstc ? ", Sstc for S-mode" : "");
	sbi_boot_printf("Reset           : %s\n", sbi_platform.reset_desc);
	sbi_boot_printf("SBI             : v%d.%d, implementation 0x%lx v%d.%d\n",
			SBI_SPEC_VERSION_MAJOR, SBI_SPEC_VERSION_MINOR,
			SBI_IMPL_ID_HOTSBI, HOTSBI_VERSION_MAJOR,
			HOTSBI_VERSION_MINOR);
	sbi_boot_printf("Extensions      : ");
	sbi_ecall_print_extensions();
	sbi_boot_printf("\n");
	sbi_ecall_print_info();
	if (self->pmp_count)
		sbi_boot_printf("PMP             : %u entries, %lu-byte grain, %u used\n",
				self->pmp_count, 1UL << self->pmp_grain_log2,
				sbi_pmp_entries_used());
	else
		sbi_boot_printf("PMP             : none\n");
	sbi_pmp_dump(self);
	sbi_boot_printf("Next stage      : 0x%lx in S-mode, FDT at 0x%lx\n\n",
			next_stage.addr, next_stage.fdt);
}

void sbi_warm_boot(void)
{
	struct sbi_hart *self = sbi_hart_self();
	bool entry = self->hartid == entry_hartid;

	sbi_hart_init(self);
	sbi_ipi_raw_clear(self->index);
	if (self->pmp_count < sbi_pmp_entries_used()) {
		/* It could not enforce the layout: it never runs S-mode. */
		sbi_printf("hotsbi: hart %lu has %u PMP entries, the layout needs %u: hart parked\n",
			   self->hartid, self->pmp_count,
			   sbi_pmp_entries_used());
		if (entry)
			early_stop("boot hart", "too few PMP entries");
		self->s_capable = false;
		sbi_hart_hang();
	}
	if (!entry)
		sbi_hsm_wait_for_start(self);

	sbi_hsm_on_smode_entry(self);
	print_banner(self);
	sbi_hart_enter_smode(self->hartid, next_stage.fdt, next_stage.addr);
}
