import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/bench/AnalyticsBench.java: times every analytics table endpoint for a month, a quarter and a year against a
 * plain GROUP BY over lead_fact for the same period (run by psql, EXPLAIN ANALYZE execution time).
 *
 * <pre>
 * java deploy/bench/AnalyticsBench.java --url http://127.0.0.1:18084 --token $T --db leadflow_bench_analytics \
 *      --month 2026-10 --quarter 2026-07-01:2026-09-30 --year 2025-11-01:2026-10-31 --reps 15 --warmup 3
 * </pre>
 *
 * Prints markdown rows: endpoint | period | p50 ms | p95 ms | max ms | GROUP BY p50 ms | p50 / GROUP BY. Each request
 * must answer 200 with a body; a failure stops the run. Latency is send to last byte, one request at a time.
 */
public class AnalyticsBench {

    record Period(String name, String from, String to) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        int first = args.length > 0 && !args[0].startsWith("--") ? 1 : 0;
        for (int i = first; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (first == 1 && args[0].equals("events")) {
            sendEvents(a);
            return;
        }
        String url = a.getOrDefault("url", "http://127.0.0.1:18084");
        String token = a.get("token");
        String db = a.getOrDefault("db", "leadflow_bench_analytics");
        int reps = Integer.parseInt(a.getOrDefault("reps", "15"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "3"));
        String month = a.getOrDefault("month", "2026-10");
        List<Period> periods = List.of(
                new Period("month " + month, month + "-01", java.time.YearMonth.parse(month).atEndOfMonth().toString()),
                period("quarter", a.getOrDefault("quarter", "2026-07-01:2026-09-30")),
                period("year", a.getOrDefault("year", "2025-11-01:2026-10-31")));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> rows = new ArrayList<>();
        rows.add("| endpoint | period | p50 ms | p95 ms | max ms | plain GROUP BY p50 ms | p50 ÷ GROUP BY |");
        rows.add("|---|---|---:|---:|---:|---:|---:|");
        long under = 0;
        long total = 0;
        double worst = 0;
        String worstName = "";
        for (Period p : periods) {
            double base = baseline(db, p, reps);
            System.err.printf(Locale.ROOT, "[analytics-bench] baseline GROUP BY %-14s p50 %7.1f ms%n", p.name, base);
            String q = "from=" + p.from + "&to=" + p.to;
            Map<String, String> endpoints = new LinkedHashMap<>();
            for (String g : List.of("source", "grade", "owner", "region", "industry", "month", "source,grade")) {
                endpoints.put("conversion?groupBy=" + g, "/api/v1/analytics/conversion?groupBy=" + g + "&" + q);
            }
            endpoints.put("sources", "/api/v1/analytics/sources?" + q);
            endpoints.put("funnel", "/api/v1/analytics/funnel?" + q);
            endpoints.put("cohorts", "/api/v1/analytics/cohorts?" + q);
            for (String g : List.of("grade", "source", "owner")) {
                endpoints.put("response-times?groupBy=" + g, "/api/v1/analytics/response-times?groupBy=" + g + "&" + q);
            }
            endpoints.put("insights", "/api/v1/analytics/insights?" + q);
            endpoints.put("leads (page 1)", "/api/v1/analytics/leads?size=50&" + q);
            if (p.name.startsWith("month")) {
                endpoints.put("reviews/" + month, "/api/v1/analytics/reviews/" + month);
            }
            for (Map.Entry<String, String> e : endpoints.entrySet()) {
                double[] ms = time(http, url + e.getValue(), token, warmup, reps);
                Arrays.sort(ms);
                double p50 = pct(ms, 50);
                total++;
                if (p50 < 100) {
                    under++;
                }
                if (p50 > worst) {
                    worst = p50;
                    worstName = e.getKey() + " (" + p.name + ")";
                }
                rows.add(String.format(Locale.ROOT, "| `%s` | %s | %.1f | %.1f | %.1f | %.1f | %.2f |", e.getKey(), p.name,
                        p50, pct(ms, 95), ms[ms.length - 1], base, p50 / base));
                System.err.printf(Locale.ROOT, "[analytics-bench] %-32s %-14s p50 %7.1f ms p95 %7.1f ms%n", e.getKey(),
                        p.name, p50, pct(ms, 95));
            }
        }
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%n%d of %d endpoint × period cells answer under 100 ms at p50; slowest: %s, %.1f ms%n",
                under, total, worstName, worst);
    }

    /**
     * {@code events --bootstrap B --prefix P --leads N}: publishes N leads' lives (capture, qualification, grade,
     * assignment, first touch, two stage moves, won or lost: 8 events each, ids LR...) on the prefixed topics, as the
     * three services would, keyed by lead id; prints the number of events. Needs lead-events and kafka-clients on the
     * class path (the analytics app's lib/main).
     */
    static void sendEvents(Map<String, String> a) throws Exception {
        int leads = Integer.parseInt(a.getOrDefault("leads", "2000"));
        String prefix = a.getOrDefault("prefix", "");
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", a.getOrDefault("bootstrap", "localhost:9092"));
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("acks", "all");
        p.put("linger.ms", "20");
        java.util.Random random = new java.util.Random(42);
        String[] sources = {"WEBSITE_FORM", "TRADE_SHOW", "PARTNER_REFERRAL", "SOCIAL_MEDIA", "CUSTOMER_REFERRAL"};
        String[] grades = {"HIGH", "MEDIUM", "LOW"};
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
        long n = 0;
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(p)) {
            for (int i = 0; i < leads; i++) {
                String id = String.format(Locale.ROOT, "LR%08d", i);
                String source = sources[random.nextInt(sources.length)];
                String grade = grades[random.nextInt(grades.length)];
                String owner = String.format(Locale.ROOT, "rep-%02d", 1 + random.nextInt(40));
                java.time.Instant t0 = java.time.LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300)).atTime(10, 0)
                        .atZone(zone).toInstant();
                var profile = new io.leadflow.events.contract.LeadProfile("压测科技有限公司", "张经理", null, null, null,
                        source, null, null, "需要CRM系统", "SOFTWARE", "上海", 120, "ENTERPRISE", null, 30, grade, null,
                        null, null, t0);
                java.time.Instant touch = t0.plusSeconds(60L * (5 + random.nextInt(600)));
                List<Object[]> lives = new ArrayList<>();
                lives.add(new Object[] {t0, "lead-intake-service",
                    new io.leadflow.events.contract.LeadEvent.LeadCaptured(profile, "STAFF")});
                lives.add(new Object[] {t0.plusSeconds(5), "lead-intake-service",
                    new io.leadflow.events.contract.LeadEvent.LeadQualified(profile, 1)});
                lives.add(new Object[] {t0.plusSeconds(30), "lead-routing-service",
                    new io.leadflow.events.contract.LeadEvent.LeadGraded(grade, 70, List.of(), 1, false, null, null)});
                lives.add(new Object[] {t0.plusSeconds(40), "lead-routing-service",
                    new io.leadflow.events.contract.LeadEvent.LeadAssigned(owner, "销售", "SENIOR", grade, source,
                            "rule-1", "ROUND_ROBIN", "bench")});
                lives.add(new Object[] {touch, "followup-service",
                    new io.leadflow.events.contract.LeadEvent.FollowUpLogged("f-" + id, owner, touch, "PHONE", "DONE",
                            true, null, null)});
                lives.add(new Object[] {touch, "followup-service",
                    new io.leadflow.events.contract.LeadEvent.LeadStageChanged("NEW", "CONTACTED", owner, null)});
                lives.add(new Object[] {touch.plusSeconds(86_400 * 3), "followup-service",
                    new io.leadflow.events.contract.LeadEvent.LeadStageChanged("CONTACTED", "PROPOSAL", owner, null)});
                java.time.Instant end = touch.plusSeconds(86_400L * (5 + random.nextInt(40)));
                java.time.LocalDate day = java.time.LocalDate.ofInstant(end, zone);
                lives.add(new Object[] {end, "followup-service", random.nextInt(3) == 0
                    ? new io.leadflow.events.contract.LeadEvent.LeadWon(day, new io.leadflow.events.contract.Money(
                            java.math.BigDecimal.valueOf(50_000), "CNY"), List.of("案例打动"), owner)
                    : new io.leadflow.events.contract.LeadEvent.LeadLost(day, "BUDGET", null, owner)});
                for (Object[] e : lives) {
                    var envelope = io.leadflow.events.contract.EventEnvelope.of(id, (java.time.Instant) e[0],
                            (String) e[1], (io.leadflow.events.contract.LeadEvent) e[2]);
                    sent.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                            prefix + envelope.topic(), id, io.leadflow.events.contract.EventJson.encodeBytes(envelope))));
                    n++;
                }
            }
            for (var f : sent) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        System.out.println(n);
    }

    static Period period(String name, String range) {
        String[] x = range.split(":");
        return new Period(name + " " + x[0] + "…" + x[1], x[0], x[1]);
    }

    static double[] time(HttpClient http, String url, String token, int warmup, int reps) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        double[] out = new double[reps];
        for (int i = -warmup; i < reps; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            long t1 = System.nanoTime();
            if (r.statusCode() != 200 || r.body().length == 0) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            if (i >= 0) {
                out[i] = (t1 - t0) / 1e6;
            }
        }
        return out;
    }

    /** The baseline: one plain GROUP BY source over the period's facts, EXPLAIN ANALYZE execution time, p50. */
    static double baseline(String db, Period p, int reps) throws Exception {
        String sql = "explain (analyze, timing off) select source, count(*) as leads, "
                + "count(*) filter (where outcome = 'WON') as won, count(*) filter (where screening = 'QUALIFIED') "
                + "as qualified, sum(amount) filter (where outcome = 'WON') as won_amount from lead_fact where "
                + "generation = (select generation from model_generation where status = 'ACTIVE') and registered_on "
                + "between '" + p.from + "' and '" + p.to + "' group by source";
        Pattern exec = Pattern.compile("Execution Time: ([0-9.]+) ms");
        double[] ms = new double[reps];
        for (int i = -2; i < reps; i++) {
            Process proc = new ProcessBuilder("psql", "-h", env("LEADFLOW_PG_HOST", "localhost"), "-p",
                    env("LEADFLOW_PG_PORT", "5432"), "-U", env("LEADFLOW_PG_USER", "leadflow"), "-d", db, "-qAtX",
                    "-c", sql).redirectErrorStream(true).start();
            String text;
            try (InputStream in = proc.getInputStream()) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                text = buf.toString(StandardCharsets.UTF_8);
            }
            proc.waitFor();
            Matcher m = exec.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no execution time from psql: " + text);
            }
            if (i >= 0) {
                ms[i] = Double.parseDouble(m.group(1));
            }
        }
        Arrays.sort(ms);
        return pct(ms, 50);
    }

    static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
