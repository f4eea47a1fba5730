/* The power button: QEMU's system_powerdown (QMP) raises an ACPI SCI we turn into a request. */
#ifndef UK_ACPI_H
#define UK_ACPI_H

void uk_acpi_init(void);
int uk_acpi_shutdown_requested(void);

#endif
