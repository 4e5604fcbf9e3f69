package dev.llmos.cli.policytest;

import dev.llmos.engine.policy.Decision;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --junit FILE}: the junit xml ci systems read. one testsuite per suite file, one testcase
 * per case (classname is the file); a failure's message says what differed, its text shows it all.
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static void write(TestRun run, Path file) {
        Map<String, List<CaseResult>> byFile = new LinkedHashMap<>();
        run.results().forEach(r -> byFile.computeIfAbsent(r.testCase().file(), f -> new ArrayList<>()).add(r));
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "llmsh policy test");
            counts(xml, run.results());
            xml.writeCharacters("\n");
            for (Map.Entry<String, List<CaseResult>> suite : byFile.entrySet()) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", suite.getKey());
                counts(xml, suite.getValue());
                xml.writeCharacters("\n");
                for (CaseResult r : suite.getValue()) {
                    testcase(xml, r);
                }
                xml.writeCharacters("  ");
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void counts(XMLStreamWriter xml, List<CaseResult> results) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(results.size()));
        xml.writeAttribute("failures", Long.toString(results.stream().filter(r -> r.status() == CaseResult.Status.FAIL).count()));
        xml.writeAttribute("errors", Long.toString(results.stream().filter(r -> r.status() == CaseResult.Status.ERROR).count()));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", Durations.seconds(results.stream().map(CaseResult::duration).reduce(Duration.ZERO, Duration::plus)));
    }

    private static void testcase(XMLStreamWriter xml, CaseResult r) throws XMLStreamException {
        xml.writeCharacters("    ");
        boolean passed = r.status() == CaseResult.Status.PASS;
        if (passed) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("classname", r.testCase().file());
        xml.writeAttribute("name", r.testCase().name());
        xml.writeAttribute("time", Durations.seconds(r.duration()));
        if (!passed) {
            xml.writeCharacters("\n      ");
            boolean error = r.status() == CaseResult.Status.ERROR;
            xml.writeStartElement(error ? "error" : "failure");
            xml.writeAttribute("type", error ? "PolicyTestError" : "PolicyTestFailure");
            xml.writeAttribute("message", error ? r.error() : message(r));
            xml.writeCharacters(error ? r.error() : detail(r));
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        xml.writeCharacters("\n");
    }

    /** one line per differing action: {@code a1: expected deny by exec.rm-system, got confirm by exec.unknown}. */
    static String message(CaseResult r) {
        List<String> lines = new ArrayList<>();
        for (ActionCheck check : r.actions()) {
            if (!check.passed()) {
                Decision d = check.actual();
                lines.add(check.actionId() + ": expected " + check.expected().decision().wire()
                        + (check.expected().rule() == null ? "" : " by " + check.expected().rule())
                        + ", got " + d.verdict().wire() + " by " + d.rule()
                        + (check.differs().contains("preconditions") ? " (preconditions differ)" : "")
                        + (check.differs().contains("recovery") ? " (recovery differs)" : ""));
            }
        }
        return String.join("; ", lines);
    }

    private static String detail(CaseResult r) {
        StringBuilder sb = new StringBuilder();
        for (ActionCheck check : r.actions()) {
            if (!check.passed()) {
                Decision d = check.actual();
                sb.append(check.actionId()).append(": ").append(check.label()).append('\n')
                        .append("  differs: ").append(String.join(", ", check.differs())).append('\n')
                        .append("  expected: ").append(check.expected().decision().wire())
                        .append(check.expected().rule() == null ? "" : " by " + check.expected().rule()).append('\n')
                        .append("  actual: ").append(d.verdict().wire()).append(" by ").append(d.rule())
                        .append(": ").append(d.reason()).append('\n');
                if (check.differs().contains("preconditions")) {
                    sb.append("  preconditions: expected ").append(check.expected().preconditions())
                            .append(", got ").append(ActionCheck.descriptions(d.preconditions())).append('\n');
                }
                if (check.differs().contains("recovery")) {
                    sb.append("  recovery: expected ").append(check.expected().recovery())
                            .append(", got ").append(d.recovery().stream().map(s -> s.describe()).toList()).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
