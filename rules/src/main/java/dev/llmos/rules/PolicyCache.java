package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.rules.catalog.CatalogLoader;
import dev.llmos.rules.catalog.PolicyCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * compiled policies by digest: in memory for the life of the jvm (shared by every cache, so a test
 * suite compiles the shipped policy once), and optionally on disk, so a new jvm with an unchanged
 * policy skips the drl compiler. a disk entry is only used after its header and payload check out.
 */
public final class PolicyCache {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCache.class);

    /** a daemon that hot-reloads keeps the last few policies, not every one it ever saw. */
    private static final int MEMORY_ENTRIES = 8;

    private static final Map<Key, CompiledPolicy> SHARED = lru();

    private final Path dir;
    private final Map<Key, CompiledPolicy> memory;
    private final AtomicInteger builds = new AtomicInteger();
    private final AtomicInteger diskLoads = new AtomicInteger();
    private final AtomicInteger catalogParses = new AtomicInteger();
    private final AtomicInteger catalogDiskLoads = new AtomicInteger();

    PolicyCache(Path dir, Map<Key, CompiledPolicy> memory) {
        this.dir = dir;
        this.memory = memory;
    }

    /** the jvm-wide memory cache only. */
    public static PolicyCache inMemory() {
        return new PolicyCache(null, SHARED);
    }

    /** the jvm-wide memory cache, backed by files in {@code dir} (created 0700 when missing). */
    public static PolicyCache onDisk(Path dir) {
        return new PolicyCache(dir, SHARED);
    }

    /** $XDG_CACHE_HOME/llm-os/policy, or ~/.cache/llm-os/policy. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("llm-os").resolve("policy");
    }

    /** a cache with its own, empty memory: what a new jvm would see. */
    static PolicyCache isolated(Path dir) {
        return new PolicyCache(dir, lru());
    }

    CompiledPolicy get(PolicySources sources, ClassLoader classLoader, boolean jitDisabled) {
        Key key = new Key(sources.digest(), classLoader);
        // compiling is rare and cpu-bound: one at a time, and never the same policy twice
        synchronized (memory) {
            CompiledPolicy hit = memory.get(key);
            if (hit != null) {
                return hit;
            }
            CompiledPolicy compiled = fromDisk(sources, classLoader, jitDisabled).orElseGet(() -> build(sources, classLoader, jitDisabled));
            memory.put(key, compiled);
            return compiled;
        }
    }

    private Optional<CompiledPolicy> fromDisk(PolicySources sources, ClassLoader classLoader, boolean jitDisabled) {
        if (dir == null) {
            return Optional.empty();
        }
        Optional<CompiledPolicy> loaded = CacheFile.read(dir, sources, classLoader, jitDisabled);
        loaded.ifPresent(c -> diskLoads.incrementAndGet());
        return loaded;
    }

    private CompiledPolicy build(PolicySources sources, ClassLoader classLoader, boolean jitDisabled) {
        long start = System.nanoTime();
        PolicyCompiler.Result result = PolicyCompiler.compile(sources, classLoader);
        if (!result.ok()) {
            throw new PolicyLoadException(result.problems());
        }
        builds.incrementAndGet();
        CompiledPolicy compiled = CompiledPolicy.of(sources.digest(), result.packages(), result.rules(), result.problems(),
                jitDisabled, classLoader);
        LOG.debug("compiled policy {} in {} ms", sources.digest(), (System.nanoTime() - start) / 1_000_000);
        if (dir != null) {
            CacheFile.write(dir, compiled, classLoader);
        }
        return compiled;
    }

    /**
     * the parsed catalogue of these files: from the disk cache when an entry for exactly these files
     * checks out, else parsed from the yaml (and written to the cache when that succeeds).
     *
     * @throws PolicyLoadException when the yaml has problems (nothing is cached then)
     */
    PolicyCatalog catalog(List<CatalogLoader.CatalogFile> files, ClassLoader classLoader) {
        if (files.isEmpty()) {
            return PolicyCatalog.EMPTY;
        }
        if (dir == null) {
            return CatalogLoader.load(files);
        }
        String digest = CatalogCacheFile.digest(files);
        Optional<PolicyCatalog> cached = CatalogCacheFile.read(dir, digest, files, classLoader);
        if (cached.isPresent()) {
            catalogDiskLoads.incrementAndGet();
            return cached.get();
        }
        CatalogLoader.Loaded loaded = CatalogLoader.loadForCache(files);
        catalogParses.incrementAndGet();
        CatalogCacheFile.write(dir, digest, loaded.json(), classLoader);
        return loaded.catalog();
    }

    /** how many times this cache parsed catalogue yaml for the disk cache. */
    int catalogParses() {
        return catalogParses.get();
    }

    /** how many times this cache used a parsed catalogue from disk. */
    int catalogDiskLoads() {
        return catalogDiskLoads.get();
    }

    /** how many times this cache ran the drl compiler. */
    int builds() {
        return builds.get();
    }

    /** how many times this cache used a disk entry. */
    int diskLoads() {
        return diskLoads.get();
    }

    record Key(String digest, ClassLoader classLoader) {
    }

    private static Map<Key, CompiledPolicy> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CompiledPolicy> eldest) {
                return size() > MEMORY_ENTRIES;
            }
        };
    }
}
