package dev.llmos.actions.firmware;

/**
 * a {@code list_efi_vars} action's own fields.
 *
 * @param guid only the variables of this vendor guid; null for all
 */
public record ListEfiVarsParams(String guid) {
}
