# libFuzzer targets (tests/fuzz, docs/fuzzing.md): the firmware's SBI
# dispatcher with MEMHP, its device-tree input path and its device-tree
# publication, built for the host with clang-14 and ASan + UBSan (UBSan
# aborts), from the unmodified firmware sources plus the host fakes of
# tests/host. Included from the top Makefile.
#
#   make test-fuzz                   each target FUZZ_SECONDS (60) on a copy
#                                    of its corpus, all at once, then source
#                                    coverage of the corpus (llvm-cov-14)
#   make fuzz                        the same, FUZZ_SECONDS=600 by default
#   make fuzz-merge                  fold new inputs of the last run into
#                                    tests/fuzz/corpus (minimized, -merge=1)
#   make fuzz-seeds                  rebuild the seed trees (QEMU dumps, dtc)
#   $(O)/tests/fuzz/fuzz-<t> CRASHFILE   reproduce one input
#
# A run fails on any crash, leak, timeout, sanitizer report or broken
# invariant; the input is left in $(O)/tests/fuzz/run/<target>/.

FZ_DIR		:= tests/fuzz
FZ_O		:= $(O)/tests/fuzz
FZ_CC		?= clang-14
FZ_PROFDATA	?= llvm-profdata-14
FZ_COV		?= llvm-cov-14
FZ_TARGETS	:= fuzz-sbi-memhp fuzz-fdt-input fuzz-fdt-publish
FUZZ_SECONDS	?= 60
# Per-input limit (s), longest input (bytes) and memory (MB).
FUZZ_TIMEOUT	?= 10
FUZZ_MAX_LEN	?= 16384
FUZZ_RSS_MB	?= 2048

# The firmware's -D settings, with the hart count the host tests use.
FZ_DEFINES	:= $(filter-out -DHARTS_MAX=%,$(filter -D%,$(FW_CFLAGS))) \
		   -DHARTS_MAX=8
FZ_SAN		:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FZ_INCLUDES	:= -I$(FZ_DIR) -Itests/host/include -Itests/host -Iinclude -Iplatform/generic \
		   -I$(LIBFDT_DIR)
FZ_BASE_CFLAGS	:= -g -O1 -std=gnu11 -ffunction-sections -fdata-sections \
		   -fno-strict-aliasing $(FZ_INCLUDES) $(FZ_DEFINES)
# Two builds: "fuzz" (libFuzzer + sanitizers) and "cov" (source coverage).
FZ_VARIANT_fuzz	:= -fsanitize=fuzzer-no-link $(FZ_SAN)
FZ_VARIANT_cov	:= -fprofile-instr-generate -fcoverage-mapping
FZ_LINK_fuzz	:= -fsanitize=fuzzer $(FZ_SAN)
FZ_LINK_cov	:= -fsanitize=fuzzer -fprofile-instr-generate
# fdt_check_full() is not in the kernel's libfdt: the checker takes it
# from Debian's libfdt-dev (an oracle only; the firmware never calls it).
FZ_CHECK_LIB	:= -l:libfdt.a
FZ_WARN_OURS	:= -Wall -Wextra -Werror -Wno-sign-compare
FZ_WARN_FW	:= -Wall -Wno-sign-compare

# Firmware sources as tests/host builds them (host.mk's HT_FW_SRCS: all
# but the boot flow and what the fakes replace). reset.c comes in through
# host_reset_wrap.c; the SiFive UART and GPIO drivers (MMIO) are stubbed in
# host_stubs.c.
FZ_FW_SRCS	:= $(HT_FW_SRCS)
FZ_FAKE_SRCS	:= tests/host/host_csr.c tests/host/host_stubs.c \
		   tests/host/host_reset_wrap.c
FZ_COMMON_SRCS	:= $(FZ_DIR)/fuzz_common.c $(FZ_DIR)/fuzz_fdt_boot.c

# Per-file changes of the build (never of the source): the fuzzers supply
# host_wfi (parks a hart) and sbi_hart_enter_smode (ends its M-mode run),
# and sbi_memhp.c's scrub (sbi_scrub) lands in fuzz_scrub.
FZ_FLAGS_tests/host/host_csr.c		:= -Dhost_wfi=host_csr_wfi_replaced
FZ_FLAGS_tests/host/host_stubs.c	:= -Dsbi_hart_enter_smode=host_stubs_enter_smode_replaced
FZ_FLAGS_lib/sbi/sbi_memhp.c		:= -Dsbi_scrub=fuzz_scrub

fz_obj		= $(patsubst %.c,$(FZ_O)/$(1)/%.o,$(2))
fz_lib_srcs	:= $(FZ_FW_SRCS) $(FZ_FAKE_SRCS)
fz_libfdt_srcs	:= $(addprefix $(LIBFDT_DIR)/,$(LIBFDT_SRCS))

