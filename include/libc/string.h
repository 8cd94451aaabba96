/* SPDX-License-Identifier: BSD-2-Clause */
/* <string.h> for libfdt, served by the firmware's own routines. */
#include <sbi/sbi_string.h>
