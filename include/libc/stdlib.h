/* SPDX-License-Identifier: BSD-2-Clause */
/* <stdlib.h> for libfdt, served by the firmware's own routines. */
#include <sbi/sbi_string.h>
