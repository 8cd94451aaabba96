# Linux on QEMU virt (included by linux.mk).
#
#   make test-linux            init.c's checks: every CPU online (SBI HSM), IPIs,
#                              the timer, power off through SBI SRST
#   make test-linux-nopmp      the same on harts without PMP: no windows, the
#                              card's RAM stays boot RAM
#   make test-linux-aclint     the same with an ACLINT instead of the CLINT
#   make test-linux-memhp      memhp-e2e.c end to end (HOTSBI-MEMHP-E2E: PASS),
#                              then two boots where the driver must refuse a node
#                              (fake-node.dtb on HotSBI, noext-node.dtb on OpenSBI)
#   make test-linux-memhp-aclint  the e2e on virt,aclint=on
#   make test-linux-memhp-pmem    device memory as /dev/pmem0: the card's,
#                              and a board window's
#   make test-linux-memhp-policy  the driver's blocks under the three online
#                              policies: offline, online_movable, auto-movable,
#                              and with memory_hotplug.memmap_on_memory=force
#   make test-linux-memhp-unavail a board window with an unavailable block: the
#                              driver shows it unusable and grows past it
#   make test-linux-memhp-inject  wrong firmware answers (short READ_STATE,
#                              failing BLOCK_STATE, denied PLUG) injected by
#                              memhp_fwtool
#   make test-linux-memhp-numa    two NUMA nodes: the card is in node 1, and a
#                              plugged block grows only node 1
#   make test-linux-memhp-dax     device memory as /dev/dax0.0 (2 MiB leaves)
#                              and through kmem as System RAM: the card's
#                              pmem-region, then the driver's window in
#                              device mode, unplugged after the teardown
#   make test-linux-memhp-kdump   a real kdump: the crash kernel must add no window
#                              memory, and /proc/vmcore must skip a block unplugged
#                              after the crash kernel was loaded
#   make linux-demo            the e2e flow narrated, for `make run`, then two
#                              short boots with the card's device memory:
#                              static (/dev/pmem0) and through the driver
#                              (/dev/dax0.0, kmem)
#
# Knobs: LINUX_SMP, LINUX_MEM (4, 1G), LINUX_EXPECT_CPUS (LINUX_SMP),
# LINUX_CONSOLE (ttyS0 + uart8250 earlycon; "console=hvc0 earlycon=sbi" uses SBI
# DBCN), LINUX_APPEND_EXTRA, LINUX_TIMEOUT; MEMHP_SMP, MEMHP_MEM (4, 1G: the
# firmware's default 512 MiB card, 4 blocks), MEMHP_TIMEOUT, MEMHP_APPEND_EXTRA
# (e.g. memhp.cycles=N), MEMHP_REFUSALS.
#
# panic=-1 with -no-reboot: a kernel panic makes QEMU exit at once instead of
# waiting for the timeout; the missing PASS line then fails the test.

LINUX_LOG	:= $(LINUX_DIR)/test-linux.log
LINUX_SMP	?= 4
LINUX_MEM	?= 1G
LINUX_EXPECT_CPUS ?= $(LINUX_SMP)
LINUX_TIMEOUT	?= 120
LINUX_CONSOLE	?= console=ttyS0 earlycon=uart8250,mmio,0x10000000
LINUX_APPEND_EXTRA ?=
LINUX_APPEND	= $(LINUX_CONSOLE) panic=-1 hotsbi.cpus=$(LINUX_EXPECT_CPUS) \
		  $(LINUX_APPEND_EXTRA)
LINUX_QEMU_ARGS	= -M virt -smp $(LINUX_SMP) -m $(LINUX_MEM) -nographic -no-reboot \
		  -bios $(TEST_FW) -kernel $(LINUX_IMAGE) -initrd $(LINUX_INITRAMFS) \
		  -append "$(strip $(LINUX_APPEND))"
LINUX_CPUS_UP	= 'smp: Brought up [0-9]+ nodes?, $(LINUX_EXPECT_CPUS) CPUs'

.PHONY: test-linux test-linux-memhp test-linux-memhp-policy test-linux-memhp-kdump \
	test-linux-memhp-numa test-linux-memhp-unavail test-linux-memhp-inject \
	test-linux-memhp-dax linux-demo

