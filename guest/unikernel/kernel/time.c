/* TSC timekeeping and the local APIC's one-shot timer, which wakes the halted CPU. */
#include "uk/time.h"
#include "uk/io.h"
#include "uk/irq.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define PIT_HZ 1193182u
#define PIT_CH0_DATA 0x40
#define PIT_CH2_DATA 0x42
#define PIT_CMD 0x43
#define PIT_GATE_PORT 0x61
#define PIT_CH2_OUT 0x20
#define CALIBRATE_MS 10

#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE 0x3E0
#define LAPIC_DIVIDE_16 0x3
#define LVT_MASKED 0x10000
#define LAPIC_CALIBRATE_US 250


static uint64_t tsc_khz;
static uint64_t lapic_per_ms;

static uint64_t khz_from_cmdline(const char *cmdline)
{
    static const char key[] = "tsc_early_khz=";
    for (const char *p = cmdline; (p = strstr(p, key)) != NULL; p++) {
        if (p != cmdline && p[-1] != ' ')
            continue;
        return strtoull(p + sizeof key - 1, NULL, 10);
    }
    return 0;
}

/* Counts TSC ticks while PIT channel 2 counts down CALIBRATE_MS. */
static uint64_t khz_from_pit(void)
{
    uint32_t count = PIT_HZ / (1000 / CALIBRATE_MS);
    outb(PIT_GATE_PORT, (uint8_t)((inb(PIT_GATE_PORT) & ~0x02) | 0x01));
    outb(PIT_CMD, 0xB0); /* channel 2, lobyte/hibyte, mode 0 */
    outb(PIT_CH2_DATA, (uint8_t)count);
    outb(PIT_CH2_DATA, (uint8_t)(count >> 8));
    uint64_t t0 = rdtsc();
    while (!(inb(PIT_GATE_PORT) & PIT_CH2_OUT))
        ;
    return (rdtsc() - t0) / CALIBRATE_MS;
}

/*
 * The firmware leaves PIT channel 0 interrupting at 18.2 Hz; its line is masked, but QEMU
 * still runs the emulated timer on every period. One shot (mode 0) stops it.
 */
static void pit_stop(void)
{
    outb(PIT_CMD, 0x30); /* channel 0, lobyte/hibyte, mode 0 */
    outb(PIT_CH0_DATA, 0xFF);
    outb(PIT_CH0_DATA, 0xFF);
}

void uk_time_init(const char *cmdline)
{
    pit_stop();
    tsc_khz = khz_from_cmdline(cmdline);
    if (tsc_khz == 0)
        tsc_khz = khz_from_pit();
}

uint64_t uk_tsc_khz(void) { return tsc_khz; }

uint64_t uk_us_since(uint64_t tsc) { return (rdtsc() - tsc) * 1000 / tsc_khz; }

uint64_t uk_now_us(void) { return uk_us_since(uk_boot_tsc); }

uint32_t uk_now_ms(void) { return (uint32_t)((rdtsc() - uk_boot_tsc) / tsc_khz); }

void uk_timer_init(void)
{
    mmio_write32(uk_lapic_base + LAPIC_TIMER_DIVIDE, LAPIC_DIVIDE_16);
    mmio_write32(uk_lapic_base + LAPIC_LVT_TIMER, LVT_MASKED | UK_TIMER_VECTOR);
    mmio_write32(uk_lapic_base + LAPIC_TIMER_INITIAL, 0xFFFFFFFFu);
    uint64_t t0 = rdtsc(), span = tsc_khz * LAPIC_CALIBRATE_US / 1000;
    while (rdtsc() - t0 < span)
        ;
    uint32_t elapsed = 0xFFFFFFFFu - mmio_read32(uk_lapic_base + LAPIC_TIMER_CURRENT);
    mmio_write32(uk_lapic_base + LAPIC_TIMER_INITIAL, 0);
    lapic_per_ms = (uint64_t)elapsed * 1000 / LAPIC_CALIBRATE_US;
    if (lapic_per_ms == 0)
        lapic_per_ms = 1;
}

void uk_timer_oneshot_ms(uint32_t ms)
{
    uint64_t count = ms * lapic_per_ms;
    if (count > 0xFFFFFFFFu)
        count = 0xFFFFFFFFu;
    mmio_write32(uk_lapic_base + LAPIC_LVT_TIMER, UK_TIMER_VECTOR);
    mmio_write32(uk_lapic_base + LAPIC_TIMER_INITIAL, (uint32_t)count);
}

/* Waking the CPU from hlt is all it has to do: the main loop runs the expired timeouts. */
void uk_timer_interrupt(void) {}
