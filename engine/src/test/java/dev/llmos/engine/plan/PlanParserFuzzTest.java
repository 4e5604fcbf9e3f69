package dev.llmos.engine.plan;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanValidationException;
import dev.llmos.engine.testkit.NoteHandler;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * the plan parser under arbitrary text: a plan or a PlanValidationException listing at least one
 * error, never another exception. the committed inputs run in every build; JAZZER_FUZZ=1 fuzzes.
 */
class PlanParserFuzzTest {

    private static final PlanParser PARSER = new PlanParser(ActionRegistry.of(List.of(new NoteHandler())));

    @FuzzTest(maxDuration = "60s")
    void everyPlanIsParsedOrRefusedWithErrors(byte[] input) {
        // bytes, not text: invalid utf-8 must be refused, not replaced
        try {
            Plan plan = PARSER.parse(input);
            assertNotNull(plan.digest());
        } catch (PlanValidationException e) {
            assertFalse(e.errors().isEmpty(), "an invalid plan says why");
        }
    }
}
