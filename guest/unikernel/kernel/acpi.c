/*
 * The PIIX4 power-management block of QEMU's -M pc (hw/acpi/piix4.c, hw/acpi/core.c): the
 * power button event (QMP system_powerdown) arrives as SCI on IRQ 9; S5 powers QEMU off,
 * which then exits with status 0.
 */
#include "uk/acpi.h"
#include "uk/exit.h"
#include "uk/io.h"
#include "uk/irq.h"
#include "uk/pci.h"
#include "uk/time.h"

#define PIIX4_PM_VENDOR 0x8086
#define PIIX4_PM_DEVICE 0x7113
#define PIIX4_PMBA 0x40
#define PIIX4_PMREGMISC 0x80
#define PIIX4_PMIOSE 0x01
#define PM_BASE_DEFAULT 0x600   /* where QEMU's firmware puts it */
#define SCI_IRQ 9               /* hw/i386/pc_piix.c wires the SCI to GSI 9 */
#define PM1_STS 0
#define PM1_EN 2
#define PM1_CNT 4
#define PM1_PWRBTN 0x0100       /* status and enable bit of the power button */
#define PM1_CNT_SCI_EN 0x0001
#define PM1_CNT_SLP_TYP_MASK (7u << 10)
#define PM1_CNT_SLP_EN (1u << 13) /* with SLP_TYP 0: S5 in QEMU's DSDT */
#define POWEROFF_WAIT_MS 2000

static uint16_t pm_base;
static volatile int shutdown_requested;

static void sci(void *arg)
{
    (void)arg;
    uint16_t sts = inw((uint16_t)(pm_base + PM1_STS));
    if (sts & PM1_PWRBTN) {
        outw((uint16_t)(pm_base + PM1_STS), PM1_PWRBTN); /* write 1 to clear */
        shutdown_requested = 1;
    }
}

void uk_acpi_init(void)
{
    struct uk_pci_dev pm;
    if (uk_pci_find(PIIX4_PM_VENDOR, PIIX4_PM_DEVICE, &pm) != 0)
        return; /* no ACPI: only the debug exit ends this guest */
    pm_base = (uint16_t)(uk_pci_read32(&pm, PIIX4_PMBA) & 0xFFC0u);
    if (pm_base == 0) {
        pm_base = PM_BASE_DEFAULT;
        uk_pci_write32(&pm, PIIX4_PMBA, PM_BASE_DEFAULT | 1u);
    }
    uk_pci_write8(&pm, PIIX4_PMREGMISC, uk_pci_read8(&pm, PIIX4_PMREGMISC) | PIIX4_PMIOSE);
    outw((uint16_t)(pm_base + PM1_STS), PM1_PWRBTN);
    outw((uint16_t)(pm_base + PM1_CNT), inw((uint16_t)(pm_base + PM1_CNT)) | PM1_CNT_SCI_EN);
    outw((uint16_t)(pm_base + PM1_EN), PM1_PWRBTN);
    uk_irq_attach(SCI_IRQ, sci, 0);
}

int uk_acpi_shutdown_requested(void) { return shutdown_requested; }

void uk_poweroff(void)
{
    if (pm_base != 0) {
        uint16_t cnt = inw((uint16_t)(pm_base + PM1_CNT)) & (uint16_t)~PM1_CNT_SLP_TYP_MASK;
        outw((uint16_t)(pm_base + PM1_CNT), (uint16_t)(cnt | PM1_CNT_SLP_EN));
        /* QEMU's main loop carries out the request a moment later; the debug exit, which acts at
         * once, would win the race and turn status 0 into 1. */
        uint64_t t0 = rdtsc(), wait = uk_tsc_khz() * POWEROFF_WAIT_MS;
        while (rdtsc() - t0 < wait)
            __asm__ volatile("pause");
    }
    uk_exit(0); /* no ACPI, or it did not power off: QEMU's status is then 1 */
}
