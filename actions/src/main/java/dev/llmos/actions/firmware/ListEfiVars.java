package dev.llmos.actions.firmware;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code list_efi_vars} action.
 *
 * @param guid the vendor guid it lists, lowercased; null for all
 */
public record ListEfiVars(String id, int index, String type, String reason, String danger, String guid)
        implements ActionFact {
}
