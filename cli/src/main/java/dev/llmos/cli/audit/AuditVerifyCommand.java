package dev.llmos.cli.audit;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.audit.AuditVerifier;
import dev.llmos.engine.audit.SealKey;
import dev.llmos.engine.audit.SyslogAnchor;
import dev.llmos.engine.audit.VerifyReport;
import dev.llmos.engine.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code llmsh audit verify}: checks the hash chain, the seals and the anchored heads, names the
 * first record that was edited, removed, reordered, re-chained or cut off, reports repaired torn
 * tails, and says what the checks could not prove.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "check the audit log's chain, seals and anchors; exit 1 and name the first bad record if it was tampered with")
public final class AuditVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--log", paramLabel = "FILE", description = "the log to check; default: the audit log in use "
            + "(llm-osd's is /var/lib/llm-osd/audit.jsonl)")
    Path log;

    @Option(names = "--verify-key", paramLabel = "FILE", description = "a verification key (LOG.verify-key as written when"
            + " the log began sealing); repeatable; default: those beside the log")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--anchor", paramLabel = "FILE", description = "text holding anchored heads, e.g. an export of"
            + " `journalctl -t llm-os-audit` or of syslog; repeatable; the anchor file beside the log is always read")
    List<Path> anchors = new ArrayList<>();

    @Option(names = "--json", description = "print the report as json")
    boolean json;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Io io = root.context().io();
        Settings settings = Wiring.settings(root);
        Path cwd = root.context().env().cwd();
        Path file = (log == null ? settings.auditLog() : cwd.resolve(log)).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no audit log at " + file);
        }
        AuditLog audit = new AuditLog(file);
        List<Path> keyFiles = new ArrayList<>(keys.stream().map(cwd::resolve).toList());
        boolean keysBeside = keyFiles.isEmpty();
        if (keysBeside) {
            keyFiles.addAll(besideTheLog(audit));
        }
        List<SealKey> sealKeys = new ArrayList<>();
        for (Path k : keyFiles) {
            try {
                sealKeys.add(SealKey.read(k));
            } catch (IOException e) {
                throw new BadInputException("cannot read the verification key " + k + ": " + e.getMessage(), e);
            }
        }
        List<Path> anchorFiles = new ArrayList<>(List.of(file.resolveSibling(file.getFileName() + ".anchor")));
        anchors.stream().map(cwd::resolve).forEach(anchorFiles::add);
        String syslog = SyslogAnchor.system().map(s -> "heads also go to " + s.describe()
                        + "; check against a copy with --anchor FILE (journalctl -t " + SyslogAnchor.TAG + " > FILE)")
                .orElse("nothing listens at /dev/log on this machine, so heads go only to the anchor file beside the log");
        VerifyReport r;
        try {
            r = AuditVerifier.verify(file, new AuditVerifier.Inputs(sealKeys, anchorFiles, syslog));
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>(r.notes());
        if (keysBeside && !sealKeys.isEmpty()) {
            notes.add("keys: the verification key is still on this machine (" + keyFiles.get(0) + "): whoever is root here"
                    + " can re-seal the log; copy it elsewhere, delete it here, and give it with --verify-key");
        }
        if (json) {
            io.out().println(Json.pretty(Json.tree(r)));
            return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        print(io, file, r, notes);
        return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void print(Io io, Path file, VerifyReport r, List<String> notes) {
        if (r.ok()) {
            io.out().println(file + ": ok, " + r.records() + (r.records() == 1 ? " record" : " records") + " chained, "
                    + r.sealed() + " seal(s) checked, " + r.anchoredHeads() + " anchored head(s) agree; last record "
                    + r.lastSeq() + " hash " + r.lastHash().substring(0, 16));
        } else {
            for (VerifyReport.Problem p : r.problems()) {
                io.out().println(file + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.what());
            }
            long first = r.problems().get(0).line();
            io.out().println(first > 0 ? "the log was tampered with or damaged at line " + first + "; records before it verify"
                    : "the log was cut: records the anchor saw are missing from its end");
        }
        for (VerifyReport.Repair repair : r.repairs()) {
            io.out().println("repaired: line " + repair.line() + " records a torn tail of " + repair.bytes()
                    + " bytes moved to " + repair.quarantine());
        }
        if (r.tornTail() > 0) {
            io.out().println("torn tail: " + r.tornTail() + " bytes after the last record (a write cut short);"
                    + " the next record moves them to a quarantine file");
        }
        io.out().println("what this proves and what it cannot:");
        notes.forEach(n -> io.out().println("  - " + n));
    }

    /** LOG.verify-key and any LOG.verify-key.ID a later key chain wrote beside it. */
    private static List<Path> besideTheLog(AuditLog audit) {
        Path first = audit.verifyKeyFile();
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(first.getParent())) {
            return out;
        }
        try (Stream<Path> files = Files.list(first.getParent())) {
            files.filter(p -> p.getFileName().toString().equals(first.getFileName().toString())
                            || p.getFileName().toString().startsWith(first.getFileName() + ".") && !p.toString().endsWith(".tmp"))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            throw new BadInputException("cannot list " + first.getParent() + ": " + e.getMessage(), e);
        }
        return out;
    }
}
