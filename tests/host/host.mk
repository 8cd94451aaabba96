# Host unit tests (tests/host): the firmware's pure-C parts compiled for
# the build machine with ASan and UBSan, each test binary printing
# ok / not ok lines and "host-<name>: N passed, M failed".
#
#   make test-host                 build everything under $(O)/tests/host, run all
#   make test-host HOST_FUZZ_CASES=200000 HOST_FUZZ_SECONDS=600
#                                  a longer randomized device-tree run
#   make test-host HOST_FUZZ_SEED=1234
#
# Firmware sources are compiled unmodified. RISC-V specifics are replaced
# by tests/host/include/sbi/riscv_asm.h (searched first: a fake CSR file),
# host_csr.c (instead of lib/sbi/sbi_csr.c) and host_stubs.c (instead of
# the UART and CLINT drivers). libfdt is the firmware's extracted copy,
# compiled for the host.

HT_DIR		:= tests/host
HT_O		:= $(O)/tests/host
HT_CC		:= $(HOSTCC)
HT_DTC		?= dtc
HOST_FUZZ_CASES	?= 12000
HOST_FUZZ_SECONDS ?= 60
HOST_FUZZ_SEED	?= 20240601

# The firmware's own -D settings, but the test trees are written for 8 harts.
HT_DEFINES	:= $(filter-out -DHARTS_MAX=%,$(filter -D%,$(FW_CFLAGS))) \
		   -DHARTS_MAX=8
# UBSan keeps going after a report: harness.c records each one and fails
# the binary unless a check that knows the bug claims it. ASan stops.
HT_SAN		:= -fsanitize=address,undefined -fsanitize-recover=undefined \
		   -fno-omit-frame-pointer
HT_CFLAGS	:= -g -O1 -std=gnu11 -Wall -Wextra -Werror \
		   -Wno-sign-compare -fno-strict-aliasing \
		   -ffunction-sections -fdata-sections $(HT_SAN) -I$(HT_DIR)/include -I$(HT_DIR) -Iinclude -Iplatform/generic \
		   -I$(LIBFDT_DIR) $(HT_DEFINES)
# libfdt as the firmware builds it (with -fwrapv only if the firmware does).
HT_LIBFDT_CFLAGS := -g -O2 -std=gnu11 -Wall -Werror -Wno-unused-function \
		   -Wno-sign-compare $(filter -fwrapv,$(LIBFDT_CFLAGS)) \
		   $(HT_SAN) -I$(LIBFDT_DIR)
# Unused functions of a linked file may need what the host lacks.
HT_LDFLAGS	:= $(HT_SAN) -Wl,--gc-sections

# Firmware sources that build on the host as they are: everything but
# the boot flow and the files replaced by fakes (sbi_csr.c: trap-based CSR
# probing; sbi_string.c: built renamed for host-string; reset.c: built by
# host_reset_wrap.c; the UART, CLINT and GPIO drivers: MMIO). tests/fuzz
# builds the same list.
HT_FW_EXCLUDE	:= lib/sbi/sbi_init.c lib/sbi/sbi_csr.c lib/sbi/sbi_string.c \
		   lib/utils/reset.c lib/utils/serial_uart8250.c lib/utils/clint.c \
		   lib/utils/serial_sifive.c lib/utils/gpio_sifive.c
