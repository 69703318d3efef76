// The load and the "gone quiet" wait of deploy/bench/cpu. Single file, JDK only at compile time; at run time
// deploy/bench/cpu puts on the class path Bench.java compiled (for its capture bodies), the PostgreSQL driver and
// kafka-clients, all taken from the service copies under test.
//
//   java -cp <cp> CpuBench.java load --url http://127.0.0.1:18181 --clients 8 --leads 600 --run-id R --seq-base 0 \
//        --jdbc jdbc:postgresql://localhost:5432/ --dbs intake_db,routing_db,followup_db,analytics_db \
//        [--quiet-seconds 3] [--timeout 900]                                  (password: $PGPASSWORD)
//   java -cp <cp> CpuBench.java idle --seconds 30 --jdbc ... --dbs ...
//   java -cp <cp> CpuBench.java cleanup --bootstrap localhost:9092 --topic-prefix P --group-prefix G
//
// Output: "key=value" lines on stdout (read by deploy/bench/cpu); progress and errors on stderr.
//
// load:    posts exactly --leads staff captures (POST /api/v1/leads, bearer token from $BENCH_TOKEN) from --clients
//          threads, back to back, each a unique lead made by Bench.leadJson (the bodies of deploy/bench/run), then
//          waits until the pipeline has gone quiet: for --quiet-seconds, no unpublished outbox row in any of the four
//          databases, no transaction writing in them and no change of any database's processed_event count. The
//          databases are polled every 500 ms over one connection each (no new backend per poll), from the first
//          capture on, so the poll's cost is the same per second as in the idle mode and is subtracted with the idle
//          CPU.
// idle:    the same poll for --seconds, without load: the idle window. Reports whether anything moved.
// cleanup: deletes the Kafka topics and consumer groups a run left (delete-on-stop normally removes the topics;
//          this catches a service that died or a topic auto-created again by a consumer still running then).

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

public class CpuBench {

