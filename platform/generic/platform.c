// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic FDT platform: everything the firmware knows about the machine
 * comes from the device tree, parsed once at cold boot.
 */
#include <libfdt.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_error.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/serial_uart8250.h>
#include <sbi_utils/clint.h>
#include <sbi_utils/reset.h>

struct sbi_platform sbi_platform;

static u8 hart_stacks[HARTS_MAX][SBI_HART_STACK_SIZE] __aligned(16);

static int platform_parse_harts(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int cpu, len;
	u32 tbf;

	if (cpus < 0) {
		sbi_printf("hotsbi: device tree has no /cpus node\n");
		return SBI_ERR_FAILED;
	}
	if (!fdt_helper_get_u32(fdt, cpus, "timebase-frequency", &tbf))
		sbi_platform.timebase_freq = tbf;

	fdt_for_each_subnode(cpu, fdt, cpus) {
		const char *type = fdt_getprop(fdt, cpu, "device_type", &len);
		struct sbi_hart *h;
		u64 hartid;

		if (!type || strncmp(type, "cpu", len))
			continue;
		if (!fdt_helper_node_enabled(fdt, cpu))
			continue;
		if (fdt_helper_get_reg(fdt, cpu, 0, &hartid, NULL)) {
			sbi_printf("hotsbi: %s has no usable reg, skipped\n",
				   fdt_get_name(fdt, cpu, NULL));
			continue;
		}
		if (sbi_hart_by_id(hartid)) {
			sbi_printf("hotsbi: hart id %lu listed twice, skipped\n",
				   (unsigned long)hartid);
			continue;
		}
		if (sbi_hart_count == HARTS_MAX) {
			sbi_printf("hotsbi: more than %d harts, hart %lu stays parked\n",
				   HARTS_MAX, (unsigned long)hartid);
			continue;
		}
		h = &sbi_harts[sbi_hart_count];
		h->hartid = hartid;
		h->index = sbi_hart_count;
		h->stack_top = (unsigned long)&hart_stacks[h->index + 1][0];
		/* S-mode needs an MMU; an M/U-only core has no mmu-type. */
		h->s_capable = fdt_getprop(fdt, cpu, "mmu-type", &len) != NULL;
		sbi_hart_ids[sbi_hart_count] = hartid;
		sbi_hart_count++;
	}
	if (!sbi_hart_count) {
		sbi_printf("hotsbi: device tree lists no usable hart\n");
		return SBI_ERR_FAILED;
	}
	return 0;
}

static int platform_parse_memory(const void *fdt)
{
	int node, i;
	u64 base, size;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		int len;
		const char *type = fdt_getprop(fdt, node, "device_type", &len);

		if (!type || strncmp(type, "memory", len) ||
		    !fdt_helper_node_enabled(fdt, node))
			continue;
		for (i = 0; !fdt_helper_get_reg(fdt, node, i, &base, &size);
		     i++) {
			if (!size || base + size < base)
				continue;
			if (sbi_platform.mem_count == SBI_PLATFORM_MEM_BANKS_MAX) {
				sbi_printf("hotsbi: too many memory banks, 0x%lx ignored\n",
					   (unsigned long)base);
				continue;
			}
			sbi_platform.mem[sbi_platform.mem_count].base = base;
			sbi_platform.mem[sbi_platform.mem_count].size = size;
			sbi_platform.mem_count++;
		}
	}
	if (!sbi_platform.mem_count) {
		sbi_printf("hotsbi: device tree has no memory node\n");
		return SBI_ERR_FAILED;
	}
	return 0;
}

static const char *const uart8250_compats[] = {
	"ns16550a", "ns16550", "ns16750", "ns16450", "snps,dw-apb-uart", NULL
};

static bool compatible_with(const void *fdt, int node,
			    const char *const *compats)
{
	for (; *compats; compats++)
		if (!fdt_node_check_compatible(fdt, node, *compats))
			return true;
	return false;
}

/* The node /chosen/stdout-path names, or -1. */
static int platform_stdout_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path;
	char buf[128];
	int len, i;

	if (chosen < 0)
		return -1;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path || len <= 0)
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!path || len <= 0 || len >= (int)sizeof(buf))
		return -1;
	for (i = 0; i < len && path[i] && path[i] != ':'; i++)
		buf[i] = path[i];
	buf[i] = '\0';
	if (buf[0] != '/') {
		/* An alias. */
		const char *full = fdt_get_alias(fdt, buf);

		return full ? fdt_path_offset(fdt, full) : -1;
	}
	return fdt_path_offset(fdt, buf);
}

