package dev.llmos.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * the dependency table of the architecture document, enforced on the main classes of every module
 * (cli's test class path holds them all).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the llm module's test jar (its fake openai server) is on this module's test class path
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.llmos");
    }

    @Test
    void everyModuleIsImported() {
        assertEquals(Set.of("actions", "cli", "daemon", "engine", "llm", "rules"),
                classes.stream().map(c -> c.getPackageName().split("\\.")[2]).collect(Collectors.toSet()));
    }

    @Test
    void engineImportsNoAdapterLibraryAndNoOtherModule() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.llmos.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.drools..", "org.kie..", "dev.langchain4j..", "com.sun.jna..", "picocli..",
                        "dev.llmos.rules..", "dev.llmos.actions..", "dev.llmos.llm..", "dev.llmos.daemon..",
                        "dev.llmos.cli..");
        rule.check(classes);
    }

    @Test
    void engineOpensNoSocket() {
        // sockets and peer credentials are the daemon's; the core only plans, decides, runs and audits
        noClasses().that().resideInAPackage("dev.llmos.engine..")
                .should().dependOnClassesThat().resideInAPackage("jdk.net..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.UnixDomainSocketAddress")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.SocketChannel")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.ServerSocketChannel")
                .check(classes);
    }

    @Test
    void daemonImportsOnlyTheEngineAndJna() {
        noClasses().that().resideInAPackage("dev.llmos.daemon..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.drools..", "org.kie..", "dev.langchain4j..", "picocli..",
                        "dev.llmos.rules..", "dev.llmos.actions..", "dev.llmos.llm..", "dev.llmos.cli..")
                .check(classes);
    }

    @Test
    void rulesImportsNoOtherAdapterNorTheCli() {
        noClasses().that().resideInAPackage("dev.llmos.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.llmos.actions..", "dev.llmos.llm..", "dev.llmos.daemon..", "dev.llmos.cli..")
                .check(classes);
    }

    @Test
    void actionsImportsNoOtherAdapterNorTheCli() {
        noClasses().that().resideInAPackage("dev.llmos.actions..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.llmos.rules..", "dev.llmos.llm..", "dev.llmos.daemon..", "dev.llmos.cli..")
                .check(classes);
    }

    @Test
    void llmImportsNoOtherAdapterNorTheCli() {
        noClasses().that().resideInAPackage("dev.llmos.llm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.llmos.rules..", "dev.llmos.actions..", "dev.llmos.daemon..", "dev.llmos.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCliWritesToStandardOutOrErr() {
        noClasses().that().resideOutsideOfPackage("dev.llmos.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(classes);
    }

    @Test
    void onlyLlmshMcpUsesTheMcpSdk() {
        // every other command stays free of it, so none of them loads it (docs/decisions/0017)
        noClasses().that().resideOutsideOfPackage("dev.llmos.cli.mcp..")
                .should().dependOnClassesThat().resideInAPackage("io.modelcontextprotocol..")
                .check(classes);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("dev.llmos.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.llmos.(**)").should().beFreeOfCycles()
                .check(classes);
    }
}
