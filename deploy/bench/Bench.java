// Leadflow load generator. Single file, JDK only for the HTTP part (java.net.http.HttpClient); the
// pipeline mode also needs kafka-clients on the class path (deploy/bench/run passes the service's own jars).
//
//   java Bench.java intake   --url http://localhost:18081 --concurrency 16 --warmup 10 --duration 30 --run-id R \
//        [--seq-base 0] [--spread-days 0]
//   java -cp <kafka jars> Bench.java pipeline --url http://localhost:18081 --rate 100 --warmup 5 --duration 30 \
//        --run-id R --bootstrap localhost:9092 --topic bench-R.leadflow.routing.v1 [--drain 30] \
//        [--analytics-jdbc jdbc:postgresql://localhost:5432/DB --pg-user leadflow]   (password: $PGPASSWORD)
//   java -cp <kafka jars> Bench.java seek-end --bootstrap localhost:9092 --group G --topics T1,T2,... [--leave 0]
//
// Output: "key=value" lines on stdout (read by deploy/bench/run); progress and errors on stderr.
//
// intake:   closed loop. N platform threads each POST /api/v1/leads back to back with a unique lead (phone, email,
//           company name never repeat, so nothing is merged as a duplicate). Warm-up requests are not recorded;
//           then every request started in the measured window is recorded; percentiles are exact (all samples
//           sorted). Throughput = successful captures completed in the window / window length.
// pipeline: open loop. A scheduler starts captures at a fixed rate (a pool of threads sends them, so a slow answer
//           does not slow the schedule); a Kafka consumer reads the routing topic from the beginning and stamps each
//           LeadAssigned when it arrives. Latency = arrival of LeadAssigned at the consumer - start of the POST that
//           captured the lead (same clock: everything runs on this machine).
//           With --analytics-jdbc (the analytics copy's database; the PostgreSQL driver on the class path too):
//           capture -> visible in analytics. The observable is processed_event.processed_at of the LeadAssigned
//           event (its eventId comes from the record our consumer read) for analytics' consumer
//           "analytics-read-model": lead-events' consumer loop inserts that row as the first statement of the
//           transaction that applies the event to the read model, with default now(), i.e. the start of that
//           transaction (µs resolution, PostgreSQL's clock = this machine's clock). The event becomes visible when
//           that transaction commits, which is before the next transaction starts (one consumer thread; the events
//           of one poll share a transaction and its processed_at), so the next later processed_at of the same
//           consumer is an upper bound of the commit; both are reported. The database is only read after the load (polled once a second during
//           the drain to know when to stop waiting), so the observation does not load the system under test.
// seek-end: commits a consumer group's offsets at the current end of the given topics (the ones that exist), so
//           a service started with that group afterwards skips everything published before; --leave N keeps about
//           the last N records (spread over the partitions) for it to read first, as a warm-up.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {

    // ---------------------------------------------------------------------------------------------------------------
    // Realistic, unique Chinese leads
    // ---------------------------------------------------------------------------------------------------------------

    static final String[] CITIES = {"上海", "北京", "杭州", "深圳", "广州", "苏州", "南京", "成都", "武汉", "西安"};
    // 32 characters: a lead's sequence number written in base 32 with these makes each company name unique.
    static final String[] NAME_CHARS = ("星 辰 云 帆 海 川 恒 泰 华 信 达 瑞 博 远 鼎 盛 启 明 嘉 禾 锦 程 汇 通 智 联 铭 德 正 源 新 宏")
            .split(" ");
    static final String[] TRADES = {"科技", "商贸", "制造", "信息技术", "软件", "电子", "物流", "医疗器械"};
    static final String[] FORMS = {"有限公司", "股份有限公司", "集团有限公司"};
    static final String[] SURNAMES = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"};
    static final String[] TITLES = {"经理", "总", "主管", "总监", "工"};
    static final String[] SOURCES = {"展会", "官网表单", "合作伙伴推荐", "社交媒体", "客户转介绍"};
    static final String[] NEEDS = {"需要CRM系统，计划下季度上线", "希望了解ERP模块和报价", "数字化转型咨询，想看演示",
            "需要销售管理系统，团队30人", "了解一下产品功能", "采购进销存软件，预算已批"};
    static final String[] INDUSTRIES = {"软件", "制造业", "零售", "医疗", "教育", "物流"};
    static final String[] SIZES = {"20-49人", "50-99人", "100-199人", "200-499人", "1000人以上"};
    static final String[] BUDGETS = {"10-15万", "12万", "5-8万", "待确认", "20-30万"};
    static final String[] CYCLES = {"1个月", "两周", "2-3个月", "不确定", "3个月以上"};
    static final String[] INTENTS = {"高意向", "中意向", "低意向", "中意向"};
    // Mobile prefixes libphonenumber accepts for China; the 8 digits after the prefix carry the sequence number.
    static final String[] MOBILE = {"139", "138", "137", "136", "135", "186", "188", "150", "151", "177"};

    static String base32Name(long n) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(NAME_CHARS[(int) (n & 31)]);
            n >>>= 5;
        } while (n > 0);
        return sb.toString();
    }

    static String pick(String[] a, long n) {
        return a[(int) Math.floorMod(n, (long) a.length)];
    }

    /** When > 0, leads carry a registeredAt spread over that many past days (see the intake mode's --spread-days). */
    static int spreadDays = 0;
    static final java.time.LocalDate TODAY = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

    /** Lead number n (unique within a run) as a staff capture body. */
    static String leadJson(long n, String runTag) {
        long h = n * 0x9E3779B97F4A7C15L; // spreads the choices so consecutive leads differ
        String company = pick(CITIES, h >>> 7) + base32Name(n) + pick(TRADES, h >>> 13) + pick(FORMS, h >>> 19);
        String phone = pick(MOBILE, n) + " " + String.format("%04d %04d", (n / MOBILE.length) / 10000 % 10000,
                (n / MOBILE.length) % 10000);
        String contact = pick(SURNAMES, h >>> 23) + pick(TITLES, h >>> 29);
        return "{\"customerName\":\"" + company + "\",\"contactName\":\"" + contact + "\",\"phone\":\"" + phone + "\","
                + "\"email\":\"lead" + n + "@" + runTag + "-c" + n + ".cn\",\"wechat\":\"wx_" + runTag + "_" + n + "\","
                + "\"source\":\"" + pick(SOURCES, h >>> 31) + "\",\"sourceDetail\":\"2024 " + pick(CITIES, h >>> 37)
                + "数字化展会\",\"utm\":{\"campaign\":\"bench-" + runTag + "\"},"
                + "\"needDescription\":\"" + pick(NEEDS, h >>> 41) + "\",\"industry\":\"" + pick(INDUSTRIES, h >>> 43)
                + "\",\"region\":\"" + pick(CITIES, h >>> 47) + "\",\"companySize\":\"" + pick(SIZES, h >>> 49) + "\","
                + "\"budget\":\"" + pick(BUDGETS, h >>> 51) + "\",\"decisionCycle\":\"" + pick(CYCLES, h >>> 53)
                + "\",\"declaredIntent\":\"" + pick(INTENTS, h >>> 57) + "\","
                + (spreadDays > 0 ? "\"registeredAt\":\"" + TODAY.minusDays(1 + n % spreadDays) + "\"," : "")
                + "\"consent\":{\"granted\":true,\"text\":\"同意接收产品资讯\"}}";
    }

    // ---------------------------------------------------------------------------------------------------------------

    static final Pattern LEAD_ID = Pattern.compile("\"leadId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern EVENT_TYPE = Pattern.compile("\"eventType\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

    static Map<String, String> args(String[] a) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i + 1 < a.length; i += 2) {
            m.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        return m;
    }

    // One wall clock for every timestamp of a run: anchored once (µs, Instant), advanced with nanoTime.
    static final double WALL_ANCHOR_MS;
    static final long NANO_ANCHOR;

    static {
        wallNowMs(); // the first call loads classes; anchor on a warm one
        NANO_ANCHOR = System.nanoTime();
        WALL_ANCHOR_MS = wallNowMs();
    }

    static double wallNowMs() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1000.0 + i.getNano() / 1e6;
    }

    /** The run's wall clock, in ms since the epoch (sub-ms, monotonic), for a System.nanoTime() value. */
    static double wallMs(long nanos) {
        return WALL_ANCHOR_MS + (nanos - NANO_ANCHOR) / 1e6;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static HttpRequest capture(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/leads")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + System.getenv("BENCH_TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** p in [0,100] over sorted values, nearest-rank. */
    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    public static void main(String[] a) throws Exception {
        if (a.length == 0) {
            System.err.println("usage: java Bench.java intake|pipeline --url ... (see the comment at the top)");
            System.exit(2);
        }
        Map<String, String> o = args(a);
        spreadDays = Integer.parseInt(o.getOrDefault("spread-days", "0"));
        switch (a[0]) {
            case "intake" -> intake(o);
            case "pipeline" -> pipeline(o);
            case "seek-end" -> seekEnd(o);
            case "sample" -> System.out.println(leadJson(Long.parseLong(o.getOrDefault("n", "1")), "sample"));
            default -> {
                System.err.println("unknown mode " + a[0]);
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // intake: closed loop at fixed concurrency
    // ---------------------------------------------------------------------------------------------------------------

    static void intake(Map<String, String> o) throws Exception {
        String url = o.getOrDefault("url", "http://localhost:18081");
        int conc = Integer.parseInt(o.getOrDefault("concurrency", "16"));
        long warmupNs = TimeUnit.SECONDS.toNanos(Long.parseLong(o.getOrDefault("warmup", "10")));
        long durNs = TimeUnit.SECONDS.toNanos(Long.parseLong(o.getOrDefault("duration", "30")));
        String tag = o.getOrDefault("run-id", "r" + System.currentTimeMillis());
        long base = Long.parseLong(o.getOrDefault("seq-base", "0"));
        // Diagnostic: registeredAt spread over N past days, so concurrent captures rarely share a day-counter row.
        spreadDays = Integer.parseInt(o.getOrDefault("spread-days", "0"));

        HttpClient http = client();
        AtomicLong seq = new AtomicLong(base);
        long t0 = System.nanoTime();
        long measureFrom = t0 + warmupNs;
        long measureTo = measureFrom + durNs;
        List<long[]> perThread = new ArrayList<>();
        LongAdder created = new LongAdder(), duplicates = new LongAdder(), errors = new LongAdder(),
                warmupOk = new LongAdder();
        Map<String, LongAdder> statusCounts = new ConcurrentHashMap<>();
        AtomicLong firstError = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long[][] samples = new long[conc][];
        int[] counts = new int[conc];
        for (int t = 0; t < conc; t++) {
            final int ti = t;
            samples[t] = new long[1 << 14];
            Thread th = new Thread(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (start >= measureTo) {
                        return;
                    }
                    long n = seq.incrementAndGet();
                    int status;
                    String body = "";
                    try {
                        HttpResponse<String> r = http.send(capture(url, leadJson(n, tag)),
                                HttpResponse.BodyHandlers.ofString());
                        status = r.statusCode();
                        body = r.body();
                    } catch (Exception e) {
                        status = -1;
                        body = e.toString();
                    }
                    long end = System.nanoTime();
                    boolean ok = status == 201 || status == 200;
                    if (start < measureFrom) {
                        if (ok) {
                            warmupOk.increment();
                        }
                        continue;
                    }
                    statusCounts.computeIfAbsent(String.valueOf(status), k -> new LongAdder()).increment();
                    if (!ok) {
                        errors.increment();
                        if (firstError.compareAndSet(0, 1)) {
                            System.err.println("first error: " + status + " " + body);
                        }
                        continue;
                    }
                    if (status == 200) {
                        duplicates.increment();
                    } else {
                        created.increment();
                    }
                    if (end <= measureTo) {
                        if (counts[ti] == samples[ti].length) {
                            samples[ti] = Arrays.copyOf(samples[ti], counts[ti] * 2);
                        }
                        samples[ti][counts[ti]++] = end - start;
                    }
                }
            }, "bench-" + t);
            threads.add(th);
            th.start();
        }
        Thread progress = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(5000);
                    long now = System.nanoTime();
                    System.err.printf("  [intake] %ds %s, %d captured%n", (now - t0) / 1_000_000_000L,
                            now < measureFrom ? "warming up" : "measuring", created.sum() + warmupOk.sum());
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        progress.setDaemon(true);
        progress.start();
        for (Thread th : threads) {
            th.join();
        }
        progress.interrupt();
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < conc; t++) {
            System.arraycopy(samples[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        double secs = durNs / 1e9;
        System.out.println("concurrency=" + conc);
        System.out.println("duration_s=" + (durNs / 1_000_000_000L));
        System.out.println("warmup_ok=" + warmupOk.sum());
        System.out.println("samples=" + all.length);
        System.out.println("created=" + created.sum());
        System.out.println("duplicates=" + duplicates.sum());
        System.out.println("errors=" + errors.sum());
        System.out.println("statuses=" + statusCounts);
        System.out.println("rate=" + String.format("%.1f", all.length / secs));
        System.out.println("p50_ms=" + ms(pct(all, 50)));
        System.out.println("p90_ms=" + ms(pct(all, 90)));
        System.out.println("p99_ms=" + ms(pct(all, 99)));
        System.out.println("max_ms=" + ms(all.length == 0 ? 0 : all[all.length - 1]));
        System.out.println("last_seq=" + seq.get());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // pipeline: open loop at a fixed rate, LeadAssigned read from Kafka
    // ---------------------------------------------------------------------------------------------------------------

    static void pipeline(Map<String, String> o) throws Exception {
        String url = o.getOrDefault("url", "http://localhost:18081");
        double rate = Double.parseDouble(o.getOrDefault("rate", "100"));
        long warmupS = Long.parseLong(o.getOrDefault("warmup", "5"));
        long durS = Long.parseLong(o.getOrDefault("duration", "30"));
        long drainS = Long.parseLong(o.getOrDefault("drain", "30"));
        int senders = Integer.parseInt(o.getOrDefault("senders", "64"));
        String tag = o.getOrDefault("run-id", "r" + System.currentTimeMillis());
        long base = Long.parseLong(o.getOrDefault("seq-base", "10000000"));
        String bootstrap = o.getOrDefault("bootstrap", "localhost:9092");
        String topic = o.get("topic");

        String analyticsJdbc = o.get("analytics-jdbc");
        AnalyticsObserver analytics = analyticsJdbc == null ? null : new AnalyticsObserver(analyticsJdbc,
                o.getOrDefault("pg-user", "leadflow"), System.getenv("PGPASSWORD"),
                o.getOrDefault("analytics-consumer", "analytics-read-model"));

        // Arrival wall-clock (ms since epoch, µs precision) of each lead's LeadAssigned at our consumer, and the
        // event's id (to find when analytics applied it).
        Map<String, Double> assignedAt = new ConcurrentHashMap<>();
        Map<String, java.util.UUID> assignedEvent = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = new Thread(() -> consume(bootstrap, topic, tag, assignedAt, assignedEvent, stop),
                "bench-consumer");
        consumer.setDaemon(true);
        consumer.start();

        HttpClient http = client();
        // Captured leads of the measured window: lead id -> POST start (wall ms, µs precision).
        Map<String, Double> capturedAt = new ConcurrentHashMap<>();
        LongAdder sent = new LongAdder(), errors = new LongAdder(), late = new LongAdder();
        AtomicLong seq = new AtomicLong(base);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor();
        long periodNs = (long) (1e9 / rate);
        long t0 = System.nanoTime();
        long measureFrom = t0 + TimeUnit.SECONDS.toNanos(warmupS);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(durS);
        AtomicLong firstError = new AtomicLong();
        tick.scheduleAtFixedRate(() -> {
            long scheduled = System.nanoTime();
            if (scheduled >= end) {
                return;
            }
            boolean measured = scheduled >= measureFrom;
            pool.execute(() -> {
                long start = System.nanoTime();
                if (start - scheduled > 100_000_000L) {
                    late.increment(); // sender pool could not keep up with the schedule
                }
                long n = seq.incrementAndGet();
                try {
                    HttpResponse<String> r = http.send(capture(url, leadJson(n, tag)),
                            HttpResponse.BodyHandlers.ofString());
                    sent.increment();
                    if (r.statusCode() != 201) {
                        errors.increment();
                        if (firstError.compareAndSet(0, 1)) {
                            System.err.println("first error: " + r.statusCode() + " " + r.body());
                        }
                        return;
                    }
                    if (measured) {
                        Matcher m = LEAD_ID.matcher(r.body());
                        if (m.find() && r.body().contains("\"QUALIFIED\"")) {
                            // Measured from when the capture was due, so a queue in front of intake counts too.
                            capturedAt.put(m.group(1), wallMs(scheduled));
                        }
                    }
                } catch (Exception e) {
                    errors.increment();
                    if (firstError.compareAndSet(0, 1)) {
                        System.err.println("first error: " + e);
                    }
                }
            });
        }, 0, periodNs, TimeUnit.NANOSECONDS);

        while (System.nanoTime() < end) {
            Thread.sleep(5000);
            System.err.printf("  [pipeline] %ds, %d captured, %d assigned seen%n",
                    (System.nanoTime() - t0) / 1_000_000_000L, sent.sum(), assignedAt.size());
        }
        tick.shutdown();
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainS);
        long nextAnalyticsPoll = System.nanoTime();
        while (System.nanoTime() < drainUntil) {
            boolean assignedDone = assignedAt.keySet().containsAll(capturedAt.keySet());
            boolean analyticsDone = true;
            if (analytics != null && System.nanoTime() >= nextAnalyticsPoll) {
                analytics.poll(pendingEvents(capturedAt, assignedEvent, analytics));
                nextAnalyticsPoll = System.nanoTime() + 1_000_000_000L;
            }
            if (analytics != null) {
                analyticsDone = assignedDone && pendingEvents(capturedAt, assignedEvent, analytics).isEmpty();
            }
            if (assignedDone && analyticsDone) {
                break;
            }
            Thread.sleep(250);
        }
        stop.set(true);
        if (analytics != null) {
            analytics.poll(pendingEvents(capturedAt, assignedEvent, analytics)); // the last look, at the deadline
        }

        List<Long> lat = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Double> e : capturedAt.entrySet()) {
            Double a = assignedAt.get(e.getKey());
            if (a == null) {
                missing++;
            } else {
                lat.add((long) ((a - e.getValue()) * 1e6)); // ns
            }
        }
        long[] all = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println("target_rate=" + rate);
        System.out.println("achieved_rate=" + String.format("%.1f", capturedAt.size() / (double) durS));
        System.out.println("duration_s=" + durS);
        System.out.println("captured_measured=" + capturedAt.size());
        System.out.println("assigned_measured=" + all.length);
        System.out.println("not_assigned_after_drain=" + missing);
        System.out.println("errors=" + errors.sum());
        System.out.println("late_starts=" + late.sum());
        System.out.println("p50_ms=" + ms(pct(all, 50)));
        System.out.println("p90_ms=" + ms(pct(all, 90)));
        System.out.println("p99_ms=" + ms(pct(all, 99)));
        System.out.println("max_ms=" + ms(all.length == 0 ? 0 : all[all.length - 1]));
        if (analytics != null) {
            analytics.report(capturedAt, assignedAt, assignedEvent);
        }
        System.exit(0);
    }

    static List<java.util.UUID> pendingEvents(Map<String, Double> capturedAt, Map<String, java.util.UUID> assignedEvent,
                                              AnalyticsObserver analytics) {
        List<java.util.UUID> pending = new ArrayList<>();
        for (String lead : capturedAt.keySet()) {
            java.util.UUID ev = assignedEvent.get(lead);
            if (ev == null || !analytics.appliedAt.containsKey(ev)) {
                pending.add(ev); // null: LeadAssigned not seen yet, so not visible either
            }
        }
        return pending;
    }

    /** Reads analytics' database: when its read-model consumer applied each LeadAssigned (see the top comment). */
    static final class AnalyticsObserver {
        final String consumerName;
        final java.sql.Connection db;
        /** LeadAssigned event id -> processed_at (start of analytics' applying transaction), wall ms. */
        final Map<java.util.UUID, Double> appliedAt = new HashMap<>();
        /** LeadAssigned event id -> when our poll first found it committed (an upper bound of the commit), wall ms. */
        final Map<java.util.UUID, Double> seenAt = new HashMap<>();

        AnalyticsObserver(String jdbc, String user, String password, String consumerName) throws Exception {
            this.consumerName = consumerName;
            this.db = java.sql.DriverManager.getConnection(jdbc, user, password);
            this.db.setAutoCommit(true);
        }

        void poll(List<java.util.UUID> pending) throws Exception {
            Object[] ids = pending.stream().filter(java.util.Objects::nonNull).toArray();
            if (ids.length == 0) {
                return;
            }
            try (var st = db.prepareStatement("select event_id, extract(epoch from processed_at) * 1000 "
                    + "from processed_event where consumer = ? and event_id = any(?)")) {
                st.setString(1, consumerName);
                st.setArray(2, db.createArrayOf("uuid", ids));
                try (var rs = st.executeQuery()) {
                    double now = wallMs(System.nanoTime());
                    while (rs.next()) {
                        java.util.UUID id = (java.util.UUID) rs.getObject(1);
                        appliedAt.put(id, rs.getDouble(2));
                        seenAt.putIfAbsent(id, now);
                    }
                }
            }
        }

        void report(Map<String, Double> capturedAt, Map<String, Double> assignedAt,
                    Map<String, java.util.UUID> assignedEvent) throws Exception {
            // Every apply-transaction start of analytics' consumer since the measured window began: the next one
            // after a LeadAssigned's bounds that event's commit from above.
            double from = capturedAt.values().stream().mapToDouble(Double::doubleValue).min().orElse(0) - 1000;
            List<Double> starts = new ArrayList<>();
            try (var st = db.prepareStatement("select extract(epoch from processed_at) * 1000 from processed_event "
                    + "where consumer = ? and processed_at >= to_timestamp(? / 1000.0) order by processed_at")) {
                st.setString(1, consumerName);
                st.setDouble(2, from);
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        starts.add(rs.getDouble(1));
                    }
                }
            }
            double[] sortedStarts = starts.stream().mapToDouble(Double::doubleValue).toArray();
            List<Long> lat = new ArrayList<>(), bound = new ArrayList<>(), afterAssigned = new ArrayList<>();
            List<String> visibleLeads = new ArrayList<>();
            int missing = 0;
            for (Map.Entry<String, Double> e : capturedAt.entrySet()) {
                java.util.UUID ev = assignedEvent.get(e.getKey());
                Double applied = ev == null ? null : appliedAt.get(ev);
                if (applied == null) {
                    missing++;
                    continue;
                }
                visibleLeads.add(e.getKey());
                lat.add((long) ((applied - e.getValue()) * 1e6));
                int i = java.util.Arrays.binarySearch(sortedStarts, applied);
                int next = i >= 0 ? i + 1 : -i - 1;
                while (next < sortedStarts.length && sortedStarts[next] <= applied) {
                    next++;
                }
                double upper = seenAt.get(ev);
                if (next < sortedStarts.length) {
                    upper = Math.min(upper, sortedStarts[next]);
                }
                bound.add((long) ((upper - e.getValue()) * 1e6));
                Double seen = assignedAt.get(e.getKey());
                if (seen != null) {
                    afterAssigned.add((long) ((applied - seen) * 1e6));
                }
            }
            // Cross-check in the read model itself: the visible leads have an owner in the active generation.
            long withOwner;
            try (var st = db.prepareStatement("select count(*) from lead_fact f join model_generation g "
                    + "on g.generation = f.generation and g.status = 'ACTIVE' "
                    + "where f.lead_id = any(?) and f.owner_id is not null")) {
                st.setArray(1, db.createArrayOf("text", visibleLeads.toArray()));
                try (var rs = st.executeQuery()) {
                    rs.next();
                    withOwner = rs.getLong(1);
                }
            }
            // Clock check: PostgreSQL's clock against this process's anchored wall clock, read now; of 7 readings
            // the one with the shortest round trip (the offset is known within ± half of it).
            double offset = 0, rtt = Double.MAX_VALUE;
            try (var st = db.prepareStatement("select extract(epoch from clock_timestamp()) * 1000")) {
                for (int k = 0; k < 7; k++) {
                    double t0 = wallMs(System.nanoTime());
                    double pg;
                    try (var rs = st.executeQuery()) {
                        rs.next();
                        pg = rs.getDouble(1);
                    }
                    double t1 = wallMs(System.nanoTime());
                    if (t1 - t0 < rtt) {
                        rtt = t1 - t0;
                        offset = pg - (t0 + t1) / 2;
                    }
                }
            }
            long[] a = lat.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] b = bound.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] c = afterAssigned.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.println("analytics_visible=" + a.length);
            System.out.println("analytics_not_visible_after_drain=" + missing);
            System.out.println("analytics_owner_in_read_model=" + withOwner);
            System.out.println("analytics_p50_ms=" + ms(pct(a, 50)));
            System.out.println("analytics_p90_ms=" + ms(pct(a, 90)));
            System.out.println("analytics_p99_ms=" + ms(pct(a, 99)));
            System.out.println("analytics_max_ms=" + ms(a.length == 0 ? 0 : a[a.length - 1]));
            System.out.println("analytics_commit_bound_p50_ms=" + ms(pct(b, 50)));
            System.out.println("analytics_commit_bound_p99_ms=" + ms(pct(b, 99)));
            System.out.println("analytics_commit_bound_max_ms=" + ms(b.length == 0 ? 0 : b[b.length - 1]));
            System.out.println("analytics_after_kafka_p50_ms=" + ms(pct(c, 50)));
            System.out.println("analytics_after_kafka_p99_ms=" + ms(pct(c, 99)));
            System.out.println("analytics_events_applied_in_window=" + sortedStarts.length);
            System.out.println("analytics_clock_offset_ms=" + String.format("%.2f", offset));
            System.out.println("analytics_clock_rtt_ms=" + String.format("%.2f", rtt));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // seek-end: a consumer group's offsets at the end of topics (by reflection, like consume below)
    // ---------------------------------------------------------------------------------------------------------------

    static void seekEnd(Map<String, String> o) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", o.getOrDefault("bootstrap", "localhost:9092"));
        p.put("group.id", o.get("group"));
        p.put("enable.auto.commit", "false");
        p.put("allow.auto.create.topics", "false");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        List<String> topics = List.of(o.get("topics").split(","));
        Class<?> kc = Class.forName("org.apache.kafka.clients.consumer.KafkaConsumer");
        Class<?> tpc = Class.forName("org.apache.kafka.common.TopicPartition");
        Class<?> pic = Class.forName("org.apache.kafka.common.PartitionInfo");
        Class<?> omc = Class.forName("org.apache.kafka.clients.consumer.OffsetAndMetadata");
        Object c = kc.getConstructor(Properties.class).newInstance(p);
        try {
            Map<?, ?> existing = (Map<?, ?>) kc.getMethod("listTopics", Duration.class).invoke(c, Duration.ofSeconds(30));
            List<Object> tps = new ArrayList<>();
            for (String t : topics) {
                List<?> parts = (List<?>) existing.get(t);
                if (parts == null) {
                    System.err.println("  [seek-end] " + t + " does not exist yet; the group will start at its beginning");
                    continue;
                }
                for (Object pi : parts) {
                    tps.add(tpc.getConstructor(String.class, int.class).newInstance(t, pic.getMethod("partition").invoke(pi)));
                }
            }
            kc.getMethod("assign", java.util.Collection.class).invoke(c, tps);
            Map<?, ?> ends = (Map<?, ?>) kc.getMethod("endOffsets", java.util.Collection.class, Duration.class)
                    .invoke(c, tps, Duration.ofSeconds(30));
            Map<?, ?> begins = (Map<?, ?>) kc.getMethod("beginningOffsets", java.util.Collection.class, Duration.class)
                    .invoke(c, tps, Duration.ofSeconds(30));
            long leave = Long.parseLong(o.getOrDefault("leave", "0"));
            long perPartition = ends.isEmpty() ? 0 : (leave + ends.size() - 1) / ends.size();
            Map<Object, Object> commit = new HashMap<>();
            long skipped = 0, left = 0;
            for (Map.Entry<?, ?> e : ends.entrySet()) {
                long end = (Long) e.getValue();
                long begin = (Long) begins.get(e.getKey());
                long off = Math.max(begin, end - perPartition);
                skipped += off - begin;
                left += end - off;
                commit.put(e.getKey(), omc.getConstructor(long.class).newInstance(off));
            }
            kc.getMethod("commitSync", Map.class).invoke(c, commit);
            System.out.println("partitions=" + commit.size());
            System.out.println("skipped_records=" + skipped);
            System.out.println("left_records=" + left);
        } finally {
            kc.getMethod("close").invoke(c);
        }
    }

    /** Reads the routing topic from its beginning; notes when each LeadAssigned arrives. kafka-clients is used by
     *  reflection so that the file compiles with the JDK alone (the intake mode needs nothing else); the pipeline
     *  mode needs kafka-clients on the class path, which deploy/bench/run passes from the service's own jars. */
    static void consume(String bootstrap, String topic, String tag, Map<String, Double> assignedAt,
                        Map<String, java.util.UUID> assignedEvent, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-observer-" + tag);
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("fetch.max.wait.ms", "10");
        try {
            Class<?> kc = Class.forName("org.apache.kafka.clients.consumer.KafkaConsumer");
            Object c = kc.getConstructor(Properties.class).newInstance(p);
            try {
                kc.getMethod("subscribe", java.util.Collection.class).invoke(c, List.of(topic));
                var poll = kc.getMethod("poll", Duration.class);
                Class<?> rc = Class.forName("org.apache.kafka.clients.consumer.ConsumerRecord");
                var key = rc.getMethod("key");
                var value = rc.getMethod("value");
                while (!stop.get()) {
                    Iterable<?> records = (Iterable<?>) poll.invoke(c, Duration.ofMillis(50));
                    double now = wallMs(System.nanoTime());
                    for (Object r : records) {
                        String v = (String) value.invoke(r);
                        Matcher m = EVENT_TYPE.matcher(v);
                        if (m.find() && m.group(1).equals("LeadAssigned")) {
                            String lead = (String) key.invoke(r);
                            if (assignedAt.putIfAbsent(lead, now) == null) {
                                Matcher id = EVENT_ID.matcher(v);
                                if (id.find()) {
                                    assignedEvent.put(lead, java.util.UUID.fromString(id.group(1)));
                                }
                            }
                        }
                    }
                }
            } finally {
                kc.getMethod("close").invoke(c);
            }
        } catch (Exception e) {
            System.err.println("consumer failed: " + e);
        }
    }
}
