package dev.llmos.engine.policy;

import dev.llmos.engine.spi.Catalog;
import java.util.List;

/**
 * the port policy adapters implement (the rules module does it with drools). an engine is built
 * once and is immutable; reloading means building another one.
 */
public interface PolicyEngine {

    /** what the rules recorded, in firing order. the engine combines them, not the adapter. */
    List<RuleOutput> evaluate(PolicyRequest request);

    /** sha-256 over the policy's files, so audit entries say which policy decided. */
    String digest();

    /** the catalogues shipped beside the rules; empty when the policy has none. */
    default Catalog catalog() {
        return Catalog.EMPTY;
    }
}