static void platform_init_console(const void *fdt)
{
	int node = platform_stdout_node(fdt);
	u32 shift = 0, width = 1, clock = 0, baud = 0;
	u64 base;

	if (node < 0 || !compatible_with(fdt, node, uart8250_compats))
		node = fdt_helper_find_compatible(fdt, -1, uart8250_compats);
	if (node < 0 || fdt_helper_get_reg(fdt, node, 0, &base, NULL)) {
		strlcpy(sbi_platform.console_desc, "none",
			sizeof(sbi_platform.console_desc));
		sbi_console_set_device(NULL);
		return;
	}
	fdt_helper_get_u32(fdt, node, "reg-shift", &shift);
	fdt_helper_get_u32(fdt, node, "reg-io-width", &width);
	fdt_helper_get_u32(fdt, node, "clock-frequency", &clock);
	fdt_helper_get_u32(fdt, node, "current-speed", &baud);
	if (shift > 4)
		shift = 0;
	uart8250_init(base, shift, width, clock, baud);
	sbi_snprintf(sbi_platform.console_desc, sizeof(sbi_platform.console_desc),
		     "uart8250 @ 0x%lx", (unsigned long)base);
}

/* Hart id of the CPU node owning the interrupt controller @phandle. */
static int platform_intc_hart(const void *fdt, u32 phandle, u64 *hartid)
{
	int intc = fdt_node_offset_by_phandle(fdt, phandle);
	int cpu = intc >= 0 ? fdt_parent_offset(fdt, intc) : -1;

	if (cpu < 0)
		return -1;
	return fdt_helper_get_reg(fdt, cpu, 0, hartid, NULL);
}

static int platform_init_clint(const void *fdt)
{
	static const char *const compats[] = { "riscv,clint0", "sifive,clint0",
					       NULL };
	int node = fdt_helper_find_compatible(fdt, -1, compats);
	int ctx[HARTS_MAX], i, len, nctx = 0;
	const fdt32_t *irqs;
	u64 base;

	if (node < 0 || fdt_helper_get_reg(fdt, node, 0, &base, NULL)) {
		sbi_printf("hotsbi: device tree has no CLINT (riscv,clint0)\n");
		return SBI_ERR_FAILED;
	}
	for (i = 0; i < HARTS_MAX; i++)
		ctx[i] = CLINT_CTX_NONE;
	irqs = fdt_getprop(fdt, node, "interrupts-extended", &len);
	if (!irqs || len < 8) {
		sbi_printf("hotsbi: CLINT has no interrupts-extended\n");
		return SBI_ERR_FAILED;
	}
	/* One context per hart, in the order of its M-software entry. */
	for (i = 0; i + 1 < len / 4; i += 2) {
		u32 irq = fdt32_to_cpu(irqs[i + 1]);
		struct sbi_hart *h;
		u64 hartid;

		if (irq != IRQ_M_SOFT)
			continue;
		if (!platform_intc_hart(fdt, fdt32_to_cpu(irqs[i]), &hartid)) {
			h = sbi_hart_by_id(hartid);
			if (h)
				ctx[h->index] = nctx;
		}
		nctx++;
	}
	clint_init(base, ctx, HARTS_MAX);
	sbi_snprintf(sbi_platform.timer_desc, sizeof(sbi_platform.timer_desc),
		     "clint @ 0x%lx", (unsigned long)base);
	return 0;
}

static void platform_parse_initrd(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	u64 start, end;

	if (chosen < 0 ||
	    fdt_helper_get_u64(fdt, chosen, "linux,initrd-start", &start) ||
	    fdt_helper_get_u64(fdt, chosen, "linux,initrd-end", &end) ||
	    end <= start)
		return;
	sbi_platform.initrd_start = start;
	sbi_platform.initrd_end = end;
}

int sbi_platform_init(void *fdt)
{
	int root = fdt_path_offset(fdt, "/");
	const char *model;
	int len, rc;

	platform_init_console(fdt);

	model = fdt_getprop(fdt, root, "model", &len);
	if (!model || len <= 0)
		model = fdt_getprop(fdt, root, "compatible", &len);
	if (!model || len <= 0) {
		model = "unknown";
		len = sizeof("unknown");
	}
	len = MIN((size_t)len, sizeof(sbi_platform.model) - 1);
	memcpy(sbi_platform.model, model, len);
	sbi_platform.model[len] = '\0';

	platform_parse_initrd(fdt);
	rc = platform_parse_harts(fdt);
	rc = rc ?: platform_parse_memory(fdt);
	rc = rc ?: platform_init_clint(fdt);
	if (rc)
		return rc;
	reset_fdt_init(fdt);
	return 0;
}