test-linux: $(LINUX_FW_DEP) linux-image linux-initramfs
	@test -f "$(TEST_FW)" || { echo "FAIL test-linux: no firmware $(TEST_FW)"; exit 1; }
	@echo "  QEMU    test-linux: $(TEST_FW), -smp $(LINUX_SMP), log $(LINUX_LOG)"
	@$(LINUX_RUN) -n test-linux -l $(LINUX_LOG) -t $(LINUX_TIMEOUT) -c srst \
		-g 'HOTSBI-LINUX-TEST: PASS' -g 'SBI SRST extension detected' \
		-g $(LINUX_CPUS_UP) -- $(LINUX_QEMU_ARGS)

TEST_TARGETS	+= test-linux

comma		:= ,

# test-linux on other machines, HotSBI only: $(1) the name, $(2) QEMU
# arguments added to LINUX_QEMU_ARGS, $(3) more run-linux.sh patterns.
define linux_variant
.PHONY: test-linux-$(1)
test-linux-$(1): $$(LINUX_FW_DEP) linux-image linux-initramfs
	@echo "  QEMU    test-linux-$(1): $(2), log $$(LINUX_DIR)/test-linux-$(1).log"
	@$$(LINUX_RUN) -n test-linux-$(1) -l $$(LINUX_DIR)/test-linux-$(1).log \
		-t $$(LINUX_TIMEOUT) -g 'HOTSBI-LINUX-TEST: PASS' -g $$(LINUX_CPUS_UP) \
		$(3) -- $$(LINUX_QEMU_ARGS) $(2)

ifeq ($$(abspath $$(TEST_FW)),$$(abspath $$(FW_DYNAMIC_BIN)))
TEST_TARGETS	+= test-linux-$(1)
endif
endef

# Harts without PMP: HotSBI boots without windows and says so, and the
# card's RAM stays boot RAM (Linux sees all of LINUX_MEM).
LINUX_MEM_KIB	= $(shell numfmt --from=iec --to-unit=1024 $(LINUX_MEM))
$(eval $(call linux_variant,nopmp,-cpu rv64$(comma)pmp=false,\
	-g '^hotsbi: 0 PMP entries: no hotplug windows' \
	-g 'Memory: [0-9]+K/$$(LINUX_MEM_KIB)K available'))

# An ACLINT (MSWI and MTIMER) instead of the CLINT.
$(eval $(call linux_variant,aclint,-M aclint=on,\
	-g '^Timer and IPI   : aclint-mtimer @ 0x2004000'))

# ---------------------------------------------------------------- memory hotplug

MEMHP_LOG	:= $(LINUX_DIR)/test-linux-memhp.log
MEMHP_FAKE_DTB	:= $(MEMHP_DIR)/fake-node.dtb
MEMHP_NOEXT_DTB	:= $(MEMHP_DIR)/noext-node.dtb
MEMHP_SMP	?= 4
MEMHP_MEM	?= 1G
MEMHP_TIMEOUT	?= 200
MEMHP_APPEND_EXTRA ?=
MEMHP_CONSOLE	= console=ttyS0 earlycon=uart8250,mmio,0x10000000
# The e2e run: blocks appear offline after add (user space onlines them).
MEMHP_APPEND	= $(MEMHP_CONSOLE) panic=-1 \
		  memhp_default_state=offline $(MEMHP_APPEND_EXTRA)
MEMHP_QEMU_ARGS	= -M virt -smp $(MEMHP_SMP) -m $(MEMHP_MEM) -nographic -no-reboot \
		  -bios $(TEST_FW) -kernel $(LINUX_IMAGE) -initrd $(MEMHP_INITRAMFS)
MEMHP_PASS	= -g 'HOTSBI-MEMHP-E2E: PASS' -p '^memhp-e2e: (PASS|FAIL)'
# The refusal runs after the main one, <dtb name>:<firmware> (none: empty).
# noext boots Debian's OpenSBI 1.1 with one hart: the driver's refusal does
# not depend on the harts, and on QEMU 7.2 that firmware once hung Linux's
# secondary CPU bring-up ("smp: Bringing up secondary CPUs ..." and nothing
# for 270 s; 36 later boots of the same command were clean).
MEMHP_REFUSALS	?= fake:$(TEST_FW) noext:$(OPENSBI_FW_DYNAMIC)

