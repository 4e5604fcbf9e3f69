package dev.llmos.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.DaemonErrors;
import dev.llmos.cli.app.DaemonUnreachableException;
import dev.llmos.cli.app.Daemons;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.json.Json;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.RpcException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code llmsh audit tail}: the newest entries, one readable line each (from llm-osd, or a log file). */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "show the newest audit entries readably")
public final class AuditTailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "how many entries (default 20)")
    int lines = 20;

    @Option(names = "--log", paramLabel = "FILE", description = "read this file instead of asking llm-osd")
    Path log;

    @Option(names = "--json", description = "print the entries as json lines")
    boolean json;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Io io = root.context().io();
        Settings settings = Wiring.settings(root);
        ArrayNode entries = Json.mapper().createArrayNode();
        Optional<Daemons.Connected> daemon = log == null ? Daemons.connect(root, settings, io.err()) : Optional.empty();
        if (daemon.isPresent()) {
            try (DaemonClient client = daemon.get().client()) {
                client.call("audit.tail", Json.mapper().createObjectNode().put("lines", lines)).path("entries").forEach(entries::add);
            } catch (IOException e) {
                throw new DaemonUnreachableException("llm-osd at " + daemon.get().socket() + " stopped answering: " + e.getMessage());
            } catch (RpcException e) {
                throw DaemonErrors.of(e);
            }
        } else {
            Path file = log == null ? settings.auditLog() : root.context().env().cwd().resolve(log);
            if (log != null && !Files.exists(file)) {
                // a log that was named must be there; the default one is simply empty until something ran
                throw new BadInputException("no audit log at " + file);
            }
            List<String> all;
            try {
                all = Files.exists(file) ? new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).lines().toList() : List.of();
            } catch (IOException e) {
                throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
            }
            for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
                try {
                    entries.add(Json.mapper().readTree(line));
                } catch (IOException damaged) {
                    entries.add(Json.mapper().createObjectNode().put("type", "(damaged line: run llmsh audit verify)"));
                }
            }
        }
        for (JsonNode e : entries) {
            io.out().println(json ? Json.write(e) : line(e));
        }
        return ExitCodes.OK;
    }

    static String line(JsonNode e) {
        return AuditLines.line(e);
    }
}
