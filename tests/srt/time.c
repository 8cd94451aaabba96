/* Time for the S-mode test programs: the timebase from the FDT summary. */
#include "srt.h"

unsigned long us_to_ticks(unsigned long us)
{
	unsigned long tb = fdt.timebase ? fdt.timebase : 10000000;

	return us * (tb / 1000) / 1000 + 1;
}

void delay_us(unsigned long us)
{
	unsigned long end = rdtime() + us_to_ticks(us);

	while (rdtime() < end)
		cpu_relax();
}