HT_FW_SRCS	:= $(filter-out $(HT_FW_EXCLUDE),$(sort $(wildcard \
		   lib/sbi/*.c lib/utils/*.c lib/memhp/*.c platform/generic/*.c)))
HT_FW_OBJS	:= $(patsubst %.c,$(HT_O)/fw/%.o,$(HT_FW_SRCS))
# Host fakes and wrapped firmware files (reset.c, sbi_string.c).
HT_FAKE_OBJS	:= $(addprefix $(HT_O)/,harness.o host_csr.o host_stubs.o \
		   host_reset_wrap.o)
HT_LIBFDT_OBJS	:= $(patsubst %.c,$(HT_O)/libfdt/%.o,$(LIBFDT_SRCS))
HT_LIB		:= $(HT_O)/libhostfw.a
HT_LIBFDT	:= $(HT_O)/libfdt.a

# One binary per test_<name>.c; host-<name> with '_' spelled '-'.
HT_TESTS	:= string snprintf hartmask memregion system ecall emulate-csr \
		   fdt-helper fdt-fixup platform fdt-fuzz scrub
HT_BINS		:= $(addprefix $(HT_O)/host-,$(HT_TESTS))
HT_DTS		:= $(wildcard $(HT_DIR)/data/*.dts)
HT_DTBS		:= $(patsubst $(HT_DIR)/data/%.dts,$(HT_O)/data/%.dtb,$(HT_DTS)) \
		   $(HT_O)/data/qemu-virt.dtb $(HT_O)/data/qemu-sifive_u.dtb \
		   $(HT_O)/data/qemu-virt-aclint.dtb $(HT_O)/data/qemu-virt-numa.dtb \
		   $(HT_O)/data/qemu-virt-aclint-numa.dtb

.PHONY: test-host host-tests
host-tests: $(HT_BINS) $(HT_DTBS)

$(HT_O)/fw/%.o: %.c $(LIBFDT_STAMP) $(HT_DIR)/host.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HT_CC) $(HT_CFLAGS) -MMD -MP -c $< -o $@

$(HT_O)/%.o: $(HT_DIR)/%.c $(LIBFDT_STAMP) $(HT_DIR)/host.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HT_CC) $(HT_CFLAGS) -MMD -MP -c $< -o $@

# The renamed string routines: no builtins, no loop-to-libcall rewriting.
$(HT_O)/host_string_wrap.o: $(HT_DIR)/host_string_wrap.c lib/sbi/sbi_string.c \
			    $(HT_DIR)/host.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HT_CC) $(HT_CFLAGS) -fno-builtin -fno-tree-loop-distribute-patterns \
		-MMD -MP -c $< -o $@

$(HT_O)/libfdt/%.o: $(LIBFDT_STAMP) $(HT_DIR)/host.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  libfdt/$*.c"
	@$(HT_CC) $(HT_LIBFDT_CFLAGS) -c $(LIBFDT_DIR)/$*.c -o $@

$(HT_LIB): $(HT_FW_OBJS) $(HT_FAKE_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(HT_LIBFDT): $(HT_LIBFDT_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(HT_O)/host-string: $(HT_O)/test_string.o $(HT_O)/host_string_wrap.o \
		     $(HT_O)/harness.o
	@echo "  HOSTLD  $@"
	@$(HT_CC) $(HT_LDFLAGS) -o $@ $^

$(HT_O)/host-%: $(HT_O)/test_%.o $(HT_LIB) $(HT_LIBFDT)
	@echo "  HOSTLD  $@"
	@$(HT_CC) $(HT_LDFLAGS) -o $@ $^

# test_emulate_csr.o and friends: binary names use '-', files '_'.
$(HT_O)/host-emulate-csr: $(HT_O)/test_emulate_csr.o $(HT_LIB) $(HT_LIBFDT)
	@echo "  HOSTLD  $@"
	@$(HT_CC) $(HT_LDFLAGS) -o $@ $^
$(HT_O)/host-fdt-helper: $(HT_O)/test_fdt_helper.o $(HT_LIB) $(HT_LIBFDT)
	@echo "  HOSTLD  $@"
	@$(HT_CC) $(HT_LDFLAGS) -o $@ $^
$(HT_O)/host-fdt-fixup: $(HT_O)/test_fdt_fixup.o $(HT_LIB) $(HT_LIBFDT)
	@echo "  HOSTLD  $@"
	@$(HT_CC) $(HT_LDFLAGS) -o $@ $^
$(HT_O)/host-fdt-fuzz: $(HT_O)/test_fdt_fuzz.o $(HT_LIB) $(HT_LIBFDT)
	@echo "  HOSTLD  $@"
	@$(HT_CC) $(HT_LDFLAGS) -o $@ $^

$(HT_O)/data/%.dtb: $(HT_DIR)/data/%.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $<"
	@$(HT_DTC) -q -I dts -O dtb -o $@ $<

# Real device trees from QEMU: virt (the randomized test, the platform
# tests), virt with an ACLINT, both with two NUMA nodes (a CLINT, or an
# MSWI and an MTIMER, per socket), and sifive_u (E51 + 4 U54s, SiFive UART,
# gpio-restart).
HT_QEMU_NUMA		:= $(call qemu_two_nodes,512M)
HT_QEMU_SMP_virt	:= 4
HT_QEMU_SMP_virt-aclint	:= 4
HT_QEMU_M_virt-aclint	:= virt,aclint=on
HT_QEMU_SMP_virt-numa	:= 4
HT_QEMU_M_virt-numa	:= virt
HT_QEMU_ARGS_virt-numa	:= $(HT_QEMU_NUMA)
HT_QEMU_SMP_virt-aclint-numa := 4
HT_QEMU_M_virt-aclint-numa := virt,aclint=on
HT_QEMU_ARGS_virt-aclint-numa := $(HT_QEMU_NUMA)
HT_QEMU_SMP_sifive_u	:= 5
$(HT_O)/data/qemu-%.dtb:
	@mkdir -p $(dir $@)
	@echo "  DUMPDTB $@"
	@$(QEMU) -M $(or $(HT_QEMU_M_$*),$*),dumpdtb=$@ -smp $(HT_QEMU_SMP_$*) \
		-m 1G $(HT_QEMU_ARGS_$*) -display none \
		-serial none -monitor none >/dev/null 2>&1 || \
		{ echo "host tests: $(QEMU) could not dump the $* device tree"; \
		  rm -f $@; exit 1; }

# Header dependencies of everything above (-MMD).
-include $(shell find $(HT_O) -name '*.d' 2>/dev/null)

# Run every binary; each must exit 0 and end with its summary line.
test-host: host-tests
	@start=$$(date +%s.%N); failed=0; \
	for t in $(HT_TESTS); do \
		bin=$(HT_O)/host-$$t; log=$(HT_O)/host-$$t.log; \
		HOST_FUZZ_CASES=$(HOST_FUZZ_CASES) \
		HOST_FUZZ_SECONDS=$(HOST_FUZZ_SECONDS) \
		HOST_FUZZ_SEED=$(HOST_FUZZ_SEED) \
		UBSAN_OPTIONS=print_stacktrace=1 \
		$$bin $(HT_O)/data > $$log 2>&1; rc=$$?; \
		last=$$(tail -n 1 $$log); \
		if [ $$rc -eq 0 ] && echo "$$last" | \
			grep -Eq "^host-$$t: [0-9]+ passed, 0 failed$$"; then \
			echo "  PASS    $$last"; \
		else \
			echo "  FAIL    host-$$t (exit $$rc), log: $$log"; \
			grep -E "^not ok|ERROR|runtime error|^host-" \
				$$log | head -n 40 | sed 's/^/          /'; \
			failed=$$((failed + 1)); \
		fi; \
	done; \
	end=$$(date +%s.%N); \
	echo "  host tests: $$(( $(words $(HT_TESTS)) - failed )) of $(words $(HT_TESTS)) binaries passed in $$(awk "BEGIN { printf \"%.1f\", $$end - $$start }") s"; \
	[ $$failed -eq 0 ]

TEST_TARGETS	+= test-host
