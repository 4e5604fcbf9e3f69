package dev.llmos.cli.policytest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.SchemaValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * finds and reads suite files: yaml, turned into json, checked against the suite schema, then each
 * case resolved once (with a stand-in sandbox) so a plan that would not parse is reported before
 * anything runs, with the file, the case and the json pointer of every problem.
 */
public final class SuiteLoader {

    /** the schema the suites are checked against; a copy is committed as policies/tests/suite.schema.json. */
    public static final String SCHEMA_RESOURCE = "suite.schema.json";
    private static final String STAND_IN_SANDBOX = "/tmp/llmos-policy-test-sandbox";

    private final YAMLMapper yaml = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private final SchemaValidator validator = new SchemaValidator(schema());
    private final PlanParser parser;
    private final Function<Path, String> display;

    /** @param display how output names a file (relative to the working directory, say) */
    public SuiteLoader(PlanParser parser, Function<Path, String> display) {
        this.parser = parser;
        this.display = display;
    }

    public static JsonNode schema() {
        try (InputStream in = SuiteLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** every {@code *.yaml} and {@code *.yml} under {@code dir}, sorted by path; dot files skipped. */
    public static List<Path> discover(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().startsWith(".") && !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @throws MalformedSuiteException with the problems of every file, when any has one */
    public List<Suite> load(List<Path> files) {
        List<Suite> suites = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                suites.add(load(file));
            } catch (MalformedSuiteException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedSuiteException(problems);
        }
        return suites;
    }

    public Suite load(Path file) {
        String name = display.apply(file);
        JsonNode doc;
        try {
            doc = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
            throw new MalformedSuiteException(List.of(new SuiteProblem(name, null, "", line, at == null ? 0 : at.getColumnNr(),
                    "not valid yaml: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new MalformedSuiteException(List.of(new SuiteProblem(name, null, "", 0, 0, "cannot read: " + e.getMessage())));
        }
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            throw new MalformedSuiteException(List.of(new SuiteProblem(name, null, "", 0, 0, "empty file: expected cases")));
        }
        List<SuiteProblem> problems = new ArrayList<>();
        for (PlanError error : specific(validator.validate(doc))) {
            problems.add(new SuiteProblem(name, caseName(doc, error.pointer()), error.pointer(), 0, 0, error.message()));
        }
        if (!problems.isEmpty()) {
            throw new MalformedSuiteException(problems);
        }
        List<TestCase> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        JsonNode list = doc.get("cases");
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            TestCase tc = new TestCase(name, c.get("name").asText(), i, c, doc.get("requester"), doc.get("host"));
            Integer first = seen.putIfAbsent(tc.name(), i);
            if (first != null) {
                problems.add(new SuiteProblem(name, tc.name(), tc.pointer() + "/name", 0, 0,
                        "the name is also used by /cases/" + first + "; names must be unique in a file"));
            }
            try {
                tc.resolve(STAND_IN_SANDBOX, parser);
            } catch (MalformedSuiteException e) {
                problems.addAll(e.problems());
            }
            cases.add(tc);
        }
        if (!problems.isEmpty()) {
            throw new MalformedSuiteException(problems);
        }
        return new Suite(file, name, doc.path("suite").asText(null), cases);
    }

    /**
     * a value that may be a string or an object gets a type complaint from the branch it is not, beside
     * the real problem deeper inside; keep the deeper one.
     */
    private static List<PlanError> specific(List<PlanError> errors) {
        return errors.stream()
                .filter(e -> !(e.message().startsWith("expected ") && errors.stream()
                        .anyMatch(o -> o.pointer().startsWith(e.pointer() + "/"))))
                .toList();
    }

    /** the name of the case a pointer points into, when there is one. */
    private static String caseName(JsonNode doc, String pointer) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^/cases/(\\d+)").matcher(pointer);
        if (!m.find()) {
            return null;
        }
        JsonNode name = doc.path("cases").path(Integer.parseInt(m.group(1))).path("name");
        return name.isTextual() ? name.asText() : "#" + (Integer.parseInt(m.group(1)) + 1);
    }
}
