/**
 * read_dmi, list_efi_vars, read_efi_var and list_firmware_devices: what the firmware says about the
 * machine, read only. a source this host lacks (no SMBIOS tables, booted without UEFI, no fwupd) is
 * not a failure: the action succeeds with {@code "available": false} and the reason, so a plan can
 * go on and the planner learns the host has none.
 */
package dev.llmos.actions.firmware;