    static Map<String, String> args(String[] a) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i + 1 < a.length; i += 2) {
            m.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        return m;
    }

    public static void main(String[] a) throws Exception {
        if (a.length == 0) {
            System.err.println("usage: java CpuBench.java load|idle|cleanup ... (see the comment at the top)");
            System.exit(2);
        }
        Map<String, String> o = args(a);
        switch (a[0]) {
            case "load" -> load(o);
            case "idle" -> idle(o);
            case "cleanup" -> cleanup(o);
            default -> {
                System.err.println("unknown mode " + a[0]);
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The poll: per database, unpublished outbox rows and processed_event rows
    // ---------------------------------------------------------------------------------------------------------------

    static final class Poller implements AutoCloseable {
        final List<Connection> dbs = new ArrayList<>();
        final String[] names;
        long[] last;
        long lastChangeNs = System.nanoTime();
        long changes;

        Poller(Map<String, String> o) throws Exception {
            names = o.get("dbs").split(",");
            for (String db : names) {
                dbs.add(DriverManager.getConnection(o.get("jdbc") + db, o.getOrDefault("pg-user", "leadflow"),
                        System.getenv("PGPASSWORD")));
            }
        }

        /**
         * Polls once; true when nothing is unpublished anywhere and no transaction is writing in the four databases.
         * Notes when the backlog or the newest applied event changed. The writers matter because a consumer may apply a whole poll of events in
         * one transaction: its processed_event rows appear only at commit, seconds later for a large batch, so
         * counts standing still alone would not prove the pipeline idle. A writing transaction has an xid
         * (pg_stat_activity.backend_xid); the relay's and the API's reads have none.
         */
        boolean poll() throws Exception {
            long[] now = new long[dbs.size() * 2];
            boolean drained = true;
            try (java.sql.PreparedStatement st = dbs.get(0).prepareStatement("select count(*) from pg_stat_activity"
                    + " where datname = any(?) and backend_xid is not null and pid <> pg_backend_pid()")) {
                st.setArray(1, dbs.get(0).createArrayOf("text", names));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    drained = rs.getLong(1) == 0;
                }
            }
            for (int i = 0; i < dbs.size(); i++) {
                try (Statement st = dbs.get(i).createStatement(); ResultSet rs = st.executeQuery(
                        // The newest processed_at, not a count: with a year of history a count would read the
                        // whole table every second (through processed_event_processed_at, this is one index probe).
                        "select (select count(*) from outbox_event where published_at is null),"
                                + " (select coalesce((extract(epoch from max(processed_at)) * 1000000)::bigint, 0)"
                                + " from processed_event)")) {
                    rs.next();
                    now[2 * i] = rs.getLong(1);
                    now[2 * i + 1] = rs.getLong(2);
                }
                drained &= now[2 * i] == 0;
            }
            if (last != null && !Arrays.equals(now, last)) {
                lastChangeNs = System.nanoTime();
                changes++;
            }
            if (!drained) {
                lastChangeNs = System.nanoTime(); // a backlog or a writer is activity even while counts stand still
            }
            last = now;
            return drained;
        }

        @Override
        public void close() throws Exception {
            for (Connection c : dbs) {
                c.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // load: a fixed number of captures, then wait for quiet
    // ---------------------------------------------------------------------------------------------------------------

    static void load(Map<String, String> o) throws Exception {
        String url = o.getOrDefault("url", "http://127.0.0.1:18181");
        int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
        long leads = Long.parseLong(o.getOrDefault("leads", "600"));
        long base = Long.parseLong(o.getOrDefault("seq-base", "0"));
        String tag = o.getOrDefault("run-id", "r" + System.currentTimeMillis());
        long quietNs = Long.parseLong(o.getOrDefault("quiet-seconds", "3")) * 1_000_000_000L;
        long timeoutNs = Long.parseLong(o.getOrDefault("timeout", "900")) * 1_000_000_000L;
        // Bench.leadJson is package-private in another class loader's package (the source launcher loads this file
        // in a loader of its own), hence reflection; it keeps the bodies identical to deploy/bench/run's.
        Method leadJson = Class.forName("Bench").getDeclaredMethod("leadJson", long.class, String.class);
        leadJson.setAccessible(true);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = System.getenv("BENCH_TOKEN");

        try (Poller poller = new Poller(o)) {
            poller.poll();
            AtomicLong next = new AtomicLong();
            LongAdder created = new LongAdder(), duplicates = new LongAdder(), errors = new LongAdder(),
                    qualified = new LongAdder();
            AtomicLong firstError = new AtomicLong(), lastResponse = new AtomicLong();
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                Thread th = new Thread(() -> {
                    long n;
                    while ((n = next.getAndIncrement()) < leads) {
                        int status;
                        String body;
                        try {
                            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/v1/leads"))
                                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            (String) leadJson.invoke(null, base + n, tag))).build();
                            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                            status = r.statusCode();
                            body = r.body();
                        } catch (Exception e) {
                            status = -1;
                            body = e.toString();
                        }
                        lastResponse.accumulateAndGet(System.nanoTime(), Math::max);
                        if (status == 201) {
                            created.increment();
                        } else if (status == 200) {
                            duplicates.increment();
                        } else {
                            errors.increment();
                            if (firstError.compareAndSet(0, 1)) {
                                System.err.println("  [load] first error: " + status + " " + body);
                            }
                        }
                        if (body.contains("\"QUALIFIED\"")) {
                            qualified.increment();
                        }
                    }
                }, "cpu-client-" + t);
                threads.add(th);
                th.start();
            }
            long lastLog = t0;
            while (true) {
                boolean loading = threads.stream().anyMatch(Thread::isAlive);
                boolean drained = poller.poll();
                long now = System.nanoTime();
                if (!loading && drained && now - poller.lastChangeNs >= quietNs) {
                    break;
                }
                if (now - t0 > timeoutNs) {
                    System.err.println("  [load] not quiet after " + (timeoutNs / 1_000_000_000L) + " s: " +
                            Arrays.toString(poller.last) + " (unpublished, processed per database)");
                    System.exit(1);
                }
                if (now - lastLog > 10_000_000_000L) {
                    lastLog = now;
                    System.err.printf("  [load] %ds: %d of %d posted; per database (unpublished, processed) %s%n",
                            (now - t0) / 1_000_000_000L, Math.min(next.get(), leads), leads,
                            Arrays.toString(poller.last));
                }
                Thread.sleep(500);
            }
            double captureS = (lastResponse.get() - t0) / 1e9;
            System.out.println("created=" + created.sum());
            System.out.println("duplicates=" + duplicates.sum());
            System.out.println("errors=" + errors.sum());
            System.out.println("qualified=" + qualified.sum());
            System.out.printf("capture_s=%.2f%n", captureS);
            System.out.printf("rate=%.1f%n", captureS > 0 ? leads / captureS : 0);
            // until the last change the poll saw: the pipeline's own end, without the quiet period that proves it
            System.out.printf("pipeline_s=%.2f%n", (poller.lastChangeNs - t0) / 1e9);
        }
    }

    static void idle(Map<String, String> o) throws Exception {
        long ns = Long.parseLong(o.getOrDefault("seconds", "30")) * 1_000_000_000L;
        try (Poller poller = new Poller(o)) {
            long t0 = System.nanoTime();
            long busy = 0;
            while (System.nanoTime() - t0 < ns) {
                if (!poller.poll()) {
                    busy++;
                }
                Thread.sleep(500);
            }
            System.out.println("changes=" + poller.changes);
            System.out.println("polls_with_backlog=" + busy);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // cleanup: kafka-clients by reflection (like Bench.java), so this file compiles with the JDK alone
    // ---------------------------------------------------------------------------------------------------------------

    static Object call(String type, Object target, String method, Class<?>[] params, Object... args) throws Exception {
        return Class.forName(type).getMethod(method, params).invoke(target, args);
    }

    static Object get(Object kafkaFuture) throws Exception {
        return call("org.apache.kafka.common.KafkaFuture", kafkaFuture, "get", new Class<?>[0]);
    }

    static void cleanup(Map<String, String> o) throws Exception {
        String topicPrefix = o.get("topic-prefix"), groupPrefix = o.get("group-prefix");
        Properties p = new Properties();
        p.put("bootstrap.servers", o.getOrDefault("bootstrap", "localhost:9092"));
        String admin = "org.apache.kafka.clients.admin.Admin";
        Object a = call(admin, null, "create", new Class<?>[] {Properties.class}, p);
        try {
            Object listed = call(admin, a, "listTopics", new Class<?>[0]);
            Set<?> names = (Set<?>) get(call("org.apache.kafka.clients.admin.ListTopicsResult", listed, "names",
                    new Class<?>[0]));
            List<String> topics = names.stream().map(String::valueOf).filter(t -> t.startsWith(topicPrefix)).toList();
            if (!topics.isEmpty()) {
                Object r = call(admin, a, "deleteTopics", new Class<?>[] {Collection.class}, topics);
                get(call("org.apache.kafka.clients.admin.DeleteTopicsResult", r, "all", new Class<?>[0]));
            }
            System.out.println("topics_deleted=" + topics.size());
            List<String> groups = new ArrayList<>();
            Object lg = call(admin, a, "listConsumerGroups", new Class<?>[0]);
            for (Object g : (Collection<?>) get(call("org.apache.kafka.clients.admin.ListConsumerGroupsResult", lg,
                    "all", new Class<?>[0]))) {
                String id = (String) call("org.apache.kafka.clients.admin.ConsumerGroupListing", g, "groupId",
                        new Class<?>[0]);
                if (id.startsWith(groupPrefix)) {
                    groups.add(id);
                }
            }
            if (!groups.isEmpty()) {
                Object r = call(admin, a, "deleteConsumerGroups", new Class<?>[] {Collection.class}, groups);
                get(call("org.apache.kafka.clients.admin.DeleteConsumerGroupsResult", r, "all", new Class<?>[0]));
            }
            System.out.println("groups_deleted=" + groups.size());
        } finally {
            call(admin, a, "close", new Class<?>[0]);
        }
    }
}
