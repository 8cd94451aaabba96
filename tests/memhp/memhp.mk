# Host tests of the memory-hotplug manager (lib/memhp): the PMP planner
# against a brute-force optimum, the manager through a fake port, the
# device-tree side with libfdt (the host tests' build of the kernel's
# copy, tests/host/host.mk), and the payload's
# window clean-up (tests/payload/memhp_drain.c, which test_drain.c
# includes) against the manager. Built with the host compiler and
# sanitizers. Included from the top Makefile.

MEMHP_TEST_DIR	:= $(O)/tests/memhp
MEMHP_TEST_CFLAGS := -O2 -g -std=gnu11 -Wall -Wextra -Werror \
		   -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -Iinclude -Itests/memhp -Itests/host -I$(LIBFDT_DIR)
MEMHP_LIB_SRCS	:= $(wildcard lib/memhp/*.c)
MEMHP_TESTS	:= test_plan test_memhp test_memhp_fdt test_drain test_fault

.PHONY: test-memhp
# One harness and one libfdt with the other host tests.
MEMHP_HARNESS	:= tests/host/harness.c tests/host/harness.h $(HT_LIBFDT)

$(MEMHP_TEST_DIR)/%: tests/memhp/%.c $(MEMHP_LIB_SRCS) $(wildcard include/memhp/*.h) \
		     tests/memhp/host_layout.h $(MEMHP_HARNESS)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOSTCC) $(MEMHP_TEST_CFLAGS) -o $@ $< $(MEMHP_LIB_SRCS) \
		tests/host/harness.c $(HT_LIBFDT)

# test_drain.c compiles the payload's clean-up in.
$(MEMHP_TEST_DIR)/test_drain: tests/payload/memhp_drain.c tests/payload/memhp.h

test-memhp: $(addprefix $(MEMHP_TEST_DIR)/,$(MEMHP_TESTS))
	@set -e; for t in $^; do echo "  RUN     $$t"; $$t; done

TEST_TARGETS	+= test-memhp
