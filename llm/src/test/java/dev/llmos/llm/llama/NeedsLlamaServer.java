package dev.llmos.llm.llama;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** a test class that runs only where the real llama-server starts; elsewhere it is skipped, saying why. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsLlamaServer.Condition.class)
@interface NeedsLlamaServer {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return LlamaServer.unavailable().map(why -> ConditionEvaluationResult.disabled("skipped: " + why))
                    .orElseGet(() -> ConditionEvaluationResult.enabled("llama-server runs"));
        }
    }
}
