/*
 * HotSBI bench payload: goldfish RTC on QEMU virt, used only as a
 * QEMU_CLOCK_VIRTUAL timer (with -rtc clock=vm) to make the round-robin vCPU
 * scheduler switch harts (see rtc_ticker in loops.S); its interrupt stays off.
 */
#ifndef BENCH_RTC_H
#define BENCH_RTC_H

#define RTC_BASE	0x101000
#define RTC_TIME_LOW	0x00
#define RTC_TIME_HIGH	0x04
#define RTC_ALARM_LOW	0x08
#define RTC_ALARM_HIGH	0x0c

/* instructions (ns at -icount shift=0) the fence sender may run per turn */
#define RTC_SLICE_START	1024
#define RTC_SLICE_MIN	32
#define RTC_SLICE_MAX	65536

#endif