# Pass: /init's PASS line (it checks every step itself, see memhp-e2e.c), all
# CPUs up, the kernel neither warned nor oopsed, and the firmware logged the
# /dev/mem accesses to unplugged blocks (it translates the faulting virtual
# address through satp to find the block).
test-linux-memhp: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs $(MEMHP_FAKE_DTB) \
		$(MEMHP_NOEXT_DTB)
	@test -f "$(TEST_FW)" || { echo "FAIL test-linux-memhp: no firmware $(TEST_FW)"; exit 1; }
	@echo "  QEMU    test-linux-memhp: -smp $(MEMHP_SMP) -m $(MEMHP_MEM), log $(MEMHP_LOG)"
	@$(LINUX_RUN) -n test-linux-memhp -l $(MEMHP_LOG) -t $(MEMHP_TIMEOUT) -c faults \
		$(MEMHP_PASS) -g 'smp: Brought up [0-9]+ nodes?, $(MEMHP_SMP) CPUs' \
		-- $(MEMHP_QEMU_ARGS) -append "$(strip $(MEMHP_APPEND))"
	@for run in $(MEMHP_REFUSALS); do \
		dev=hotplug-memory; [ $${run%%:*} = fake ] && dev=hotplug-fake; \
		smp=$(MEMHP_SMP); [ $${run%%:*} = noext ] && smp=1; \
		echo "  QEMU    test-linux-memhp: refusal of $$dev ($${run%%:*}-node.dtb on $${run#*:}, -smp $$smp)"; \
		$(LINUX_RUN) -n "test-linux-memhp ($${run%%:*})" -t 90 \
			-l $(LINUX_DIR)/test-linux-memhp-$${run%%:*}.log \
			-g 'HOTSBI-MEMHP-E2E: PASS' -p '^(memhp-e2e: PASS|kernel \(level)' \
			-- $(subst -smp $(MEMHP_SMP),-smp $$smp,$(subst -bios $(TEST_FW),,$(MEMHP_QEMU_ARGS))) \
			-bios $${run#*:} \
			-dtb $(MEMHP_DIR)/$${run%%:*}-node.dtb \
			-append "$(strip $(MEMHP_APPEND)) memhp.refuse=$$dev" || exit 1; \
	done

TEST_TARGETS	+= test-linux-memhp

# Device memory (static mode): with the top 256 MiB of the card published
# as a pmem-region node, of_pmem gives /dev/pmem0 (data round trip with
# O_DIRECT), the firmware refuses to unplug its blocks, and the driver
# leaves the window alone (memhp-e2e.c, memhp.pmem=1). Then the same from
# a board window of the same layout whose tree says hotsbi,pmem-size.
MEMHP_PMEM_BANNER ?= device memory \(pmem-region\)
test-linux-memhp-pmem: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs \
		       $(MEMHP_DIR)/pmem-node.dtb $(MEMHP_DIR)/board-pmem-node.dtb
	@for kind in pmem board-pmem; do \
		echo "  QEMU    test-linux-memhp-pmem: $$kind-node.dtb, -smp $(MEMHP_SMP) -m $(MEMHP_MEM), log $(LINUX_DIR)/test-linux-memhp-$$kind.log"; \
		$(LINUX_RUN) -n "test-linux-memhp-pmem ($$kind)" \
			-l $(LINUX_DIR)/test-linux-memhp-$$kind.log \
			-t 90 $(MEMHP_PASS) -g '$(MEMHP_PMEM_BANNER)' \
			-- $(MEMHP_QEMU_ARGS) -dtb $(MEMHP_DIR)/$$kind-node.dtb \
			-append "$(strip $(MEMHP_APPEND)) memhp.pmem=1" || exit 1; \
	done

TEST_TARGETS	+= test-linux-memhp-pmem

# Unavailable blocks (a board window whose tree marks block 1 unavailable):
# the firmware answers UNAVAILABLE and DENIED for it, the driver shows it
# unusable and grows past it (memhp-e2e.c, memhp.unavail=1).
test-linux-memhp-unavail: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs \
			  $(MEMHP_DIR)/board-unavail-node.dtb
	@echo "  QEMU    test-linux-memhp-unavail: -smp $(MEMHP_SMP) -m $(MEMHP_MEM), log $(LINUX_DIR)/test-linux-memhp-unavail.log"
	@$(LINUX_RUN) -n test-linux-memhp-unavail -l $(LINUX_DIR)/test-linux-memhp-unavail.log \
		-t 90 $(MEMHP_PASS) -g 'memhp-e2e: PASS unavail' \
		-g 'window 0: 0xa0000000-0xbfffffff, 4 blocks of 128 MiB, node [0-9]+, 0 plugged at probe .*, 1 unusable' \
		-- $(MEMHP_QEMU_ARGS) -dtb $(MEMHP_DIR)/board-unavail-node.dtb \
		-append "$(strip $(MEMHP_APPEND)) memhp.unavail=1"

TEST_TARGETS	+= test-linux-memhp-unavail

# Wrong firmware answers, injected by memhp_fwtool (a kretprobe on
# __sbi_ecall): a short READ_STATE at probe, a failing BLOCK_STATE at the
# retry, a PLUG denied during growth (memhp-e2e.c, memhp.inject=1).
test-linux-memhp-inject: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs
	@echo "  QEMU    test-linux-memhp-inject: -smp $(MEMHP_SMP) -m $(MEMHP_MEM), log $(LINUX_DIR)/test-linux-memhp-inject.log"
	@$(LINUX_RUN) -n test-linux-memhp-inject -l $(LINUX_DIR)/test-linux-memhp-inject.log \
		-t 90 $(MEMHP_PASS) -g 'memhp-e2e: PASS inject' \
		-- $(MEMHP_QEMU_ARGS) -append "$(strip $(MEMHP_APPEND)) memhp.inject=1"

TEST_TARGETS	+= test-linux-memhp-inject

# Device memory teardown (the riscv fix of the driver's series): two 64 MiB
# pmem regions in one section, so their memmaps share a vmemmap leaf;
# unbound one by one, bound again, unbound in the other order, with no
# oops, their data kept and the leaf freed only with the last (memhp-e2e.c,
# memhp.pmem-teardown=1).
test-linux-pmem-teardown: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs \
			  $(MEMHP_DIR)/pmem-pair-node.dtb
	@echo "  QEMU    test-linux-pmem-teardown: -smp $(MEMHP_SMP) -m $(MEMHP_MEM), log $(LINUX_DIR)/test-linux-pmem-teardown.log"
	@$(LINUX_RUN) -n test-linux-pmem-teardown -l $(LINUX_DIR)/test-linux-pmem-teardown.log \
		-t 90 $(MEMHP_PASS) -g 'pmem-teardown: both bound again' \
		-- $(MEMHP_QEMU_ARGS) -dtb $(MEMHP_DIR)/pmem-pair-node.dtb \
		-append "$(MEMHP_CONSOLE) panic=-1 memhp.pmem-teardown=1"

TEST_TARGETS	+= test-linux-pmem-teardown

# Memory above 4 GiB (issue: swiotlb before the first allocation): -m 3G
# with a 1 GiB card, so boot RAM ends at 4 GiB and the window lies above
# it. The firmware's hotsbi,max-possible-pfn makes the kernel set up its bounce
# buffer at boot (the series' third riscv patch; 64 MiB, 1/32 of the boot
# RAM); a page of a plugged block maps below 4 GiB for a 32-bit device
# (memhp-e2e.c, memhp.dma32=1). The whole e2e of test-linux-memhp then
# runs in that layout. Then a small system with a large window:
# 256 MiB of boot RAM and a 2.75 GiB card reaching above 4 GiB get a
# bounce buffer of 8 MiB, 1/32 of the boot RAM, not the default 64 MiB.
# Last, the default layout (all memory below 4 GiB) with a malformed node
# claiming 8 GiB: one warning, and no bounce buffer.
test-linux-memhp-dma32: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs \
			$(MEMHP_DIR)/dma32-node.dtb $(MEMHP_DIR)/dma32-small-node.dtb \
			$(MEMHP_DIR)/badpfn-node.dtb
	@echo "  QEMU    test-linux-memhp-dma32: -smp $(MEMHP_SMP) -m 3G, log $(LINUX_DIR)/test-linux-memhp-dma32.log"
	@$(LINUX_RUN) -n test-linux-memhp-dma32 -l $(LINUX_DIR)/test-linux-memhp-dma32.log \
		-t 90 $(MEMHP_PASS) \
		-g 'software IO TLB: mapped \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] \(64MB\)' \
		-g 'memhp-e2e: PASS dma32' \
		-- $(subst -m $(MEMHP_MEM),-m 3G,$(MEMHP_QEMU_ARGS)) \
		-dtb $(MEMHP_DIR)/dma32-node.dtb \
		-append "$(MEMHP_CONSOLE) panic=-1 memhp_default_state=offline memhp.dma32=1"
	@echo "  QEMU    test-linux-memhp-dma32: the whole e2e with the window above 4 GiB, log $(LINUX_DIR)/test-linux-memhp-dma32-e2e.log"
	@$(LINUX_RUN) -n "test-linux-memhp-dma32 (e2e)" -l $(LINUX_DIR)/test-linux-memhp-dma32-e2e.log \
		-t $(MEMHP_TIMEOUT) -c faults $(MEMHP_PASS) \
		-g 'window 0: 0x100000000-0x13fffffff, 8 blocks of 128 MiB' \
		-- $(subst -m $(MEMHP_MEM),-m 3G,$(MEMHP_QEMU_ARGS)) \
		-dtb $(MEMHP_DIR)/dma32-node.dtb -append "$(strip $(MEMHP_APPEND))"
	@echo "  QEMU    test-linux-memhp-dma32: 256 MiB of boot RAM, a 2.75 GiB card, log $(LINUX_DIR)/test-linux-memhp-dma32-small.log"
	@$(LINUX_RUN) -n "test-linux-memhp-dma32 (small)" -l $(LINUX_DIR)/test-linux-memhp-dma32-small.log \
		-t 90 -g 'memhp-e2e: PASS dumpfdt' \
		-g 'software IO TLB: mapped \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] \(8MB\)' \
		-- $(subst -m $(MEMHP_MEM),-m 3G,$(MEMHP_QEMU_ARGS)) \
		-dtb $(MEMHP_DIR)/dma32-small-node.dtb \
		-append "$(MEMHP_CONSOLE) panic=-1 memhp.dumpfdt=1"
	@echo "  QEMU    test-linux-memhp-dma32: a malformed hotsbi,max-possible-pfn, log $(LINUX_DIR)/test-linux-memhp-dma32-bad.log"
	@$(LINUX_RUN) -n "test-linux-memhp-dma32 (bad node)" -l $(LINUX_DIR)/test-linux-memhp-dma32-bad.log \
		-t 90 -g 'memhp-e2e: PASS dumpfdt' \
		-g 'hotplug-bad: bad hotsbi,max-possible-pfn or window, hotplug memory not counted' \
		-x 'software IO TLB: mapped' \
		-- $(MEMHP_QEMU_ARGS) -dtb $(MEMHP_DIR)/badpfn-node.dtb \
		-append "$(MEMHP_CONSOLE) panic=-1 memhp.dumpfdt=1"

TEST_TARGETS	+= test-linux-memhp-dma32

# Two NUMA nodes of 1 GiB, two CPUs each (QEMU 7.2 wants CPUs in every
# node): the firmware carves the card from the top of node 1's RAM and gives
# the window node 1 (numa-node-id, MEMHP NUMA_NODE); a plugged and onlined
# block is in node 1 and grows only node 1's MemTotal (memhp-e2e.c,
# memhp.numa=1).
MEMHP_NUMA_QEMU_ARGS = $(call qemu_two_nodes,1G)
MEMHP_NUMA_MACHINE = $(subst -smp $(MEMHP_SMP),-smp 4,$(subst -m $(MEMHP_MEM),-m 2G,$(MEMHP_QEMU_ARGS))) \
		     $(MEMHP_NUMA_QEMU_ARGS)
MEMHP_NUMA_BANNER ?= window 0 +: 0x00000000e0000000-0x00000000ffffffff, 4 blocks of 128 MiB, emulated card, scrub, node 1
test-linux-memhp-numa: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs
	@echo "  QEMU    test-linux-memhp-numa: -smp 4 -m 2G, two nodes, log $(LINUX_DIR)/test-linux-memhp-numa.log"
	@$(LINUX_RUN) -n test-linux-memhp-numa -l $(LINUX_DIR)/test-linux-memhp-numa.log \
		-t 90 $(MEMHP_PASS) -g 'smp: Brought up 2 nodes, 4 CPUs' -g '$(MEMHP_NUMA_BANNER)' \
		-g 'window 0: 0xe0000000-0xffffffff, 4 blocks of 128 MiB, node 1,' \
		-g 'memhp-e2e: PASS numa' \
		-- $(MEMHP_NUMA_MACHINE) \
		-append "$(MEMHP_CONSOLE) panic=-1 memhp_default_state=offline memhp.numa=1"

TEST_TARGETS	+= test-linux-memhp-numa

# Device memory through device-dax and kmem (memhp-dax.c). First on the
# two-node machine, where the card is in node 1 (kmem needs the region's
# node): the card's top 256 MiB, published as a pmem-region node, becomes a
# devdax namespace, /dev/dax0.0 is mapped with 2 MiB leaves (pagemap,
# PAGEMAP_SCAN), kmem onlines its whole block as System RAM and gives it
# back, the namespace is released (memhp.dax=0). Then the driver's window
# in device mode: the same on the region it publishes, its UNPLUG refused
# while anything uses it and done once all is released, after which the
# blocks fault on every CPU; plug_block and unplug_block, also at once
# after each other (a region deleted before libnvdimm's async worker added
# it: the libnvdimm patch of the series); and a region kept whose kmem
# memory was left online (memhp.dax-window=1).
test-linux-memhp-dax: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs \
		      $(MEMHP_DIR)/numa-pmem-node.dtb
	@echo "  QEMU    test-linux-memhp-dax (static): -smp 4 -m 2G, two nodes, log $(LINUX_DIR)/test-linux-memhp-dax.log"
	@$(LINUX_RUN) -n "test-linux-memhp-dax (static)" -l $(LINUX_DIR)/test-linux-memhp-dax.log \
		-t 90 $(MEMHP_PASS) -g 'dax: PAGEMAP_SCAN: all' \
		-g 'dax: kmem: memory31-31 online_movable' \
		-g 'dax: dax0.0 unbound from dax_pmem and namespace0.0 released' \
		-- $(MEMHP_NUMA_MACHINE) -dtb $(MEMHP_DIR)/numa-pmem-node.dtb \
		-append "$(MEMHP_CONSOLE) panic=-1 memhp_default_state=offline memhp.dax=0"
	@echo "  QEMU    test-linux-memhp-dax (window): -smp $(MEMHP_SMP) -m $(MEMHP_MEM), log $(LINUX_DIR)/test-linux-memhp-dax-window.log"
	@$(LINUX_RUN) -n "test-linux-memhp-dax (window)" -l $(LINUX_DIR)/test-linux-memhp-dax-window.log \
		-t 120 $(MEMHP_PASS) -g 'dax: PAGEMAP_SCAN: all' \
		-g 'dax: kmem: memory21-21 online_movable' \
		-g 'dax-window: requested_size 0: region0 deleted, READ_STATE 0000' \
		-g 'dax-window: 20 rounds of plug_block 2' \
		-g 'dax-window: back to mode ram' \
		-g 'dax-window: kmem unbound with memory21 online' \
		-- $(MEMHP_QEMU_ARGS) -append "$(strip $(MEMHP_APPEND)) memhp.dax-window=1"

TEST_TARGETS	+= test-linux-memhp-dax

# The e2e again on an ACLINT (MSWI and MTIMER instead of the CLINT): every
# PLUG and UNPLUG reaches the other harts through the ACLINT's MSWI.
test-linux-memhp-aclint: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs
	@echo "  QEMU    test-linux-memhp-aclint: -M virt,aclint=on -smp $(MEMHP_SMP) -m $(MEMHP_MEM), log $(LINUX_DIR)/test-linux-memhp-aclint.log"
	@$(LINUX_RUN) -n test-linux-memhp-aclint -l $(LINUX_DIR)/test-linux-memhp-aclint.log \
		-t $(MEMHP_TIMEOUT) $(MEMHP_PASS) \
		-g 'smp: Brought up [0-9]+ nodes?, $(MEMHP_SMP) CPUs' \
		-g '^Timer and IPI   : aclint-mtimer @ 0x2004000' \
		-- $(MEMHP_QEMU_ARGS) -M aclint=on -append "$(strip $(MEMHP_APPEND))"

ifeq ($(abspath $(TEST_FW)),$(abspath $(FW_DYNAMIC_BIN)))
TEST_TARGETS	+= test-linux-memhp-aclint
endif

# The three online policies, one boot each, and online_movable with
# memory_hotplug.memmap_on_memory=force (the driver adds with
# MHP_MEMMAP_ON_MEMORY; force: without hugetlb a pageblock is 4 MiB, more
# than a block's memmap). The kernel puts the memmap on the added memory
# only when it fills whole 2 MiB vmemmap leaves (a 64-byte struct page);
# the test kernel's is 56 bytes, so the run checks that the blocks are
# added whole instead (memhp-e2e.c reads the size from memhp_fwtool).
MEMHP_POLICY_offline		:= memhp_default_state=offline
MEMHP_POLICY_online_movable	:= memhp_default_state=online_movable
MEMHP_POLICY_auto-movable	:= memhp_default_state=online \
				   memory_hotplug.online_policy=auto-movable
MEMHP_POLICY_memmap		:= memhp_default_state=online_movable \
				   memory_hotplug.memmap_on_memory=force
test-linux-memhp-policy: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs
	@for p in offline online_movable auto-movable memmap; do \
		case $$p in \
		memmap) a='$(MEMHP_POLICY_memmap)' ;; \
		offline) a='$(MEMHP_POLICY_offline)' ;; \
		online_movable) a='$(MEMHP_POLICY_online_movable)' ;; \
		auto-movable) a='$(MEMHP_POLICY_auto-movable)' ;; \
		esac; \
		echo "  QEMU    test-linux-memhp-policy: $$a"; \
		$(LINUX_RUN) -n "test-linux-memhp-policy ($$p)" -t 90 \
			-l $(LINUX_DIR)/test-linux-memhp-policy-$$p.log $(MEMHP_PASS) \
			-- $(MEMHP_QEMU_ARGS) \
			-append "$(MEMHP_CONSOLE) panic=-1 $$a memhp.policy=$$p" || exit 1; \
	done

