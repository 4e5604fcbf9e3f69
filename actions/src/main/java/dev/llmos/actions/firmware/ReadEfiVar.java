package dev.llmos.actions.firmware;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code read_efi_var} action.
 *
 * @param guid the vendor guid, lowercased, the global one filled in when the plan gave none
 * @param standard whether the guid is the EFI global variables' or the secure boot databases'
 * @param secretLooking whether the name suggests a secret (password, secret, token, key material)
 */
public record ReadEfiVar(String id, int index, String type, String reason, String danger, String name, String guid,
                         boolean standard, boolean secretLooking) implements ActionFact {
}
