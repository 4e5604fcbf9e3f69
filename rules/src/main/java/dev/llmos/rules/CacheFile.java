package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyProblem;
import org.drools.base.base.ClassObjectType;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.util.Drools;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * one compiled policy on disk: a header that says exactly what it was built from (policy digest,
 * drools and java versions, a hash of every fact class the rules use) and the kie packages as drools
 * serializes them. kie bases themselves are not serializable in drools 10, but packages are, and a
 * kie base made from them skips the drl and java compilers. anything that does not match is ignored,
 * and the caller rebuilds and overwrites it.
 */
final class CacheFile {

    private static final Logger LOG = LoggerFactory.getLogger(CacheFile.class);
    private static final String MAGIC = "llm-os compiled policy";
    private static final int FORMAT = 1;
    private static final int MAX_STRING = 1 << 20;
    private static final long MAX_FILE = 256L << 20;
    static final int KEPT_ENTRIES = 8;

    private CacheFile() {
    }

    static Path path(Path dir, String digest) {
        return dir.resolve(digest + ".kbase");
    }

    static void write(Path dir, CompiledPolicy compiled, ClassLoader classLoader) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(payload)) {
                out.writeObject(new ArrayList<>(compiled.packages()));
            }
            byte[] bytes = payload.toByteArray();
            Path tmp = Files.createTempFile(dir, ".tmp-", ".kbase");
            try {
                try (OutputStream file = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(file)) {
                    new CacheHeader(MAGIC, FORMAT, Drools.getFullVersion(), javaVersion(), compiled.digest(), compiled.jitDisabled(),
                            classHashes(classNames(compiled), classLoader), compiled.rules(), compiled.warnings(),
                            Sha256.hex(bytes), bytes.length).write(out);
                    out.write(bytes);
                }
                Files.move(tmp, path(dir, compiled.digest()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            prune(dir, ".kbase");
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs the next start a compile
            LOG.warn("cannot write policy cache in {}: {}", dir, e.toString());
        }
    }

    /** every policy edit leaves an entry behind: keep the newest few, and no temp file a crash left. */
    static void prune(Path dir, String suffix) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(CacheFile::modified).reversed())
                    .toList();
        }
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        int kept = 0;
        for (Path p : entries) {
            boolean temp = p.getFileName().toString().startsWith(".tmp-");
            if (temp ? modified(p) < hourAgo : ++kept > KEPT_ENTRIES) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    static Optional<CompiledPolicy> read(Path dir, PolicySources sources, ClassLoader classLoader, boolean jitDisabled) {
        Path file = path(dir, sources.digest());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String untrusted = untrusted(file);
            if (untrusted != null) {
                return ignore(file, untrusted);
            }
            if (Files.size(file) > MAX_FILE) {
                return ignore(file, "larger than " + MAX_FILE + " bytes");
            }
            byte[] all = Files.readAllBytes(file);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
            CacheHeader header = CacheHeader.read(in, MAGIC, FORMAT, MAX_STRING);
            String stale = mismatch(header, sources.digest(), jitDisabled, classLoader);
            if (stale != null) {
                return ignore(file, stale);
            }
            byte[] payload = in.readNBytes(header.payloadLength());
            if (payload.length != header.payloadLength() || !Sha256.hex(payload).equals(header.payloadSha256())) {
                return ignore(file, "payload does not match its checksum");
            }
            Collection<KiePackage> packages = packages(payload, classLoader, header.classes().keySet());
            LazyConsequences.install(packages);
            return Optional.of(CompiledPolicy.of(header.digest(), packages, header.rules(), header.warnings(), jitDisabled,
                    classLoader));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return ignore(file, e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static Collection<KiePackage> packages(byte[] payload, ClassLoader classLoader, Set<String> factClasses)
            throws IOException, ClassNotFoundException {
        try (DroolsObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(payload), classLoader)) {
            in.setObjectInputFilter(filter(factClasses));
            return (Collection<KiePackage>) in.readObject();
        }
    }

    /** defence in depth against a planted file: only drools', the jdk's and the rules' own classes. */
    private static ObjectInputFilter filter(Set<String> factClasses) {
        return info -> {
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            String name = type.getName();
            boolean known = type.isPrimitive() || name.startsWith("java.") || name.startsWith("org.drools.")
                    || name.startsWith("org.kie.") || name.startsWith("org.mvel2.") || name.startsWith("dev.llmos.")
                    || factClasses.contains(name);
            return known ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }

    /** a cache entry someone else could have written is not evidence of anything. */
    static String untrusted(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return null;
        }
        for (Path p : List.of(file, file.getParent())) {
            PosixFileAttributes attrs = Files.readAttributes(p, PosixFileAttributes.class);
            if (!attrs.owner().getName().equals(System.getProperty("user.name"))) {
                return p + " is owned by " + attrs.owner().getName();
            }
            Set<PosixFilePermission> perms = attrs.permissions();
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return p + " is writable by others";
            }
        }
        return null;
    }

    private static Optional<CompiledPolicy> ignore(Path file, String why) {
        LOG.info("ignoring policy cache entry {}: {}", file, why);
        return Optional.empty();
    }

    /** the classes the rules match on or call: a change to any of them makes compiled rules stale. */
    static Set<String> classNames(CompiledPolicy compiled) {
        Set<String> names = new TreeSet<>();
        for (KiePackage p : compiled.packages()) {
            InternalKnowledgePackage pkg = (InternalKnowledgePackage) p;
            pkg.getImports().keySet().stream().filter(n -> !n.endsWith("*")).forEach(names::add);
            pkg.getGlobals().values().forEach(t -> names.add(t.getTypeName()));
        }
        for (ObjectTypeNode otn : compiled.kieBase().getRete().getObjectTypeNodes()) {
            if (otn.getObjectType() instanceof ClassObjectType type) {
                names.add(type.getClassName());
            }
        }
        names.removeIf(n -> n.startsWith("java.") || n.startsWith("javax."));
        return names;
    }

    static TreeMap<String, String> classHashes(Set<String> names, ClassLoader classLoader) {
        TreeMap<String, String> out = new TreeMap<>();
        for (String name : names) {
            out.put(name, classHash(name, classLoader));
        }
        return out;
    }

    private static String classHash(String name, ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? "missing" : Sha256.hex(in.readAllBytes());
        } catch (IOException e) {
            return "unreadable";
        }
    }

    static String javaVersion() {
        return Integer.toString(Runtime.version().feature());
    }

    private static String mismatch(CacheHeader header, String digest, boolean jitDisabled, ClassLoader classLoader) {
        if (!header.digest().equals(digest)) {
            return "built from policy " + header.digest() + ", not " + digest;
        }
        if (!header.drools().equals(Drools.getFullVersion()) || !header.java().equals(javaVersion())) {
            return "built by drools " + header.drools() + " on java " + header.java();
        }
        if (header.jitDisabled() != jitDisabled) {
            return "built with other jitting settings";
        }
        if (!header.classes().equals(classHashes(header.classes().keySet(), classLoader))) {
            return "fact classes changed since it was built";
        }
        return null;
    }
}