TEST_TARGETS	+= test-linux-memhp-policy

# A real kdump: the first kernel reserves crashkernel memory, loads the crash
# kernel with kexec_file_load() and crashes (SysRq c, which oopses on
# purpose: the warning check starts at the last kernel banner, the crash
# kernel's).
test-linux-memhp-kdump: $(LINUX_FW_DEP) linux-image $(MEMHP_KDUMP_INITRAMFS)
	@echo "  QEMU    test-linux-memhp-kdump: -smp 2 -m $(MEMHP_MEM), log $(LINUX_DIR)/test-linux-memhp-kdump.log"
	@$(LINUX_RUN) -n test-linux-memhp-kdump -t 150 \
		-l $(LINUX_DIR)/test-linux-memhp-kdump.log \
		-F '^\[ *[0-9.]+\] Linux version' \
		-g 'crashing \(SysRq c\)' -g 'memhp-e2e: PASS kdump' $(MEMHP_PASS) \
		-- $(subst -smp $(MEMHP_SMP),-smp 2,$(subst $(MEMHP_INITRAMFS),$(MEMHP_KDUMP_INITRAMFS),$(MEMHP_QEMU_ARGS))) \
		-append "$(MEMHP_CONSOLE) panic=-1 memhp_default_state=offline crashkernel=160M memhp.kdump=1"

