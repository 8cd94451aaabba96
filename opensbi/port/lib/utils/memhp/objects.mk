#
# SPDX-License-Identifier: BSD-2-Clause
#

libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/memhp.o
libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/memhp_fdt.o
libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/memhp_plan.o
libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/memhp_fault.o
libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/memhp_runs.o
libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/memhp_sbi.o
libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/fdt_memhp.o
libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/fdt_memhp_tree.o
libsbiutils-objs-$(CONFIG_FDT_MEMHP) += memhp/fdt_memhp_fault.o
