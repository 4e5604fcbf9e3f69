package dev.llmos.rules.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.JsonTrees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * reads the json {@link CatalogJson} wrote back into the same records, by hand from a jackson-core
 * tree: binding records through the mapper cost about 30 ms of a warm start (introspecting seven
 * record types), reading the tree a few. {@code CatalogTreeTest} holds it equal to the mapper's
 * reading. strict like the mapper: an unknown key or a wrong type is an IOException.
 */
final class CatalogTree {

    private CatalogTree() {
    }

    static CatalogJson.Parsed read(byte[] json) throws IOException {
        JsonNode root = JsonTrees.readStrict(new String(json, StandardCharsets.UTF_8));
        keys(root, Set.of("files"));
        List<CatalogJson.Entry> files = new ArrayList<>();
        for (JsonNode f : array(root.get("files"))) {
            keys(f, Set.of("path", "document"));
            files.add(new CatalogJson.Entry(text(f.get("path")), nullOr(f.get("document"), CatalogTree::document)));
        }
        return new CatalogJson.Parsed(files);
    }

    private static CatalogDocument document(JsonNode d) throws IOException {
        keys(d, Set.of("secrets", "persistence", "control", "sockets", "classes", "queries"));
        return new CatalogDocument(map(d.get("secrets"), CatalogTree::pathGroup), map(d.get("persistence"), CatalogTree::pathGroup),
                map(d.get("control"), CatalogTree::pathGroup), map(d.get("sockets"), CatalogTree::socketGroup),
                map(d.get("classes"), CatalogTree::programClass), map(d.get("queries"), CatalogTree::query));
    }

    private static CatalogDocument.PathGroup pathGroup(JsonNode g) throws IOException {
        keys(g, Set.of("description", "paths", "except", "dirs"));
        return new CatalogDocument.PathGroup(text(g.get("description")), texts(g.get("paths")), texts(g.get("except")),
                texts(g.get("dirs")));
    }

    private static CatalogDocument.SocketGroup socketGroup(JsonNode g) throws IOException {
        keys(g, Set.of("description", "paths", "clients"));
        return new CatalogDocument.SocketGroup(text(g.get("description")), texts(g.get("paths")), texts(g.get("clients")));
    }

    private static CatalogDocument.ProgramClass programClass(JsonNode c) throws IOException {
        keys(c, Set.of("description", "programs"));
        return new CatalogDocument.ProgramClass(text(c.get("description")), texts(c.get("programs")));
    }

    private static CatalogDocument.Query query(JsonNode q) throws IOException {
        keys(q, Set.of("description", "subcommands", "second", "operands", "deny-operands", "max-operands", "value-options",
                "deny-options", "deny-short", "require-options"));
        JsonNode max = q.get("max-operands");
        if (max != null && !max.isNull() && !max.isInt()) {
            throw new IOException("max-operands is not a number");
        }
        return new CatalogDocument.Query(text(q.get("description")), texts(q.get("subcommands")), texts(q.get("second")),
                texts(q.get("operands")), texts(q.get("deny-operands")), max == null || max.isNull() ? null : max.intValue(),
                texts(q.get("value-options")), texts(q.get("deny-options")), texts(q.get("deny-short")),
                texts(q.get("require-options")));
    }

    private interface Reader<T> {
        T read(JsonNode node) throws IOException;
    }

    private static <T> T nullOr(JsonNode node, Reader<T> reader) throws IOException {
        return node == null || node.isNull() ? null : reader.read(node);
    }

    /** a map keeps the file's order: the first group that covers a path names it. */
    private static <T> Map<String, T> map(JsonNode node, Reader<T> reader) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IOException("expected an object, got " + node.getNodeType());
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), nullOr(e.getValue(), reader));
        }
        return out;
    }

    private static List<String> texts(JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(node)) {
            out.add(text(n));
        }
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode node) throws IOException {
        if (node == null || !node.isArray()) {
            throw new IOException("expected an array");
        }
        return node;
    }

    private static String text(JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IOException("expected a string, got " + node.getNodeType());
        }
        return node.textValue();
    }

    private static void keys(JsonNode node, Set<String> known) throws IOException {
        if (node == null || !node.isObject()) {
            throw new IOException("expected an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new IOException("unknown key '" + key + "'");
            }
        }
    }
}
