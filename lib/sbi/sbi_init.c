// SPDX-License-Identifier: BSD-2-Clause
/*
 * Boot sequence: cold boot on one hart (device tree, platform, fixups,
 * hart table), then warm boot on every hart (CSRs, PMP) and the jump
 * to the next stage or the wait for an HSM start.
 */
#include <libfdt.h>
#include <sbi/sbi_init.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_hsm.h>
#include <sbi/sbi_pmp.h>
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_system.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/fdt_fixup.h>
#include <sbi_utils/serial_uart8250.h>
#include <sbi/sbi_memhp.h>
#include <memhp/memhp.h>
#include <memhp/memhp_fdt.h>

static struct sbi_next_stage next_stage;
/* The hart that enters the next stage (the cold-boot hart if it can). */
static unsigned long entry_hartid;

/*
 * Until the device tree names a console, errors go to a documented
 * early UART (FW_EARLY_UART, 0 = none); until it names a reset device,
 * the stop uses a sifive,test device at FW_EARLY_TEST (0 = none): both
 * QEMU virt's by default. @what NULL: the reason is already printed.
 */
static void __noreturn early_stop(const char *what, const char *why)
{
	if (!sbi_console_get_device() && FW_EARLY_UART)
		uart8250_init(FW_EARLY_UART, 0, 1, 0, 0);
	if (what)
		sbi_printf("hotsbi: %s: %s; stopping\n", what, why);
	/* The early device only when the tree names none. */
	if (!sbi_platform.reset && FW_EARLY_TEST)
		sbi_probe_store32((void *)FW_EARLY_TEST, 0x3333 | (1 << 16));
	sbi_system_stop();
}

static bool range_in_ram(u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < sbi_platform.mem_count; i++) {
		const struct sbi_mem_bank *b = &sbi_platform.mem[i];

		if (base >= b->base && base + size >= base &&
		    base + size - b->base <= b->size)
			return true;
	}
	return false;
}

/* The edited tree is built here, then copied where it will live. */
#define FDT_SCRATCH_SIZE	0x10000
static u8 fdt_scratch[FDT_SCRATCH_SIZE]
	__aligned(8) __attribute__((section(".bss.noclear")));

static bool range_clear(u64 base, u64 size)
{
	u64 end = base + size;

	if (!range_in_ram(base, size))
		return false;
	if (base < sbi_fw_base + sbi_fw_size && sbi_fw_base < end)
		return false;
	if (base < sbi_platform.initrd_end && sbi_platform.initrd_start < end)
		return false;
	return !(next_stage.addr >= base && next_stage.addr < end);
}

/*
 * Where the tree handed on lives: where it was when it still fits there
 * inside boot RAM, else just below the top of the highest RAM bank (QEMU
 * puts it at the top of RAM, which the emulated card now owns).
 */
static void *fdt_destination(void *fdt, u64 size)
{
	const struct sbi_mem_bank *top = NULL;
	unsigned int i;
	u64 dst;

	if (range_clear((u64)fdt, size))
		return fdt;
	for (i = 0; i < sbi_platform.mem_count; i++)
		if (!top || sbi_platform.mem[i].base + sbi_platform.mem[i].size >
				    top->base + top->size)
			top = &sbi_platform.mem[i];
	if (!top || top->size < size + 0x200000)
		return NULL;
	dst = ROUNDDOWN(top->base + top->size - size, 0x200000);
	return range_clear(dst, size) ? (void *)dst : NULL;
}

static void *cold_fixup_fdt(void *fdt)
{
	int size = fdt_fixup_rebuild(fdt, fdt_scratch, sizeof(fdt_scratch),
				     sbi_fw_base, sbi_fw_size,
				     MEMHP_FDT_WINDOW_COMPAT, "hotplug-memory",
				     sbi_memhp_fdt_emit);
	void *dst;

	if (size < 0)
		early_stop("device tree fixup", fdt_strerror(size));
	dst = fdt_destination(fdt, size);
	if (!dst)
		early_stop("device tree", "no room for it in boot RAM");
	memcpy(dst, fdt_scratch, size);
	return dst;
}

/*
 * The PMP layout every hart runs with: the boot hart's PMP stands for
 * every hart's (checked at warm boot), at most HOTSBI_PMP_ENTRIES of it.
 */
static void protection_init(struct sbi_hart *boot)
{
	struct sbi_pmp_region regs[SBI_PLATFORM_MMODE_REGS_MAX];
	unsigned int i;

	sbi_pmp_probe(boot);
	for (i = 0; i < sbi_platform.mmode_regs_count; i++) {
		regs[i].base = sbi_platform.mmode_regs[i].base;
		regs[i].size = sbi_platform.mmode_regs[i].size;
	}
	sbi_pmp_init(MIN(boot->pmp_count, (unsigned int)HOTSBI_PMP_ENTRIES),
		     sbi_fw_base, sbi_fw_size, regs,
		     sbi_platform.mmode_regs_count);
}

void sbi_cold_boot(unsigned long hartid, unsigned long fdt,
		   unsigned long info)
{
	struct sbi_hart *boot;
	const char *why;
	unsigned long i;

	sbi_memregion_init();
	if (fw_next_stage(fdt, info, &next_stage))
		early_stop("boot arguments", "rejected");
	sbi_console_set_quiet(next_stage.quiet);

	why = fdt_helper_validate((void *)next_stage.fdt);
	if (why)
		early_stop("device tree", why);
	if (sbi_platform_init((void *)next_stage.fdt))
		early_stop(NULL, NULL);
	sbi_hart_probe_fdt((void *)next_stage.fdt);

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
	sbi_platform.next_addr = next_stage.addr;
	protection_init(boot);
	if (sbi_memhp_cold_init((void *)next_stage.fdt))
		early_stop("memory hotplug", "boot layout does not fit in PMP");
	if (!sbi_memregion_smode_ok(next_stage.addr, 4))
		early_stop("next stage",
			   "address is not in RAM or overlaps the firmware");
	next_stage.fdt = (unsigned long)cold_fixup_fdt((void *)next_stage.fdt);

	for (i = 0; i < sbi_hart_count; i++)
		atomic_write(&sbi_harts[i].hsm_state, SBI_HSM_STATE_STOPPED);
	atomic_write(&boot->hsm_state, SBI_HSM_STATE_STARTED);

	/* Wake the harts waiting in fw_base.S (all but this one). */
	for (i = 0; i < sbi_hart_count; i++)
		if (sbi_harts[i].hartid != hartid)
			sbi_platform.ipi_send(i);
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
	sbi_memhp_print();
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
	sbi_platform.ipi_clear(self->index);
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
