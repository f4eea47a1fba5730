/* Time from the TSC; one-shot wake-ups from the local APIC timer. */
#ifndef UK_TIME_H
#define UK_TIME_H

#include <stdint.h>

/* tsc_early_khz= from the command line, else a calibration on PIT channel 2. */
void uk_time_init(const char *cmdline);
uint64_t uk_tsc_khz(void);
uint64_t uk_now_us(void);
uint32_t uk_now_ms(void);
/* Microseconds since the PVH entry. */
uint64_t uk_us_since(uint64_t tsc);

/* Local APIC timer, one shot: an interrupt in ms milliseconds; 0 cancels. */
void uk_timer_init(void);
void uk_timer_oneshot_ms(uint32_t ms);

#endif
