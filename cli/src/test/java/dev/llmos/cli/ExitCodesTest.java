package dev.llmos.cli;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.DaemonErrors;
import dev.llmos.cli.app.DaemonRefusedException;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the readme's exit code table, command by command: 1 when the daemon is missing or refuses, 2 for bad input. */
class ExitCodesTest {

    @TempDir
    Path tmp;

    private Cli.Result run(String line) {
        List<String> args = new ArrayList<>();
        for (String a : line.split(" ")) {
            args.add(a.replace("TMP", tmp.toString()).replace("POLICY", Cli.SHIPPED_POLICY.toString()));
        }
        return Cli.in(tmp).run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status                   | --socket TMP/none.sock status",
            "status --json            | --socket TMP/none.sock status --json",
            "recover                  | --socket TMP/none.sock recover p1",
            "audit tail               | --socket TMP/none.sock audit tail",
            "run                      | --socket TMP/none.sock run POLICY/tests/../../examples/inspect-system.json"})
    void aMissingDaemonIsOne(String why, String line) {
        Cli.Result r = run(line);
        assertEquals(List.of(1, ""), List.of(r.code(), r.out()), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "run: no such plan              | run TMP/none.json                      | llmsh: cannot read plan TMP/none.json: no such file",
            "policy explain: no such plan   | --policy POLICY policy explain TMP/none.json | llmsh: cannot read plan TMP/none.json: no such file",
            "audit tail: a named log        | audit tail --log TMP/none.jsonl        | llmsh: no audit log at TMP/none.jsonl",
            "audit verify: a named log      | audit verify --log TMP/none.jsonl      | llmsh: no audit log at TMP/none.jsonl",
            "policy check: no directory     | policy check TMP/none                  | llmsh: policy directory TMP/none does not exist or is not a directory",
            "a named config that is missing | --config TMP/none.json status          | llmsh: config TMP/none.json does not exist"})
    void badInputIsTwoAndSaysWhat(String why, String line, String error) {
        Cli.Result r = run(line);
        assertEquals(List.of(2, error.replace("TMP", tmp.toString()) + "\n"), List.of(r.code(), r.err()));
    }

    @Test
    void aDaemonThatRefusesTheCallerIsAFailureAndAMalformedRequestIsBadInput() {
        assertEquals(List.of(DaemonRefusedException.class, DaemonRefusedException.class, DaemonRefusedException.class,
                        BadInputException.class, BadInputException.class),
                List.of(DaemonErrors.of(new RpcException(RpcError.PEER_REFUSED, "uid 65534 may not connect")).getClass(),
                        DaemonErrors.of(new RpcException(RpcError.NOT_PERMITTED, "admins only")).getClass(),
                        DaemonErrors.of(new RpcException(RpcError.TOO_MANY_CLIENTS, "full")).getClass(),
                        DaemonErrors.of(new RpcException(RpcError.UNKNOWN_PLAN, "no plan p1")).getClass(),
                        DaemonErrors.of(new RpcException(RpcError.INVALID_PARAMS, "lines must be a number")).getClass()));
    }
}
