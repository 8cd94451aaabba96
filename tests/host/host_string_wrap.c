// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_string.c built for the host with every routine renamed
 * sbi_test_<name> (see host_string.h). Compiled with -fno-builtin so the
 * compiler neither inlines nor substitutes the C library's versions.
 */
#define HOST_STRING_KEEP_NAMES
#include "host_string.h"
#include "../../lib/sbi/sbi_string.c"
