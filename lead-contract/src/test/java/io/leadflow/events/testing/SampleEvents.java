package io.leadflow.events.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.Consent;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.GradeReason;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Money;
import io.leadflow.events.contract.PolicyTrial;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.contract.Utm;

/**
 * One realistic sample of every event type, built from the template's Table 1 and Table 2 rows. The golden JSON
 * files under src/test/resources/golden are these samples on the wire; changing either is a contract change.
 */
public final class SampleEvents {

    public static final String LEAD_ID = "LX20240301000123";
    public static final Instant AT = Instant.parse("2024-03-01T02:30:00Z");

    private SampleEvents() {
    }

    public static LeadProfile tradeShowLead() {
        return new LeadProfile("星辰科技有限公司", "张经理", "+8613912345678", "zhang@xingchen-tech.cn", "zhang_xc",
                "TRADE_SHOW", "2024 上海数字化展会", new Utm(null, null, "expo-2024-sh", null, null),
                "需要CRM系统", "SOFTWARE", "上海", 120, "ENTERPRISE",
                new Budget(new BigDecimal("100000"), new BigDecimal("150000"), "CNY", "10-15万"), 30, "HIGH", null,
                "李销售", new Consent(true, AT, "同意接收产品资讯"), AT);
    }

    public static Map<EventType, EventEnvelope> all() {
        List<LeadEvent> payloads = List.of(
                new LeadEvent.LeadCaptured(tradeShowLead(), "STAFF"),
                new LeadEvent.LeadQualified(tradeShowLead(), 3),
                new LeadEvent.LeadRejected(List.of(new Reason("CONTACT_INCOMPLETE",
                        "Neither a valid phone nor a valid email was given")), 3, "WEBSITE_FORM", AT),
                new LeadEvent.LeadUpdated(tradeShowLead(), List.of("budget", "decisionCycleDays"), "manager-wang"),
                new LeadEvent.DuplicateLeadMerged("T-8f2c", "PHONE", "WEBSITE_FORM", "官网首页表单",
                        new Utm("baidu", "cpc", "crm-spring", "crm系统", "ad-1"), AT.plusSeconds(86_400)),
                new LeadEvent.LeadMerged("LX20240228000045", "manager-wang"),
                new LeadEvent.LeadErased("admin@leadflow.io", "客户要求删除个人信息"),
                new LeadEvent.LeadGraded("HIGH", 85, List.of(
                        new GradeReason("DECLARED_INTENT", "declared intent HIGH", 30),
                        new GradeReason("BUDGET_FIT", "budget 100000-150000 CNY within expected 50000-300000", 15),
                        new GradeReason("DECISION_CYCLE", "decision cycle 30 days ≤ 30", 40)), 2, false, null, null),
                new LeadEvent.LeadAssigned("rep-li", "李销售", "SENIOR", "HIGH", "TRADE_SHOW", "rule-high-senior", "LEAST_LOADED",
                        "HIGH to SENIOR reps in SOFTWARE or 上海; 李销售 has 3 of 20 open leads", AT),
                new LeadEvent.LeadReassigned("rep-li", "rep-zhao", "赵销售", "HIGH", "李销售 on leave until 2024-03-20",
                        "manager-wang"),
                new LeadEvent.FollowUpLogged("F-1001", "rep-li", Instant.parse("2024-03-02T03:00:00Z"), "PHONE", "DONE",
                        true, "3月5日前发送定制方案", LocalDate.of(2024, 3, 5)),
                new LeadEvent.FollowUpScheduled("T-2001", "rep-li", "HIGH", "FIRST_RESPONSE", "PHONE",
                        Instant.parse("2024-03-03T02:30:00Z")),
                new LeadEvent.LeadStageChanged("NEW", "CONTACTED", "rep-li", "first call done",
                        Instant.parse("2024-03-02T03:00:00Z"), false),
                new LeadEvent.LeadWon(LocalDate.of(2024, 3, 26), new Money(new BigDecimal("120000"), "CNY"),
                        List.of("现场互动强", "需求明确"), "rep-li"),
                new LeadEvent.LeadLost(LocalDate.of(2024, 4, 10), "BUDGET", "预算不足, 明年再议", "rep-li"),
                new LeadEvent.FirstResponseSlaBreached("HIGH", "TRADE_SHOW", "rep-li", AT.plusSeconds(60),
                        Instant.parse("2024-03-03T02:30:00Z"), AT),
                new LeadEvent.RegradeRequested("HIGH", "客户明确了预算和上线时间", "rep-zhao"),
                new LeadEvent.FollowUpTaskClosed("T-2001", "rep-li", "FIRST_RESPONSE", "DONE", "rep-li",
                        Instant.parse("2024-03-02T03:05:00Z"), "F-1001"),
                new LeadEvent.PolicyVersionPublished("CADENCE", 3, "manager-wang",
                        "缩短官网表单线索响应时间至24小时内", AT, new PolicyTrial("CADENCE_WHAT_IF",
                        LocalDate.of(2023, 10, 1), LocalDate.of(2023, 12, 31), 1240, "FIRST_RESPONSE_SLA_PERCENT",
                        new BigDecimal("86.0"), new BigDecimal("72.5"), "manager-wang", AT.minusSeconds(600))));
        return payloads.stream().collect(Collectors.toMap(EventType::of, SampleEvents::envelope,
                (a, b) -> a, () -> new java.util.EnumMap<>(EventType.class)));
    }

    /** A deterministic envelope: the event id is derived from the type so golden files stay stable. */
    public static EventEnvelope envelope(LeadEvent payload) {
        EventType type = EventType.of(payload);
        UUID id = UUID.nameUUIDFromBytes(("sample-" + type.code()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String key = payload instanceof LeadEvent.PolicyVersionPublished p ? LeadEvent.PolicyVersionPublished.key(p.policy())
                : LEAD_ID;
        return new EventEnvelope(id, type.code(), type.schemaVersion(), key, AT, producerOf(type), payload);
    }

    private static String producerOf(EventType type) {
        return switch (type.topic()) {
            case "leadflow.intake.v1" -> "lead-intake-service";
            case "leadflow.routing.v1" -> "lead-routing-service";
            default -> "followup-service";
        };
    }

    public static Function<EventType, String> goldenPath() {
        return type -> "/golden/" + type.code() + ".json";
    }
}