define FZ_VARIANT_RULES
$(FZ_O)/$(1)/%.o: %.c $(LIBFDT_STAMP) $(FZ_DIR)/fuzz.mk
	@mkdir -p $$(dir $$@)
	@echo "  FUZZCC  $$< ($(1))"
	@$(FZ_CC) $(FZ_BASE_CFLAGS) $(FZ_VARIANT_$(1)) \
		$$(if $$(filter $(FZ_DIR)/%,$$<),$(FZ_WARN_OURS),$(FZ_WARN_FW)) \
		$$(FZ_FLAGS_$$<) -MMD -MP -c $$< -o $$@

$(FZ_O)/$(1)/libfdt/%.o: $(LIBFDT_STAMP) $(FZ_DIR)/fuzz.mk
	@mkdir -p $$(dir $$@)
	@echo "  FUZZCC  libfdt/$$*.c ($(1))"
	@$(FZ_CC) -g -O1 -std=gnu11 -ffunction-sections -fdata-sections \
		$(FZ_VARIANT_$(1)) -I$(LIBFDT_DIR) -c $(LIBFDT_DIR)/$$*.c -o $$@

$(FZ_O)/$(1)/libfw.a: $(call fz_obj,$(1),$(fz_lib_srcs) $(FZ_COMMON_SRCS)) \
		      $(patsubst %.c,$(FZ_O)/$(1)/libfdt/%.o,$(LIBFDT_SRCS))
	@rm -f $$@
	@ar rcs $$@ $$^
endef
$(eval $(call FZ_VARIANT_RULES,fuzz))
$(eval $(call FZ_VARIANT_RULES,cov))

# fuzz-<name> from fuzz_<name>.c; the coverage build is cov-<name>.
define FZ_LINK_RULES
$(FZ_O)/fuzz-$(1): $(FZ_O)/fuzz/$(FZ_DIR)/fuzz_$(subst -,_,$(1)).o $(FZ_O)/fuzz/libfw.a
	@echo "  FUZZLD  $$@"
	@$(FZ_CC) $(FZ_LINK_fuzz) -Wl,--gc-sections -o $$@ $$^ $(FZ_CHECK_LIB)
$(FZ_O)/cov-$(1): $(FZ_O)/cov/$(FZ_DIR)/fuzz_$(subst -,_,$(1)).o $(FZ_O)/cov/libfw.a
	@echo "  FUZZLD  $$@"
	@$(FZ_CC) $(FZ_LINK_cov) -Wl,--gc-sections -o $$@ $$^ $(FZ_CHECK_LIB)
endef
$(foreach t,$(FZ_TARGETS),$(eval $(call FZ_LINK_RULES,$(patsubst fuzz-%,%,$(t)))))

-include $(shell find $(FZ_O) -name '*.d' 2>/dev/null)

FZ_BINS		:= $(addprefix $(FZ_O)/,$(FZ_TARGETS))
FZ_COV_BINS	:= $(patsubst $(FZ_O)/fuzz-%,$(FZ_O)/cov-%,$(FZ_BINS))
FZ_HAVE_COV	:= $(shell command -v $(FZ_PROFDATA) >/dev/null 2>&1 && \
		     command -v $(FZ_COV) >/dev/null 2>&1 && echo yes)
