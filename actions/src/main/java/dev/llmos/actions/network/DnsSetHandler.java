package dev.llmos.actions.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.files.WriteFileHandler;
import dev.llmos.actions.files.WriteFileParams;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dns_set}: the name servers in resolv.conf, written by write_file's own atomic, backed-up
 * write, so undo restores the previous file. where systemd-resolved owns resolv.conf (its stub)
 * the handler writes nothing and says how to change resolved instead.
 */
@AutoService(ActionHandler.class)
public final class DnsSetHandler implements ActionHandler<DnsSetParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(DnsSetHandler.class, "dns_set.schema.json");
    private static final ActionSpec<DnsSetParams> SPEC = new ActionSpec<>("dns_set",
            "set the dns name servers (and search domains) in /etc/resolv.conf, atomically, with a backup (undoable)",
            DnsSetParams.class, SCHEMA, DnsSet.class, Effect.MUTATING, true, true);

    private final Path resolvConf;
    private final WriteFileHandler files = new WriteFileHandler();

    public DnsSetHandler() {
        this(Path.of("/etc/resolv.conf"));
    }

    /** {@code resolvConf} is a seam: tests write a network namespace's own (/etc/netns/NAME/resolv.conf). */
    DnsSetHandler(Path resolvConf) {
        this.resolvConf = resolvConf;
    }

    @Override
    public ActionSpec<DnsSetParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, DnsSetParams params, FactContext context) {
        PathFacts p = context.path(resolvConf.toString());
        List<String> current;
        try {
            current = ResolvConf.servers(ResolvConf.read(resolvConf));
        } catch (IOException e) {
            current = List.of();
        }
        return new DnsSet(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(), params.servers(),
                params.search(), p.path(), p.realPath(), managedBy(p.realPath()), current);
    }

    @Override
    public List<String> writes(DnsSetParams params) {
        return List.of(resolvConf.toString());
    }

    @Override
    public Preview preview(DnsSetParams params, ExecContext context) {
        String refused = refused(params);
        if (refused != null) {
            return Preview.of("would fail: " + refused);
        }
        try {
            return files.preview(write(params), context);
        } catch (IOException e) {
            return Preview.of("cannot preview: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(DnsSetParams params, ExecContext context) {
        String refused = refused(params);
        if (refused != null) {
            return ActionOutcome.failure(refused);
        }
        try {
            return files.execute(write(params), context);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot read " + resolvConf + ": " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome undo(DnsSetParams params, JsonNode undo, ExecContext context) {
        return files.undo(new WriteFileParams(resolvConf.toString(), "", null), undo, context);
    }

    private WriteFileParams write(DnsSetParams params) throws IOException {
        String content = ResolvConf.rewrite(ResolvConf.read(resolvConf), params.servers(), params.search());
        return new WriteFileParams(resolvConf.toString(), content, null);
    }

    private String refused(DnsSetParams params) {
        String invalid = params.invalid();
        if (invalid != null) {
            return invalid;
        }
        String real;
        try {
            real = resolvConf.toRealPath().toString();
        } catch (IOException e) {
            real = resolvConf.toString();
        }
        if (managedBy(real).equals("systemd-resolved")) {
            return resolvConf + " is systemd-resolved's stub (" + real + "): set servers with resolvectl dns LINK ... or in resolved.conf";
        }
        return null;
    }

    static String managedBy(String realPath) {
        return realPath != null && realPath.startsWith("/run/systemd/resolve/") ? "systemd-resolved" : "file";
    }
}
