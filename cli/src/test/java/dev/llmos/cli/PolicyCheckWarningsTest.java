package dev.llmos.cli;

import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code llmsh policy check} shows every warning of the rules module's check, with the registry's facts. */
class PolicyCheckWarningsTest {

    @TempDir
    Path tmp;

    @Test
    void warnsAboutDuplicateIdsUnknownFactsAndActionTypesAndRulesThatRecordNothing() {
        Path policy = tmp.resolve("policy");
        TinyPolicy.write(policy, "a.drl", """
                package site;
                import dev.llmos.actions.exec.Exec;
                import dev.llmos.engine.host.PathFacts;
                global dev.llmos.rules.PolicyActions policy;

                rule "ls runs" @id("site.ls") @justification("ls only reads")
                when $a : Exec(program == "ls") then policy.allow($a, "reads"); end

                rule "paths" @id("site.paths") @justification("etc is special")
                when PathFacts(topDir == "/etc") $a : Exec() then policy.confirm($a, "etc"); end

                rule "forgetful" @id("site.forgetful") @justification("meant to allow cat")
                when $a : Exec(program == "cat") then end
                """);
        TinyPolicy.write(policy, "b.drl", """
                package site;
                import dev.llmos.actions.exec.Exec;
                global dev.llmos.rules.PolicyActions policy;

                rule "ls again" @id("site.ls") @justification("ls only reads")
                when $a : Exec(program == "ls", type == "reboot_host") then policy.allow($a, "reads"); end
                """);
        Cli.Result r = Cli.in(tmp).run("policy", "check", policy.toString());
        ActionRegistry registry = ActionRegistry.discover();
        List<String> facts = new ArrayList<>(List.of("PlanFact (the plan)", "Requester (the requester)", "HostFacts (the host)",
                "PolicyCatalog (the catalogues)"));
        for (ActionSpec<?> spec : registry.specs()) {
            facts.add(spec.factType().getSimpleName() + " (" + spec.type() + ")");
        }
        assertEquals(List.of(0, List.of(
                "a.drl:9: warning: rule \"paths\" matches PathFacts, which policy never inserts, so the rule never fires;"
                        + " facts are " + String.join(", ", facts),
                "a.drl:12: warning: rule \"forgetful\" records nothing: its then block calls none of"
                        + " policy.allow/confirm/deny (nor a precondition, recovery step or scope grant)",
                "b.drl:5: warning: rule id \"site.ls\" is also used at a.drl:6; decisions would not say which of the two rules decided",
                "b.drl:6: warning: rule \"ls again\" names action type \"reboot_host\", which no action has (known: "
                        + String.join(", ", registry.types()) + ")")),
                List.of(r.code(), r.err().lines().toList()));
    }

    /** the loader logs its own warnings too; check must not print them a second time. */
    @Test
    void eachWarningIsPrintedOnce() {
        Path policy = tmp.resolve("policy");
        TinyPolicy.write(policy, "etc.drl", """
                package site;
                import dev.llmos.actions.files.ReadFile;
                global dev.llmos.rules.PolicyActions policy;

                rule "etc" @id("site.etc") @justification("etc is readable")
                when $a : ReadFile(path str[startsWith] "/etc/") then policy.allow($a, "etc"); end
                """);
        Cli.Result r = Cli.in(tmp).run("policy", "check", policy.toString());
        assertEquals(List.of("etc.drl:6: warning: 'str[...]' hits a drools 10.2 bug (NoSuchMethodError once the constraint"
                + " is jit-compiled), so this policy runs with constraint jitting off, which is slower;"
                + " write path != null, path.startsWith(\"/etc/\") instead"), r.err().lines().toList());
    }
}