# Firmware files whose coverage is reported.
FZ_COV_FILES	:= $(wildcard lib/memhp/*.c lib/sbi/sbi_ecall*.c lib/utils/fdt*.c \
		   platform/generic/*.c)

.PHONY: test-fuzz fuzz fuzz-build fuzz-cov fuzz-merge fuzz-seeds
fuzz-build: $(FZ_BINS)

# Run every target at once on a fresh copy of its corpus (the repository
# copy is never written), then report executions and coverage.
test-fuzz: fuzz-build
	@start=$$(date +%s); failed=0; \
	for t in $(FZ_TARGETS); do \
		d=$(FZ_O)/run/$$t; rm -rf $$d; mkdir -p $$d/corpus; \
		cp $(FZ_DIR)/corpus/$$t/* $$d/corpus/ 2>/dev/null; \
		( cd $$d && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		  $(FZ_O)/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-timeout=$(FUZZ_TIMEOUT) -max_len=$(FUZZ_MAX_LEN) \
			-rss_limit_mb=$(FUZZ_RSS_MB) -artifact_prefix=$$d/ \
			corpus > fuzz.log 2>&1; echo $$? > rc ) & \
	done; wait; \
	for t in $(FZ_TARGETS); do \
		d=$(FZ_O)/run/$$t; rc=$$(cat $$d/rc); \
		execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$d/fuzz.log); \
		last=$$(grep -E '^#[0-9]+.*(DONE|cov:)' $$d/fuzz.log | tail -n 1); \
		cov=$$(echo "$$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p'); \
		ft=$$(echo "$$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p'); \
		corp=$$(ls $$d/corpus | wc -l); \
		if [ "$$rc" = 0 ] && [ -n "$$execs" ] && \
		   ! ls $$d/crash-* $$d/leak-* $$d/timeout-* $$d/oom-* >/dev/null 2>&1; then \
			echo "  PASS    $$t: $$execs executions in $(FUZZ_SECONDS) s, cov $$cov, ft $$ft, corpus $$corp"; \
		else \
			echo "  FAIL    $$t (exit $$rc), log $$d/fuzz.log"; \
			grep -E 'INVARIANT|ERROR|runtime error|SUMMARY|Test unit written|^    #[0-9] ' \
				$$d/fuzz.log | head -n 30 | sed 's/^/          /'; \
			failed=$$((failed + 1)); \
		fi; \
	done; \
	echo "  fuzz: $$(( $(words $(FZ_TARGETS)) - failed )) of $(words $(FZ_TARGETS)) targets clean in $$(( $$(date +%s) - start )) s"; \
	[ $$failed -eq 0 ]
ifeq ($(FZ_HAVE_COV),yes)
	@$(MAKE) --no-print-directory fuzz-cov
else
	@echo "  (no $(FZ_PROFDATA)/$(FZ_COV): source coverage skipped)"
endif

fuzz:
	@$(MAKE) --no-print-directory test-fuzz FUZZ_SECONDS=$(if $(filter command line,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),600)

# Replay the repository corpus plus this run's inputs with the coverage build.
fuzz-cov: $(FZ_COV_BINS)
	@rm -rf $(FZ_O)/cov && mkdir -p $(FZ_O)/cov; \
	for t in $(FZ_TARGETS); do \
		c=$$(echo $$t | sed 's/^fuzz-/cov-/'); \
		dirs="$(FZ_DIR)/corpus/$$t"; \
		[ -d $(FZ_O)/run/$$t/corpus ] && dirs="$$dirs $(FZ_O)/run/$$t/corpus"; \
		LLVM_PROFILE_FILE=$(FZ_O)/cov/$$t.profraw $(FZ_O)/$$c -runs=0 \
			$$dirs > $(FZ_O)/cov/$$t.log 2>&1 || \
			{ echo "  FAIL    coverage replay of $$t: $(FZ_O)/cov/$$t.log"; exit 1; }; \
	done; \
	$(FZ_PROFDATA) merge -sparse -o $(FZ_O)/cov/all.profdata $(FZ_O)/cov/*.profraw && \
	$(FZ_COV) report -instr-profile=$(FZ_O)/cov/all.profdata \
		$(firstword $(FZ_COV_BINS)) \
		$(patsubst %,-object %,$(wordlist 2,9,$(FZ_COV_BINS))) $(FZ_COV_FILES) \
		> $(FZ_O)/cov/report.txt && \
	awk '/^Filename/ || /^TOTAL/ || /^lib|^platform/ { \
		printf "  COV     %-36s regions %7s  lines %7s\n", $$1, $$4, $$10 }' \
		$(FZ_O)/cov/report.txt | sed 's/COV     Filename  */COV     file                                /'

# Add what the last run found to the repository corpus, minimized; only
# inputs up to FUZZ_MERGE_MAX bytes, so the corpus stays small.
FUZZ_MERGE_MAX	?= 1400
fuzz-merge: fuzz-build
	@for t in $(FZ_TARGETS); do \
		[ -d $(FZ_O)/run/$$t/corpus ] || continue; \
		s=$(FZ_O)/merge-$$t; rm -rf $$s; mkdir -p $$s $(FZ_DIR)/corpus/$$t; \
		find $(FZ_O)/run/$$t/corpus -type f -size -$(FUZZ_MERGE_MAX)c \
			-exec cp {} $$s/ \; ; \
		$(FZ_O)/$$t -merge=1 $(FZ_DIR)/corpus/$$t $$s > $$s.log 2>&1 || \
			{ echo "merge of $$t failed: $$s.log"; exit 1; }; \
		echo "  MERGE   $$t: $$(ls $(FZ_DIR)/corpus/$$t | wc -l) inputs, $$(cat $(FZ_DIR)/corpus/$$t/* | wc -c) bytes"; \
	done

fuzz-seeds:
	@bash $(FZ_DIR)/make-seeds.sh $(FZ_O)/seeds

TEST_TARGETS	+= test-fuzz
