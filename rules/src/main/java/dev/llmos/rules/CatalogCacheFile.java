package dev.llmos.rules;

import dev.llmos.rules.catalog.CatalogLoader;
import dev.llmos.rules.catalog.PolicyCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * a policy's catalogues, parsed, on disk beside its compiled rules: json instead of yaml on a warm
 * start (decision 0028). named by the digest of the catalogue files, so a changed yaml file is a miss;
 * trusted under the same conditions as the compiled rules ({@link CacheFile}): ours and not writable
 * by others, our magic and format, the digest and the hashes of the record classes the json is bound
 * to in the header, and a payload matching its checksum. anything else is ignored and rewritten.
 */
final class CatalogCacheFile {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCacheFile.class);
    private static final String MAGIC = "llm-os parsed catalogue";
    private static final int FORMAT = 1;
    private static final int MAX_STRING = 4096;
    private static final long MAX_FILE = 16L << 20;
    static final String SUFFIX = ".catalog";

    private CatalogCacheFile() {
    }

    /** the catalogue files' digest, framed as the policy digest is (lengths make it unambiguous). */
    static String digest(List<CatalogLoader.CatalogFile> files) {
        StringBuilder in = new StringBuilder();
        for (CatalogLoader.CatalogFile f : files) {
            in.append(f.path().length()).append(':').append(f.path()).append('\n')
                    .append(f.text().length()).append(':').append(f.text()).append('\n');
        }
        return Sha256.hex(in.toString());
    }

    static Path path(Path dir, String digest) {
        return dir.resolve(digest + SUFFIX);
    }

    static void write(Path dir, String digest, byte[] json, ClassLoader classLoader) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(dir, ".tmp-", SUFFIX);
            try {
                try (OutputStream file = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(file)) {
                    string(out, MAGIC);
                    out.writeInt(FORMAT);
                    string(out, digest);
                    Map<String, String> classes = CacheFile.classHashes(new java.util.TreeSet<>(CatalogLoader.boundClasses()), classLoader);
                    out.writeInt(classes.size());
                    for (Map.Entry<String, String> e : classes.entrySet()) {
                        string(out, e.getKey());
                        string(out, e.getValue());
                    }
                    string(out, Sha256.hex(json));
                    out.writeInt(json.length);
                    out.write(json);
                }
                Files.move(tmp, path(dir, digest), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            CacheFile.prune(dir, SUFFIX);
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs the next start a yaml parse
            LOG.warn("cannot write the parsed catalogue in {}: {}", dir, e.toString());
        }
    }

    /** the catalogue of exactly these files from the cache, or empty when there is none to trust. */
    static Optional<PolicyCatalog> read(Path dir, String digest, List<CatalogLoader.CatalogFile> files, ClassLoader classLoader) {
        Path file = path(dir, digest);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String untrusted = CacheFile.untrusted(file);
            if (untrusted != null) {
                return ignore(file, untrusted);
            }
            if (Files.size(file) > MAX_FILE) {
                return ignore(file, "larger than " + MAX_FILE + " bytes");
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)));
            if (!MAGIC.equals(string(in)) || in.readInt() != FORMAT) {
                return ignore(file, "not a parsed catalogue in format " + FORMAT);
            }
            String got = string(in);
            if (!digest.equals(got)) {
                return ignore(file, "parsed from catalogues " + got + ", not " + digest);
            }
            TreeMap<String, String> classes = new TreeMap<>();
            for (int n = count(in); n > 0; n--) {
                classes.put(string(in), string(in));
            }
            if (!classes.keySet().equals(new java.util.TreeSet<>(CatalogLoader.boundClasses()))
                    || !classes.equals(CacheFile.classHashes(classes.keySet(), classLoader))) {
                return ignore(file, "the catalogue's record classes changed since it was written");
            }
            String sha = string(in);
            byte[] json = in.readNBytes(count(in));
            if (!Sha256.hex(json).equals(sha) || in.read() != -1) {
                return ignore(file, "payload does not match its checksum");
            }
            return Optional.of(CatalogLoader.fromJson(files, json));
        } catch (IOException | RuntimeException e) {
            // a policy error here means the json is not what the yaml gives: the yaml path says what is wrong
            return ignore(file, e.toString());
        }
    }

    private static Optional<PolicyCatalog> ignore(Path file, String why) {
        LOG.info("ignoring parsed catalogue {}: {}", file, why);
        return Optional.empty();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** bounded, so a damaged file fails to parse instead of allocating gigabytes. */
    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("bad string length " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("the file ends early");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_FILE) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
