package dev.llmos.actions.firmware;

/**
 * a {@code read_efi_var} action's own fields.
 *
 * @param name the variable's name ("BootOrder")
 * @param guid its vendor guid; null for the EFI global variables' guid
 * @param encoding hex or base64 for the value; null for hex
 */
public record ReadEfiVarParams(String name, String guid, String encoding) {
}