TEST_TARGETS	+= test-linux-memhp-kdump

# The narrated demo: runs in the foreground on the console, powers off at the end.
linux-demo: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs $(MEMHP_DIR)/pmem-node.dtb
	@echo "  QEMU    linux-demo: Linux 6.12 on $(if $(LINUX_FW_DEP),HotSBI,$(TEST_FW)), -smp $(MEMHP_SMP) -m $(MEMHP_MEM) (powers off at the end)"
	@$(QEMU) $(MEMHP_QEMU_ARGS) -append "$(strip $(MEMHP_APPEND) memhp.demo=1 loglevel=4)"
	@echo "  QEMU    linux-demo, device memory: the top 256 MiB of the card as /dev/pmem0 (pmem-node.dtb)"
	@$(QEMU) $(MEMHP_QEMU_ARGS) -dtb $(MEMHP_DIR)/pmem-node.dtb \
		-append "$(strip $(MEMHP_APPEND) memhp.demo=1 memhp.pmem=1 loglevel=4)"
	@echo "  QEMU    linux-demo, device memory through the driver: the card in device mode, /dev/dax0.0 and kmem"
	@$(QEMU) $(MEMHP_QEMU_ARGS) \
		-append "$(strip $(MEMHP_APPEND) memhp.demo=1 memhp.dax-window=1 loglevel=4)"
