import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, from JFR execution samples, in the words of our stack: each sample is charged to the
 * innermost frame that is not the JDK itself (a HashMap.get called by Hibernate is Hibernate's), grouped by
 * library, plus the hottest Leadflow frames on the stack (inclusive) and the hottest methods (self).
 *
 *   java deploy/bench/JfrTop.java recording.jfr [more.jfr ...] [--top 15] [--last SECONDS]
 *
 * {@code --last} keeps only the samples of each recording's last SECONDS (a recording dumped at exit right after
 * deploy/bench/cpu's load window: the load, without the JVM's start-up and warm-up).
 *
 * Record with -XX:StartFlightRecording=settings=profile,filename=DIR/ (deploy/bench/cpu passes
 * BENCH_SERVICE_JAVA_OPTS to every service).
 */
public class JfrTop {

    /** Package prefix -> what to call it; the first match from the top of this list wins. */
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("io.leadflow.", "Leadflow code");
        LIBRARIES.put("org.hibernate.validator.", "Hibernate Validator");
        LIBRARIES.put("org.hibernate.", "Hibernate ORM");
        LIBRARIES.put("io.quarkus.hibernate.", "Hibernate ORM");
        LIBRARIES.put("org.postgresql.", "PostgreSQL JDBC driver");
        LIBRARIES.put("io.agroal.", "Agroal pool");
        LIBRARIES.put("com.arjuna.", "Narayana JTA");
        LIBRARIES.put("io.quarkus.narayana.", "Narayana JTA");
        LIBRARIES.put("org.jboss.tm.", "Narayana JTA");
        LIBRARIES.put("com.fasterxml.jackson.", "Jackson JSON");
        LIBRARIES.put("org.apache.kafka.", "Kafka clients");
        LIBRARIES.put("io.netty.", "Netty / Vert.x HTTP");
        LIBRARIES.put("io.vertx.", "Netty / Vert.x HTTP");
        LIBRARIES.put("org.jboss.resteasy.", "RESTEasy Reactive");
        LIBRARIES.put("io.quarkus.resteasy.", "RESTEasy Reactive");
        LIBRARIES.put("org.jose4j.", "JWT (jose4j, smallrye-jwt)");
        LIBRARIES.put("io.smallrye.jwt.", "JWT (jose4j, smallrye-jwt)");
        LIBRARIES.put("io.smallrye.config.", "SmallRye Config");
        LIBRARIES.put("io.micrometer.", "Micrometer");
        LIBRARIES.put("org.jboss.logging.", "logging");
        LIBRARIES.put("org.jboss.logmanager.", "logging");
        LIBRARIES.put("io.quarkus.arc.", "ArC (CDI)");
        LIBRARIES.put("com.google.i18n.phonenumbers.", "libphonenumber");
        LIBRARIES.put("io.quarkus.", "Quarkus (other)");
        LIBRARIES.put("io.smallrye.", "SmallRye (other)");
    }

    public static void main(String[] args) throws Exception {
        int top = 15;
        java.time.Duration last = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--top".equals(args[i])) {
                top = Integer.parseInt(args[++i]);
            } else if ("--last".equals(args[i])) {
                last = java.time.Duration.ofSeconds(Long.parseLong(args[++i]));
            } else {
                files.add(Path.of(args[i]));
            }
        }
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> selfMethods = new HashMap<>();
        Map<String, Integer> leadflowInclusive = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        // library -> innermost Leadflow method below it: who made Hibernate (or Jackson...) work that hard
        Map<String, Map<String, Integer>> callers = new HashMap<>();
        int samples = 0;
        for (Path file : files) {
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            java.time.Instant from = java.time.Instant.MIN;
            if (last != null) {
                from = events.stream().map(RecordedEvent::getEndTime).max(java.util.Comparator.naturalOrder())
                        .orElse(java.time.Instant.MAX).minus(last);
            }
            for (RecordedEvent event : events) {
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
                        || event.getStartTime().isBefore(from)) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                String library = "JDK only";
                for (RecordedFrame frame : frames) {
                    String type = frame.getMethod().getType().getName();
                    String match = library(type);
                    if (match != null) {
                        library = match;
                        break;
                    }
                }
                byLibrary.merge(library, 1, Integer::sum);
                for (RecordedFrame frame : frames) {
                    if (ours(frame.getMethod().getType().getName())) {
                        callers.computeIfAbsent(library, k -> new HashMap<>()).merge(name(frame), 1, Integer::sum);
                        break;
                    }
                }
                if (!frames.isEmpty()) {
                    selfMethods.merge(name(frames.get(0)), 1, Integer::sum);
                }
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (RecordedFrame frame : frames) {
                    if (ours(frame.getMethod().getType().getName()) && seen.add(name(frame))) {
                        leadflowInclusive.merge(name(frame), 1, Integer::sum);
                    }
                }
                String thread = event.getThread("sampledThread") == null ? "?"
                        : event.getThread("sampledThread").getJavaName();
                byThread.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
            }
        }
        System.out.printf("%d execution samples from %s%n", samples, files);
        print("by library (innermost non-JDK frame)", byLibrary, samples, top);
        print("by thread", byThread, samples, top);
        print("Leadflow frames on the stack (inclusive)", leadflowInclusive, samples, top);
        print("hottest methods (self)", selfMethods, samples, top);
        List<String> biggest = byLibrary.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4).map(Map.Entry::getKey)
                .filter(callers::containsKey).toList();
        for (String library : biggest) {
            print(library + ", by the innermost Leadflow method that called it", callers.get(library), samples, 8);
        }
    }

    /** Our own methods, not the subclasses and proxies Quarkus generates around them. */
    private static boolean ours(String type) {
        return type.startsWith("io.leadflow.") && !type.contains("_Subclass") && !type.contains("_ClientProxy")
                && !type.contains("$$") && !type.contains("quarkusrestinvoker") && !type.contains("$Lambda");
    }

    private static String library(String type) {
        for (Map.Entry<String, String> e : LIBRARIES.entrySet()) {
            if (type.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.printf("%n%s:%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
