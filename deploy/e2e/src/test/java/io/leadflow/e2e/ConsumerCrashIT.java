package io.leadflow.e2e;

import static io.leadflow.e2e.Api.awaitGet;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

/**
 * {@code kill -9} of a consumer service in the middle of a stream of leads, then a restart: every lead still gets
 * exactly one owner, one assignment event's worth of tasks, and one fact row in analytics. What a SIGKILL leaves
 * behind (events consumed but offsets not committed, outbox rows published but not marked) must be redelivered
 * and deduplicated, never applied twice.
 */
@ExtendWith(E2eStackExtension.class)
@Order(2)
class ConsumerCrashIT {

    static final String SOURCE = "PARTNER_REFERRAL";
    static final int LEADS = Integer.getInteger("leadflow.e2e.crash-leads", 30);
    static final int KILL_AFTER = 8;

    @Test
    void routingKilledMidStreamDoublesNothing(E2eStack stack) throws Exception {
        Api api = new Api(stack);
        api.ensureRep(WorkflowSupport.NURTURE_REP);

        // A control lead through the healthy pipeline: what one lead of this kind should produce.
        String control = WorkflowSupport.captureLowLead(api, SOURCE, "对照");
        awaitGet(api.routing(), "/api/v1/assignments/" + control,
                r -> r.statusCode() == 200 && r.jsonPath().get("owner.ownerId") != null, Duration.ofSeconds(60),
                Duration.ofMillis(50));
        assertThat(api.routing().get("/api/v1/grades/" + control).jsonPath().getString("grade"))
                .isEqualTo("LOW");
        int tasksPerLead = awaitGet(api.followup().queryParam("leadId", control).queryParam("status", "ALL"),
                "/api/v1/tasks", r -> r.statusCode() == 200 && r.jsonPath().getInt("total") > 0,
                Duration.ofSeconds(60), Duration.ofMillis(50)).json().getInt("total");
        Quiescence.await(stack, Duration.ofSeconds(60)); // a late duplicate of the control's tasks would show now
        assertThat(tasks(api, control)).hasSize(tasksPerLead);

        // A stream of leads; routing is killed with SIGKILL after the KILL_AFTER-th capture, mid-stream.
        ServiceProcess routing = stack.service(E2eStack.Service.ROUTING);
        List<String> leads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch killPoint = new CountDownLatch(KILL_AFTER);
        AtomicReference<Throwable> producerError = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < LEADS; i++) {
                    leads.add(WorkflowSupport.captureLowLead(api, SOURCE, "渠道" + i + "号"));
                    killPoint.countDown();
                    Thread.sleep(40);
                }
            } catch (Throwable t) {
                producerError.set(t);
            } finally {
                while (killPoint.getCount() > 0) {
                    killPoint.countDown();
                }
            }
        }, "e2e-lead-stream");
        producer.start();
        assertThat(killPoint.await(60, TimeUnit.SECONDS)).isTrue();
        long pid = routing.pid();
        routing.kill9();
        long killedAt = System.nanoTime();
        int capturedBeforeKill = leads.size();
        E2eReport.line("crash: killed lead-routing-service (pid " + pid + ") with SIGKILL after " + capturedBeforeKill
                + " of " + LEADS + " leads were captured");
        Duration restart;
        try {
            producer.join(120_000);
            assertThat(producerError.get()).as("intake kept capturing while routing was down").isNull();
            assertThat(leads).hasSize(LEADS);
        } finally {
            // Whatever happened above, the ITs after this one need routing back.
            routing.start();
            restart = routing.awaitReady(Duration.ofSeconds(180));
        }
        E2eReport.line(String.format(Locale.ROOT, "crash: routing restarted and ready in %.1f s",
                restart.toMillis() / 1000.0));

        long readyAt = System.nanoTime();
        // Every lead: exactly one owner and one assignment in its history.
        for (String lead : leads) {
            JsonPath a = awaitGet(api.routing(), "/api/v1/assignments/" + lead,
                    r -> r.statusCode() == 200 && r.jsonPath().get("owner.ownerId") != null, Duration.ofSeconds(90),
                    Duration.ofMillis(100)).json();
            assertThat(a.getList("history")).as("assignment history of %s", lead).hasSize(1);
            JsonPath grade = api.routing().get("/api/v1/grades/" + lead).then().statusCode(200).extract()
                    .jsonPath();
            assertThat(grade.getList("history")).as("grade history of %s", lead).hasSize(1);
        }
        E2eReport.line(String.format(Locale.ROOT, "crash: all %d leads assigned %.1f s after the kill, %.1f s after"
                + " the restarted routing was ready (a SIGKILLed member keeps its partitions until its group session"
                + " times out: session.timeout.ms, 45 s by default)", LEADS, (System.nanoTime() - killedAt) / 1e9,
                (System.nanoTime() - readyAt) / 1e9));
        // The assignment list agrees: one assignment per lead, active or ended.
        long active = assignmentsOf(api, leads);
        assertThat(active).as("assignments (active or ended) of the streamed leads").isEqualTo(LEADS);

        // Follow-up: exactly the control's number of tasks for each lead, once the redelivered events are in.
        for (String lead : leads) {
            awaitGet(api.followup().queryParam("leadId", lead).queryParam("status", "ALL"), "/api/v1/tasks",
                    r -> r.statusCode() == 200 && r.jsonPath().getInt("total") >= tasksPerLead,
                    Duration.ofSeconds(60), Duration.ofMillis(100));
        }
        // Everything redelivered after the kill has been consumed by now: a doubled task would be there.
        Quiescence.await(stack, Duration.ofSeconds(60));
        Map<String, Integer> wrong = new HashMap<>();
        for (String lead : leads) {
            int n = tasks(api, lead).size();
            if (n != tasksPerLead) {
                wrong.put(lead, n);
            }
        }
        assertThat(wrong).as("leads whose task count differs from the control's %d", tasksPerLead).isEmpty();

        // Analytics: one fact per lead, one owner each, no reassignment.
        JsonPath bySource = awaitGet(api.analytics().queryParam("groupBy", "source"), "/api/v1/analytics/conversion",
                r -> {
                    Map<String, Object> row = Api.row(r.jsonPath(), "rows", "source", SOURCE);
                    return row != null && Integer.valueOf(LEADS + 1).equals(row.get("leads"));
                }, Duration.ofSeconds(60), Duration.ofMillis(250)).json();
        assertThat(Api.row(bySource, "rows", "source", SOURCE).get("leads")).isEqualTo(LEADS + 1);
        for (String lead : leads.subList(0, Math.min(leads.size(), 12))) {
            JsonPath facts = awaitGet(api.analytics(), "/api/v1/analytics/leads/" + lead,
                    r -> r.statusCode() == 200 && r.jsonPath().get("facts.ownerId") != null, Duration.ofSeconds(60),
                    Duration.ofMillis(100)).json();
            assertThat(facts.getInt("facts.reassignments")).as("reassignments of %s", lead).isZero();
        }
        E2eReport.line("crash: " + LEADS + " leads, each with exactly 1 assignment, 1 grade, " + tasksPerLead
                + " task(s) and 1 analytics fact after the SIGKILL and restart");
    }

    private static List<Map<String, Object>> tasks(Api api, String lead) {
        return api.followup().queryParam("leadId", lead).queryParam("status", "ALL").queryParam("size", 100)
                .get("/api/v1/tasks").then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static long assignmentsOf(Api api, List<String> leads) {
        long count = 0;
        for (int page = 0; ; page++) {
            JsonPath p = api.routing().queryParam("status", "ALL").queryParam("page", page).queryParam("size", 100)
                    .get("/api/v1/assignments").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = p.getList("items");
            for (Map<String, Object> a : items) {
                if (leads.contains(String.valueOf(a.get("leadId")))) {
                    count++;
                }
            }
            if (items.isEmpty() || (long) (page + 1) * 100 >= p.getLong("total")) {
                return count;
            }
        }
    }
}
