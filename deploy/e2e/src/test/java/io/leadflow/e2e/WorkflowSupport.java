package io.leadflow.e2e;

import static io.leadflow.e2e.Api.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What several ITs share: the nurture rep, low-intent leads of a given source, and readable summaries. */
final class WorkflowSupport {

    /** Marketing's nurture pool: where LOW leads go by the default assignment rules. */
    static final String NURTURE_REP = """
            {"id":"mkt-sun","name":"孙市场","seniority":"市场培育","capacity":1000}""";

    private WorkflowSupport() {
    }

    /**
     * Captures a lead that grades LOW (only aware, no budget, 6 months, declared low intent), so the nurture pool
     * takes it whatever the senior and junior reps' capacity; answers its id.
     */
    static String captureLowLead(Api api, String source, String tag) {
        String phone = Api.uniquePhone();
        Response r = json(api.intake(), """
                {"customerName":"%s%s有限公司","contactName":"刘先生","phone":"%s","source":"%s",
                 "needDescription":"订阅行业资讯","budget":"待确认","decisionCycle":"6个月","declaredIntent":"低意向"}"""
                .formatted(tag, phone.substring(3), phone, source)).post("/api/v1/leads");
        if (r.statusCode() != 201 || !"QUALIFIED".equals(r.jsonPath().getString("status"))) {
            throw new AssertionError("Capturing a " + source + " lead answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath().getString("leadId");
    }

    static String describe(List<Map<String, Object>> tasks) {
        return tasks.stream().map(t -> t.get("kind") + "/" + t.get("method") + " \"" + t.get("title") + "\" due "
                + t.get("dueAt") + (t.get("every") == null ? "" : " every " + t.get("every")))
                .collect(Collectors.joining("; "));
    }

    static String describeSources(JsonPath sources) {
        List<Map<String, Object>> rows = sources.getList("rows");
        return rows.stream().map(r -> r.get("sourceLabel") + ": leads " + r.get("leads") + ", won " + r.get("won")
                + ", lost " + r.get("lost") + ", rate " + Api.at(r, "conversionRate.percent") + ", avg cycle "
                + r.get("averageCycleDays") + " d, win " + names(r.get("winFactors")) + ", loss "
                + names(r.get("lossReasons")) + ", suggestions " + names(r.get("suggestions")))
                .collect(Collectors.joining(" | "));
    }

    @SuppressWarnings("unchecked")
    private static String names(Object list) {
        if (!(list instanceof List<?> l)) {
            return String.valueOf(list);
        }
        return l.stream().map(o -> o instanceof Map<?, ?> m
                ? String.valueOf(m.containsKey("label") ? m.get("label") : m.containsKey("text") ? m.get("text") : m)
                : String.valueOf(o)).collect(Collectors.joining(", ", "[", "]"));
    }

    static String abbreviate(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "...";
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
