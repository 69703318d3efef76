// Reads the plans PostgreSQL's auto_explain wrote to the server log while deploy/bench/cpu drove leads with
// CPU_EXPLAIN, and writes a markdown report: every distinct statement each service ran, how often, how long, which
// scans its plan used, and the full EXPLAIN (ANALYZE, BUFFERS) of its slowest run. A sequential scan that examined
// at least --seq-rows rows (a table that grows with history, read whole) is listed first, as the finding.
//
//   java ExplainLog.java --log segment.log --dbs db1=intake,db2=routing,... --title "..." [--seq-rows 1000] \
//        [--ignore REGEX] > out.md      (REGEX: statements of the benchmark itself, left out)
//
// The log segment is the part of the server log written during the window (the caller cuts it by byte offsets).
// Entries are recognised by Debian's default log_line_prefix ('%m [%p] %q%u@%d '): a line
// "<time> <zone> [<pid>] <user>@<db> LOG:  duration: <ms> ms  plan:" followed by the plan's lines (auto_explain's
// text format: "Query Text: ...", then the plan nodes, each with "(cost=...)").

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ExplainLog {

    static final Pattern ENTRY = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? \\S+ \\[\\d+\\] (\\S*)@(\\S*) (\\w+):  (.*)$");
    static final Pattern PLAN_HEAD = Pattern.compile("^duration: ([\\d.]+) ms  plan:$");
    static final Pattern SCAN = Pattern.compile(
            "(Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan)(?: Backward)?(?: using (\\S+))? on (\\S+)");
    static final Pattern ACTUAL = Pattern.compile("actual(?: time=[\\d.]+\\.\\.[\\d.]+)? rows=(\\d+) loops=(\\d+)");
    static final Pattern REMOVED = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+)");
    static final Pattern BUFFERS = Pattern.compile("Buffers: shared(?: hit=(\\d+))?(?: read=(\\d+))?");
    static final Pattern PARAMS = Pattern.compile("\\$\\d+(?:\\s*,\\s*\\$\\d+)+");

    record Plan(String db, double ms, String query, List<String> lines) {
    }

    static final class Statement {
        final String component;
        final String query;
        int calls;
        double totalMs;
        Plan slowest;
        long maxBuffers;
        final Set<String> scans = new LinkedHashSet<>();
        final Map<String, Long> seqRows = new TreeMap<>();

        Statement(String component, String query) {
            this.component = component;
            this.query = query;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Map<String, String> components = new LinkedHashMap<>();
        for (String pair : o.getOrDefault("dbs", "").split(",")) {
            if (pair.contains("=")) {
                components.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        long seqRows = Long.parseLong(o.getOrDefault("seq-rows", "1000"));
        Pattern ignore = o.containsKey("ignore") ? Pattern.compile(o.get("ignore")) : null;
        List<Plan> plans = parse(Files.readAllLines(Path.of(o.get("log")), StandardCharsets.UTF_8), components.keySet())
                .stream().filter(p -> ignore == null || !ignore.matcher(p.query()).find()).toList();

        Map<String, Statement> statements = new LinkedHashMap<>();
        for (Plan p : plans) {
            String component = components.get(p.db());
            Statement s = statements.computeIfAbsent(component + "\u0000" + p.query(),
                    k -> new Statement(component, p.query()));
            s.calls++;
            s.totalMs += p.ms();
            if (s.slowest == null || p.ms() > s.slowest.ms()) {
                s.slowest = p;
            }
            long buffers = -1;
            Map<String, Long> examined = new HashMap<>(); // per Seq Scan node of this plan: rows returned + removed
            String seqKey = null;
            long loops = 1;
            int node = 0;
            for (String line : p.lines()) {
                Matcher b = BUFFERS.matcher(line);
                if (buffers < 0 && b.find()) {
                    buffers = (b.group(1) == null ? 0 : Long.parseLong(b.group(1)))
                            + (b.group(2) == null ? 0 : Long.parseLong(b.group(2)));
                }
                Matcher m = SCAN.matcher(line);
                if (m.find()) {
                    seqKey = null;
                    String kind = m.group(1);
                    s.scans.add(kind.equals("Seq Scan") ? "Seq Scan on " + m.group(3)
                            : kind + (m.group(2) == null ? "" : " using " + m.group(2)) + " on " + m.group(3));
                    Matcher a = ACTUAL.matcher(line);
                    if (kind.equals("Seq Scan") && a.find()) {
                        seqKey = m.group(3) + "#" + node++;
                        loops = Long.parseLong(a.group(2));
                        examined.put(seqKey, Long.parseLong(a.group(1)) * loops);
                    }
                } else if (line.contains("(cost=")) {
                    seqKey = null;
                } else if (seqKey != null) {
                    Matcher r = REMOVED.matcher(line);
                    if (r.find()) {
                        examined.merge(seqKey, Long.parseLong(r.group(1)) * loops, Long::sum);
                    }
                }
            }
            examined.forEach((k, rows) -> s.seqRows.merge(k.substring(0, k.indexOf('#')), rows, Math::max));
            s.maxBuffers = Math.max(s.maxBuffers, buffers);
        }

        List<Statement> all = new ArrayList<>(statements.values());
        all.sort(Comparator.comparing((Statement s) -> s.component).thenComparing(s -> -s.totalMs));
        StringBuilder out = new StringBuilder();
        out.append("## ").append(o.getOrDefault("title", "EXPLAIN (ANALYZE, BUFFERS) of every statement")).append("\n\n");
        out.append(plans.size()).append(" plans of ").append(all.size()).append(" distinct statements (auto_explain, "
                + "log_min_duration 0, log_analyze, log_buffers, log_nested_statements), from ")
                .append(String.join(", ", components.values())).append(".\n\n");
        List<Statement> findings = all.stream().filter(s -> s.seqRows.values().stream().anyMatch(r -> r >= seqRows)).toList();
        out.append("### Sequential scans that examined ≥ ").append(seqRows).append(" rows: ").append(findings.size())
                .append("\n\n");
        for (Statement s : findings) {
            out.append("- **").append(s.component).append("** ").append(s.seqRows).append(", ").append(s.calls)
                    .append(" calls, mean ").append(fmt(s.totalMs / s.calls)).append(" ms: `")
                    .append(shorten(s.query, 220)).append("`\n");
        }
        out.append("\n### Every statement\n\n");
        out.append("| service | calls | mean ms | max ms | max buffers | scans | statement |\n|---|---:|---:|---:|---:|---|---|\n");
        for (Statement s : all) {
            out.append("| ").append(s.component).append(" | ").append(s.calls).append(" | ")
                    .append(fmt(s.totalMs / s.calls)).append(" | ").append(fmt(s.slowest.ms())).append(" | ")
                    .append(s.maxBuffers < 0 ? "" : s.maxBuffers).append(" | ")
                    .append(String.join("; ", s.scans).replace("|", "\\|")).append(" | `")
                    .append(shorten(s.query, 160).replace("|", "\\|").replace("`", "'")).append("` |\n");
        }
        out.append("\n### The slowest run of each statement\n\n");
        for (Statement s : all) {
            out.append("<details><summary>").append(s.component).append(": ")
                    .append(escape(shorten(s.query, 120))).append("</summary>\n\n```\n")
                    .append(s.query).append("\n\n");
            s.slowest.lines().forEach(l -> out.append(l).append('\n'));
            out.append("```\n</details>\n\n");
        }
        System.out.print(out);
    }

    static List<Plan> parse(List<String> lines, Set<String> dbs) {
        List<Plan> plans = new ArrayList<>();
        String db = null;
        double ms = 0;
        List<String> body = null;
        for (String line : lines) {
            Matcher e = ENTRY.matcher(line);
            if (e.matches()) {
                add(plans, db, ms, body);
                body = null;
                Matcher h = PLAN_HEAD.matcher(e.group(4));
                if (e.group(3).equals("LOG") && h.matches() && dbs.contains(e.group(2))) {
                    db = e.group(2);
                    ms = Double.parseDouble(h.group(1));
                    body = new ArrayList<>();
                }
            } else if (body != null) {
                body.add(line.startsWith("\t") ? line.substring(1) : line);
            }
        }
        add(plans, db, ms, body);
        return plans;
    }

    static void add(List<Plan> plans, String db, double ms, List<String> body) {
        if (body == null || body.isEmpty()) {
            return;
        }
        StringBuilder query = new StringBuilder();
        int i = 0;
        for (; i < body.size() && !body.get(i).contains("(cost="); i++) {
            query.append(' ').append(body.get(i));
        }
        String q = query.toString().replaceFirst("^\\s*Query Text:", "").replaceAll("\\s+", " ").trim();
        q = PARAMS.matcher(q).replaceAll("\\$n, ...");
        plans.add(new Plan(db, ms, q, List.copyOf(body.subList(i, body.size()))));
    }

    static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String fmt(double d) {
        return d >= 10 ? String.format("%.0f", d) : d >= 1 ? String.format("%.1f", d) : String.format("%.3f", d);
    }
}
