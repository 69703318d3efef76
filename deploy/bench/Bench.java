// Leadflow load generator. Single file, JDK only for the HTTP part (java.net.http.HttpClient); the
// pipeline mode also needs kafka-clients on the class path (deploy/bench/run passes the service's own jars).
//
//   java Bench.java intake   --url http://localhost:18081 --concurrency 16 --warmup 10 --duration 30 --run-id R \
//        [--seq-base 0] [--spread-days 0]
//   java -cp <kafka jars> Bench.java pipeline --url http://localhost:18081 --rate 100 --warmup 5 --duration 30 \
//        --run-id R --bootstrap localhost:9092 --topic bench-R.leadflow.routing.v1 [--drain 30]
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

    static Map<String, String> args(String[] a) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i + 1 < a.length; i += 2) {
            m.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        return m;
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

        // Arrival wall-clock (ms since epoch, µs precision) of each lead's LeadAssigned at our consumer.
        Map<String, Double> assignedAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = new Thread(() -> consume(bootstrap, topic, tag, assignedAt, stop), "bench-consumer");
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
        // Wall clock anchored once, advanced with nanoTime: sub-millisecond and monotonic.
        long wallAnchorMs = System.currentTimeMillis();
        long nanoAnchor = System.nanoTime();
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
                            capturedAt.put(m.group(1), wallAnchorMs + (scheduled - nanoAnchor) / 1e6);
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
        while (System.nanoTime() < drainUntil && !assignedAt.keySet().containsAll(capturedAt.keySet())) {
            Thread.sleep(250);
        }
        stop.set(true);

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
        System.exit(0);
    }

    /** Reads the routing topic from its beginning; notes when each LeadAssigned arrives. kafka-clients is used by
     *  reflection so that the file compiles with the JDK alone (the intake mode needs nothing else); the pipeline
     *  mode needs kafka-clients on the class path, which deploy/bench/run passes from the service's own jars. */
    static void consume(String bootstrap, String topic, String tag, Map<String, Double> assignedAt, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-observer-" + tag);
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("fetch.max.wait.ms", "10");
        long wallAnchorMs = System.currentTimeMillis();
        long nanoAnchor = System.nanoTime();
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
                    double now = wallAnchorMs + (System.nanoTime() - nanoAnchor) / 1e6;
                    for (Object r : records) {
                        Matcher m = EVENT_TYPE.matcher((String) value.invoke(r));
                        if (m.find() && m.group(1).equals("LeadAssigned")) {
                            assignedAt.putIfAbsent((String) key.invoke(r), now);
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
