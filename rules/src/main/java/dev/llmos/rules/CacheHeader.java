package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyProblem;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * what a policy cache file says about itself, ahead of the serialized packages.
 *
 * @param classes fact and global class name -> sha-256 of its class file
 * @param rules the rule list, so a cached policy needs no source parsing
 * @param warnings the compiler's warnings from the original build
 */
record CacheHeader(String magic, int format, String drools, String java, String digest, boolean jitDisabled,
                   TreeMap<String, String> classes, List<RuleInfo> rules, List<PolicyProblem> warnings,
                   String payloadSha256, int payloadLength) {

    void write(DataOutputStream out) throws IOException {
        string(out, magic);
        out.writeInt(format);
        string(out, drools);
        string(out, java);
        string(out, digest);
        out.writeBoolean(jitDisabled);
        out.writeInt(classes.size());
        for (Map.Entry<String, String> e : classes.entrySet()) {
            string(out, e.getKey());
            string(out, e.getValue());
        }
        out.writeInt(rules.size());
        for (RuleInfo r : rules) {
            string(out, r.id());
            string(out, r.name());
            string(out, r.packageName());
            string(out, r.file());
            out.writeInt(r.line());
            string(out, r.justification());
        }
        out.writeInt(warnings.size());
        for (PolicyProblem p : warnings) {
            string(out, p.file());
            out.writeInt(p.line());
            out.writeInt(p.column());
            string(out, p.message());
        }
        string(out, payloadSha256);
        out.writeInt(payloadLength);
    }

    /** reads a header, refusing anything that is not one of ours in this format. */
    static CacheHeader read(DataInputStream in, String magic, int format, int maxString) throws IOException {
        Reader r = new Reader(in, maxString);
        String gotMagic = r.string();
        if (!magic.equals(gotMagic)) {
            throw new IOException("not a policy cache file");
        }
        int gotFormat = in.readInt();
        if (gotFormat != format) {
            throw new IOException("cache format " + gotFormat + ", expected " + format);
        }
        String drools = r.string();
        String java = r.string();
        String digest = r.string();
        boolean jitDisabled = in.readBoolean();
        TreeMap<String, String> classes = new TreeMap<>();
        for (int i = r.count(); i > 0; i--) {
            classes.put(r.string(), r.string());
        }
        List<RuleInfo> rules = new ArrayList<>();
        for (int i = r.count(); i > 0; i--) {
            rules.add(new RuleInfo(r.string(), r.string(), r.string(), r.string(), in.readInt(), r.nullableString()));
        }
        List<PolicyProblem> warnings = new ArrayList<>();
        for (int i = r.count(); i > 0; i--) {
            warnings.add(new PolicyProblem(r.string(), in.readInt(), in.readInt(), r.string(), false));
        }
        String payloadSha256 = r.string();
        int payloadLength = r.count();
        return new CacheHeader(gotMagic, gotFormat, drools, java, digest, jitDisabled, classes, List.copyOf(rules),
                List.copyOf(warnings), payloadSha256, payloadLength);
    }

    /** -1 stands for null. */
    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** bounds every length, so a damaged file fails to parse instead of allocating gigabytes. */
    private record Reader(DataInputStream in, int maxString) {

        String string() throws IOException {
            String s = nullableString();
            if (s == null) {
                throw new IOException("unexpected null in cache header");
            }
            return s;
        }

        String nullableString() throws IOException {
            int length = in.readInt();
            if (length == -1) {
                return null;
            }
            if (length < 0 || length > maxString) {
                throw new IOException("bad string length " + length + " in cache header");
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException("cache header ends early");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        int count() throws IOException {
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("bad count " + n + " in cache header");
            }
            return n;
        }
    }
}
