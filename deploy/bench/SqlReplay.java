// Replays the SQL the services sent to PostgreSQL while deploy/bench/cpu drove leads with CPU_REPLAY, against copies
// of their databases as they were just before, without the services, and measures what that SQL alone costs the
// database: PostgreSQL's CPU from /proc, the same way the pipeline's CPU is read. It answers "how much of
// PostgreSQL's share per lead is the statements themselves, and what is left if every service cost nothing".
//
//   java -cp <pgjdbc jar> SqlReplay.java --log segment.log --dbs orig1=copy1,orig2=copy2,... --jdbc URL-prefix \
//        --user U --password P --pg-pid PID --leads N [--ignore REGEX] [--idle-seconds 10] [--wait-ms 2] \
//        [--report out.md]   (per database and per statement: calls and time per lead, as markdown)
//
// The segment is the server log written with log_statement = 'all' (Debian's log_line_prefix '%m [%p] %q%u@%d '):
// "execute <name>: SQL" or "statement: SQL", then "DETAIL:  parameters: $1 = '...', ..." for the bound values.
// Each server process of the recording is one connection of the replay, to the copy of its database; its statements
// run in the order they were logged, each prepared with its parameters as they were bound (an untyped value; where
// the server cannot tell a parameter's type from the statement, an array's type is read from its elements). A
// statement that waits for a lock (another session's transaction still open) does not hold up the others: after
// --wait-ms the next statement is dispatched, as the recording's sessions ran side by side.
// REGEX: the benchmark's own polling sessions, left out whole.
//
// Prints key=value lines: statements, transactions (committed: COMMITs and statements outside a transaction block), sessions, errors (by SQLState), replay_s, idle and
// replay CPU of PostgreSQL in clock ticks, and pg_ms_per_lead = (replay ticks - idle rate x replay time) per lead.

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SqlReplay {

    static final Pattern ENTRY = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? \\S+ \\[(\\d+)\\] (\\S*)@(\\S*) (\\w+):  (.*)$");
    static final Pattern EXECUTE = Pattern.compile("^(?:execute [^:]+|statement): (.*)$", Pattern.DOTALL);
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern INTEGER = Pattern.compile("-?\\d+");
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d.*");

    /** One logged statement: the session (server process) that sent it, its database, text and bound values. */
    static final class Logged {
        final String pid;
        final String db;
        final String sql;
        List<String> params = List.of();

        Logged(String pid, String db, String sql) {
            this.pid = pid;
            this.db = db;
            this.sql = sql;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Map<String, String> copies = new LinkedHashMap<>();
        for (String pair : o.get("dbs").split(",")) {
            copies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        Pattern ignore = o.containsKey("ignore") ? Pattern.compile(o.get("ignore")) : null;
        long leads = Long.parseLong(o.get("leads"));
        long waitMs = Long.parseLong(o.getOrDefault("wait-ms", "2"));
        int idleSeconds = Integer.parseInt(o.getOrDefault("idle-seconds", "10"));
        String pgPid = o.get("pg-pid");

        List<Logged> log = parse(Files.readAllLines(Path.of(o.get("log")), StandardCharsets.UTF_8), copies.keySet());
        Set<String> ignored = new HashSet<>();
        if (ignore != null) {
            log.stream().filter(l -> ignore.matcher(l.sql).find()).forEach(l -> ignored.add(l.pid));
        }
        List<Logged> replay = log.stream().filter(l -> !ignored.contains(l.pid)).toList();

        // One connection per recorded session, each statement prepared once per connection (as the services' pools
        // keep them), parameter types settled before the measured window.
        Map<String, Session> sessions = new LinkedHashMap<>();
        Map<String, Prepared> typed = new HashMap<>();
        for (Logged l : replay) {
            Session session = sessions.computeIfAbsent(l.pid, pid -> new Session(o, copies.get(l.db)));
            typed.computeIfAbsent(l.db + "\u0000" + l.sql, k -> settleTypes(session.connection, l));
        }
        long commits = transactions(replay);

        long idle0 = pgTicks(pgPid);
        long t0 = System.nanoTime();
        Thread.sleep(idleSeconds * 1000L);
        long idle1 = pgTicks(pgPid);
        double idleS = (System.nanoTime() - t0) / 1e9;

        Map<String, AtomicLong> errors = new TreeMap<>();
        Map<String, Timing> timings = new LinkedHashMap<>();
        long r0 = pgTicks(pgPid);
        long t1 = System.nanoTime();
        List<Future<?>> open = new ArrayList<>();
        for (Logged l : replay) {
            Session s = sessions.get(l.pid);
            Prepared p = typed.get(l.db + "\u0000" + l.sql);
            List<String> values = p.values(l.params);
            Timing timing = timings.computeIfAbsent(l.db + "\u0000" + l.sql,
                    k -> new Timing(l.db, l.sql, new AtomicLong(), new AtomicLong()));
            Future<?> f = s.worker.submit(() -> s.run(p.sql, values, errors, timing));
            try {
                f.get(waitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException waiting) {
                open.add(f);
            }
        }
        for (Future<?> f : open) {
            f.get(60, TimeUnit.SECONDS);
        }
        double replayS = (System.nanoTime() - t1) / 1e9;
        long r1 = pgTicks(pgPid);
        for (Session s : sessions.values()) {
            s.worker.shutdown();
            s.connection.close();
        }
        double hz = Double.parseDouble(o.getOrDefault("hz", "100")); // getconf CLK_TCK
        double idleRate = (idle1 - idle0) / idleS;
        double net = (r1 - r0) - idleRate * replayS;
        System.out.println("statements=" + replay.size());
        System.out.println("statements_ignored=" + (log.size() - replay.size()));
        System.out.println("transactions=" + commits);
        System.out.println("sessions=" + sessions.size());
        System.out.println("recorded_errors=" + RECORDED_ERRORS[0]);
        System.out.println("errors=" + errors.values().stream().mapToLong(AtomicLong::get).sum());
        errors.forEach((state, n) -> System.out.println("errors_" + state + "=" + n));
        System.out.printf("replay_s=%.2f%n", replayS);
        System.out.printf("idle_s=%.2f%n", idleS);
        System.out.println("idle_ticks=" + (idle1 - idle0));
        System.out.println("replay_ticks=" + (r1 - r0));
        System.out.printf("pg_ms_per_lead=%.2f%n", net / hz * 1000 / leads);
        System.out.printf("statements_per_lead=%.1f%n", replay.size() / (double) leads);
        System.out.printf("commits_per_lead=%.2f%n", commits / (double) leads);
        if (o.containsKey("report")) {
            Files.writeString(Path.of(o.get("report")), report(timings.values(), copies, leads), StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    /**
     * Markdown: per database its statements, commits and replay time per lead, then the statements that took the most
     * time in all (send to answer on an otherwise idle server: the database's work plus a local round trip).
     */
    static String report(java.util.Collection<Timing> timings, Map<String, String> copies, long leads) {
        StringBuilder out = new StringBuilder();
        out.append("| database | statements per lead | of which COMMIT | replay ms per lead (send to answer) |\n");
        out.append("|---|---:|---:|---:|\n");
        double all = timings.stream().mapToLong(t -> t.nanos().get()).sum();
        for (String db : copies.keySet()) {
            long calls = timings.stream().filter(t -> t.db().equals(db)).mapToLong(t -> t.calls().get()).sum();
            long commits = timings.stream().filter(t -> t.db().equals(db) && t.sql().trim().equalsIgnoreCase("commit"))
                    .mapToLong(t -> t.calls().get()).sum();
            long nanos = timings.stream().filter(t -> t.db().equals(db)).mapToLong(t -> t.nanos().get()).sum();
            out.append(String.format("| %s | %.1f | %.2f | %.2f |%n", db, calls / (double) leads, commits / (double) leads,
                    nanos / 1e6 / leads));
        }
        out.append("\n| database | calls per lead | ms per lead | share | statement |\n|---|---:|---:|---:|---|\n");
        timings.stream().sorted((a, b) -> Long.compare(b.nanos().get(), a.nanos().get())).limit(25).forEach(t -> {
            String sql = t.sql().replaceAll("\\s+", " ").trim();
            sql = sql.length() > 150 ? sql.substring(0, 150) + " …" : sql;
            out.append(String.format("| %s | %.2f | %.3f | %.0f %% | `%s` |%n", t.db(), t.calls().get() / (double) leads,
                    t.nanos().get() / 1e6 / leads, 100 * t.nanos().get() / all, sql.replace("|", "\\|").replace("`", "'")));
        });
        return out.toString();
    }

    static final class Session {
        final Connection connection;
        final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        final Map<String, PreparedStatement> prepared = new HashMap<>();

        Session(Map<String, String> o, String db) {
            try {
                connection = DriverManager.getConnection(o.get("jdbc") + db, o.get("user"), o.get("password"));
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to " + db, e);
            }
        }

        void run(String sql, List<String> params, Map<String, AtomicLong> errors, Timing timing) {
            long t0 = System.nanoTime();
            try {
                if (params.isEmpty() && isControl(sql)) {
                    try (Statement st = connection.createStatement()) {
                        st.execute(sql);
                    }
                    return;
                }
                PreparedStatement ps = prepared.get(sql);
                if (ps == null) {
                    ps = connection.prepareStatement(sql);
                    prepared.put(sql, ps);
                }
                bind(ps, params);
                ps.execute();
            } catch (SQLException e) {
                synchronized (errors) {
                    errors.computeIfAbsent(String.valueOf(e.getSQLState()), k -> new AtomicLong()).incrementAndGet();
                }
            } finally {
                timing.calls.incrementAndGet();
                timing.nanos.addAndGet(System.nanoTime() - t0);
            }
        }
    }

    /** Transactions the recording committed: each COMMIT, and each statement a session sent outside BEGIN ... END. */
    static long transactions(List<Logged> replay) {
        Set<String> open = new HashSet<>();
        long n = 0;
        for (Logged l : replay) {
            String s = l.sql.trim().toLowerCase();
            if (s.equals("begin") || s.startsWith("start transaction")) {
                open.add(l.pid);
            } else if (s.equals("commit") || s.equals("end")) {
                open.remove(l.pid);
                n++;
            } else if (s.equals("rollback")) {
                open.remove(l.pid);
            } else if (!open.contains(l.pid)) {
                n++;
            }
        }
        return n;
    }

    static boolean isControl(String sql) {
        String s = sql.trim().toLowerCase();
        return s.equals("begin") || s.equals("commit") || s.equals("rollback") || s.startsWith("savepoint ")
                || s.startsWith("release savepoint ") || s.startsWith("rollback to savepoint ")
                || s.startsWith("set ") || s.startsWith("show ");
    }

    static void bind(PreparedStatement ps, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            String v = params.get(i);
            if (v == null) {
                ps.setNull(i + 1, Types.OTHER);
            } else {
                ps.setObject(i + 1, v, Types.OTHER);
            }
        }
    }

    /** How often a statement ran in the replay and how long it took, from its send to its answer. */
    record Timing(String db, String sql, AtomicLong calls, AtomicLong nanos) {
    }

    /** A statement in JDBC form and, for each ?, the number of the recorded value it takes. */
    record Prepared(String sql, List<Integer> order) {
        List<String> values(List<String> recorded) {
            List<String> values = new ArrayList<>(order.size());
            for (int n : order) {
                values.add(n - 1 < recorded.size() ? recorded.get(n - 1) : null);
            }
            return values;
        }
    }

    /**
     * The statement in JDBC form ($n as ?, in the order they appear), asked of the server once; where it cannot tell
     * a parameter's type, arrays get one from their elements.
     */
    static Prepared settleTypes(Connection c, Logged l) {
        List<Integer> order = new ArrayList<>();
        String plain = jdbcForm(l.sql, order, null);
        if (isControl(plain) || describes(c, plain)) {
            return new Prepared(plain, order);
        }
        return new Prepared(jdbcForm(l.sql, new ArrayList<>(), guessTypes(l.params)), order);
    }

    static boolean describes(Connection c, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.getParameterMetaData(); // a Parse and Describe, nothing executed
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static String[] guessTypes(List<String> params) {
        String[] types = new String[params.size()];
        for (int i = 0; i < params.size(); i++) {
            String v = params.get(i);
            if (v == null || !v.startsWith("{")) {
                continue;
            }
            String inner = v.substring(1, v.length() - 1);
            String first = inner.isEmpty() ? "" : inner.split(",", 2)[0].replace("\"", "");
            if (UUID.matcher(first).matches()) {
                types[i] = "uuid[]";
            } else if (INTEGER.matcher(first).matches()) {
                types[i] = "int8[]";
            } else if (first.startsWith("\\\\x")) {
                types[i] = "bytea[]";
            } else if (TIMESTAMP.matcher(first).matches()) {
                types[i] = "timestamptz[]";
            } else {
                types[i] = "text[]";
            }
        }
        return types;
    }

    /** $n (outside quotes) becomes ? (with a cast if one is given), a literal ? becomes ??. */
    static String jdbcForm(String sql, List<Integer> order, String[] casts) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = sql.indexOf(ch, i + 1);
                while (end > 0 && end + 1 < sql.length() && sql.charAt(end + 1) == ch) {
                    end = sql.indexOf(ch, end + 2);
                }
                end = end < 0 ? sql.length() - 1 : end;
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (ch == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                int n = Integer.parseInt(sql.substring(i + 1, j));
                order.add(n);
                out.append('?');
                if (casts != null && n - 1 < casts.length && casts[n - 1] != null) {
                    out.append("::").append(casts[n - 1]);
                }
                i = j;
            } else if (ch == '?') {
                out.append("??");
                i++;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    static final long[] RECORDED_ERRORS = {0};

    static List<Logged> parse(List<String> lines, Set<String> dbs) {
        List<Logged> out = new ArrayList<>();
        Map<String, Logged> last = new HashMap<>();
        String pid = null;
        String db = null;
        String level = null;
        StringBuilder msg = null;
        List<String[]> entries = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                if (msg != null) {
                    entries.add(new String[] {pid, db, level, msg.toString()});
                }
                pid = m.group(1);
                db = m.group(3);
                level = m.group(4);
                msg = new StringBuilder(m.group(5));
            } else if (msg != null) {
                msg.append('\n').append(line.startsWith("\t") ? line.substring(1) : line);
            }
        }
        if (msg != null) {
            entries.add(new String[] {pid, db, level, msg.toString()});
        }
        for (String[] e : entries) {
            if (!dbs.contains(e[1])) {
                continue;
            }
            if (e[2].equals("LOG")) {
                Matcher x = EXECUTE.matcher(e[3]);
                if (x.matches()) {
                    Logged l = new Logged(e[0], e[1], x.group(1));
                    out.add(l);
                    last.put(e[0], l);
                }
            } else if (e[2].equals("ERROR")) {
                RECORDED_ERRORS[0]++;
            } else if (e[2].equals("DETAIL") && e[3].startsWith("parameters: ") && last.containsKey(e[0])) {
                last.get(e[0]).params = parameters(e[3].substring("parameters: ".length()));
            }
        }
        return out;
    }

    /** "$1 = 'a''b', $2 = NULL" as ["a'b", null]. */
    static List<String> parameters(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf(" = ", i);
            if (eq < 0) {
                break;
            }
            int n = Integer.parseInt(s.substring(s.indexOf('$', i) + 1, eq));
            i = eq + 3;
            String value;
            if (s.startsWith("NULL", i)) {
                value = null;
                i += 4;
            } else {
                StringBuilder v = new StringBuilder();
                i++; // opening quote
                while (i < s.length()) {
                    char ch = s.charAt(i);
                    if (ch == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        v.append('\'');
                        i += 2;
                    } else if (ch == '\'') {
                        i++;
                        break;
                    } else {
                        v.append(ch);
                        i++;
                    }
                }
                value = v.toString();
            }
            while (out.size() < n - 1) {
                out.add(null);
            }
            out.add(value);
            if (s.startsWith(", ", i)) {
                i += 2;
            }
        }
        return out;
    }

    /** utime + stime of the postmaster and its children, plus the postmaster's cutime + cstime (exited backends). */
    static long pgTicks(String postmaster) {
        long total = fields(postmaster, true);
        total += ProcessHandle.of(Long.parseLong(postmaster)).map(ProcessHandle::children).orElseThrow()
                .mapToLong(child -> fields(String.valueOf(child.pid()), false)).sum();
        return total;
    }

    static long fields(String pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
