package dev.llmos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.util.MultisetStatistics;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * prints jmh json results (and the load bench's, which has the same shape) as two tables: every score
 * with the spread of its forks, then each benchmark divided by its baseline. scores are medians: on a
 * shared machine a few operations wait for a cpu and drag the mean around, the median barely moves.
 * whole forks still run at one of two speeds as the neighbours come and go, so a ratio is taken fork
 * by fork (fork k of a file against fork k of the same file, run close in time) and the median of
 * those is the headline. files may repeat a benchmark (scripts/bench runs jmh in passes).
 * a result names its baseline in a "baseline" field, or its method carries {@link RatioTo}.
 */
public final class Ratios {

    private static final String PACKAGE = "dev.llmos.bench.";

    /** one benchmark: its samples fork by fork, each fork labelled file:fork so ratios can pair them. */
    record Result(String name, String mode, String unit, JsonNode params, String baseline,
                  Map<String, MultisetStatistics> forks) {

        MultisetStatistics all() {
            MultisetStatistics s = new MultisetStatistics();
            forks.values().forEach(f -> f.getRawData().forEachRemaining(e -> s.addValue(e.getKey(), e.getValue())));
            return s;
        }

        List<Double> forkMedians() {
            return forks.values().stream().map(f -> f.getPercentile(50)).toList();
        }

        String shortName() {
            String n = name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
            return params == null || params.isEmpty() ? n : n + params;
        }
    }

    private Ratios() {
    }

    public static void main(String[] args) throws IOException {
        boolean markdown = false;
        Map<String, Result> results = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        int file = 0;
        for (String arg : args) {
            if (arg.equals("--markdown")) {
                markdown = true;
                continue;
            }
            file++;
            for (JsonNode r : mapper.readTree(Path.of(arg).toFile())) {
                add(results, r, file);
            }
        }
        if (results.isEmpty()) {
            System.err.println("usage: Ratios [--markdown] RESULT.json...");
            System.exit(2);
        }
        Table scores = new Table("benchmark", "mode", "forks", "samples", "median", "fork medians min .. max", "mean ± 99.9%",
                "unit");
        for (Result r : results.values()) {
            MultisetStatistics s = r.all();
            scores.row(r.shortName(), r.mode, Integer.toString(r.forks.size()), Long.toString(s.getN()), num(s.getPercentile(50)),
                    num(min(r.forkMedians())) + " .. " + num(max(r.forkMedians())), num(s.getMean()) + " ± " + num(error(s)),
                    r.unit);
        }
        Table ratios = new Table("benchmark", "baseline", "ratio", "fork by fork min .. max (pairs)", "pooled medians",
                "pooled means");
        for (Result r : results.values()) {
            if (r.baseline == null) {
                continue;
            }
            Result b = results.get(key(r.baseline, r.params));
            if (b == null) {
                ratios.row(r.shortName(), r.baseline.replace(PACKAGE, ""), "(baseline not run)", "", "");
                continue;
            }
            if (!b.unit.equals(r.unit)) {
                throw new IllegalStateException(r.name + " and " + b.name + " are in different units");
            }
            List<Double> pairs = paired(r, b);
            double pooled = r.all().getPercentile(50) / b.all().getPercentile(50);
            ratios.row(r.shortName(), b.shortName(), ratio(pairs.isEmpty() ? pooled : median(pairs)),
                    pairs.isEmpty() ? "n/a" : ratio(min(pairs)) + " .. " + ratio(max(pairs)) + " (" + pairs.size() + ")",
                    ratio(pooled), ratio(r.all().getMean() / b.all().getMean()));
        }
        System.out.println(markdown ? scores.markdown() : scores.text());
        System.out.println(markdown ? ratios.markdown() : ratios.text());
    }

    /** median of fork k of a file over median of fork k of the same file's baseline, for every such k. */
    private static List<Double> paired(Result r, Result b) {
        List<Double> each = new ArrayList<>();
        r.forks.forEach((label, fork) -> {
            MultisetStatistics base = b.forks.get(label);
            if (base != null) {
                each.add(fork.getPercentile(50) / base.getPercentile(50));
            }
        });
        return each;
    }

    private static double median(List<Double> v) {
        MultisetStatistics s = new MultisetStatistics();
        v.forEach(x -> s.addValue(x, 1));
        return s.getPercentile(50);
    }

    /** rawData holds iteration scores (or single shots); sample mode's rawDataHistogram holds op times. */
    private static void add(Map<String, Result> results, JsonNode r, int file) {
        String name = r.path("benchmark").asText();
        JsonNode metric = r.path("primaryMetric");
        String unit = metric.path("scoreUnit").asText();
        String baseline = r.hasNonNull("baseline") ? r.get("baseline").asText() : annotated(name);
        Result result = results.computeIfAbsent(key(name, r.get("params")),
                k -> new Result(name, r.path("mode").asText(), unit, r.get("params"), baseline, new LinkedHashMap<>()));
        if (!result.unit.equals(unit) || !result.mode.equals(r.path("mode").asText())) {
            throw new IllegalStateException(name + " was run in two modes or units; use the same -bm and -tu each time");
        }
        int fork = 0;
        if (metric.has("rawDataHistogram")) {
            for (JsonNode iterations : metric.get("rawDataHistogram")) {
                MultisetStatistics s = new MultisetStatistics();
                for (JsonNode iteration : iterations) {
                    iteration.forEach(bin -> s.addValue(bin.get(0).asDouble(), bin.get(1).asLong()));
                }
                result.forks.put(file + ":" + ++fork, s);
            }
        } else {
            for (JsonNode iterations : metric.path("rawData")) {
                MultisetStatistics s = new MultisetStatistics();
                iterations.forEach(v -> s.addValue(v.asDouble(), 1));
                result.forks.put(file + ":" + ++fork, s);
            }
        }
    }

    /** the {@link RatioTo} on the benchmark method, as a full benchmark name. */
    private static String annotated(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        String className = benchmark.substring(0, dot);
        try {
            for (Method m : Class.forName(className).getMethods()) {
                RatioTo to = m.getAnnotation(RatioTo.class);
                if (m.getName().equals(benchmark.substring(dot + 1)) && to != null) {
                    return className + "." + to.value();
                }
            }
        } catch (ClassNotFoundException e) {
            // results from another build: scores are still worth printing
        }
        return null;
    }

    private static String key(String name, JsonNode params) {
        return name + (params == null ? "" : params.toString());
    }

    /** jmh's own error: half the 99.9% confidence interval of the mean. */
    private static double error(MultisetStatistics s) {
        return s.getN() > 2 ? s.getMeanErrorAt(0.999) : Double.NaN;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a"
                : String.format(Locale.ROOT, v >= 10 ? "%.1fx" : v >= 0.1 ? "%.2fx" : "%.4fx", v);
    }

    /** a plain table: padded columns for the terminal, or markdown for docs. */
    private static final class Table {

        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        String text() {
            int[] width = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(String.format("%-" + width[i] + "s  ", row[i]));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
            return sb.toString();
        }

        String markdown() {
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < rows.size(); r++) {
                sb.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
                if (r == 0) {
                    sb.append("|").append("---|".repeat(rows.get(0).length)).append('\n');
                }
            }
            return sb.toString();
        }
    }
}
