package io.leadflow.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.SampleEvents;

/** What of an event may stay once its lead is erased: the one policy every service applies to its outbox. */
class WithoutPersonalDataTest {

    /** Every word in the sample events that a person typed or that names or reaches the customer. */
    private static final List<String> PERSONAL = List.of("星辰科技有限公司", "张经理", "+8613912345678",
            "zhang@xingchen-tech.cn", "zhang_xc", "2024 上海数字化展会", "expo-2024-sh", "需要CRM系统", "10-15万",
            "同意接收产品资讯", "Neither a valid phone", "官网首页表单", "crm-spring", "李销售 on leave",
            "3月5日前发送定制方案", "first call done", "现场互动强", "预算不足, 明年再议", "客户明确了预算和上线时间",
            "budget 100000-150000 CNY");

    @Test
    void noEventKeepsAWordOfTheCustomerOrOfAPersonAboutThem() {
        Map<EventType, EventEnvelope> samples = SampleEvents.all();
        int changed = 0;
        for (EventEnvelope event : samples.values()) {
            if (event.payload() instanceof LeadEvent.PolicyVersionPublished || event.payload() instanceof LeadEvent.LeadErased) {
                continue; // about a policy, and the erasure itself: no customer in them
            }
            LeadEvent scrubbed = event.payload().withoutPersonalData();
            String json = EventJson.encode(new EventEnvelope(event.eventId(), event.eventType(), event.schemaVersion(),
                    event.leadId(), event.occurredAt(), event.producer(), scrubbed));
            for (String word : PERSONAL) {
                assertThat(json).as(event.eventType()).doesNotContain(word);
            }
            assertThat(EventJson.decode(json).payload()).as("still an event of its contract").isEqualTo(scrubbed);
            assertThat(scrubbed.withoutPersonalData()).as("applied twice, the same").isEqualTo(scrubbed);
            if (!scrubbed.equals(event.payload())) {
                changed++;
            }
        }
        assertThat(changed).as("sample events that carried personal data").isEqualTo(12);
    }

    @Test
    void aProfileKeepsTheCodesAndNumbersGradingAndAnalysisUse() {
        var captured = (LeadEvent.LeadCaptured) SampleEvents.all().get(EventType.LEAD_CAPTURED).payload();
        LeadProfile kept = captured.withoutPersonalData().lead();
        assertThat(kept.source()).isEqualTo("TRADE_SHOW");
        assertThat(kept.industry()).isEqualTo("SOFTWARE");
        assertThat(kept.region()).isEqualTo("上海");
        assertThat(kept.companySize()).isEqualTo(120);
        assertThat(kept.budget().min()).isEqualByComparingTo("100000");
        assertThat(kept.budget().text()).isNull();
        assertThat(kept.decisionCycleDays()).isEqualTo(30);
        assertThat(kept.declaredIntent()).isEqualTo("HIGH");
        assertThat(kept.registeredAt()).isEqualTo(SampleEvents.AT);
        assertThat(kept.customerName()).isNull();
        assertThat(kept.consent()).isNull();
        assertThat(captured.withoutPersonalData().channel()).isEqualTo("STAFF");
    }

    @Test
    void aTextThatWasThereReadsErasedAndOneThatWasNotStaysAbsent() {
        var regraded = new LeadEvent.LeadGraded("HIGH", 80, List.of(new GradeReason("NEED_CLARITY",
                "need '需要CRM系统，电话+8613912345678' states an explicit need (需要)", 30)), 3, false, "MEDIUM",
                "客户来电 +8613912345678");
        assertThat(regraded.withoutPersonalData()).isEqualTo(new LeadEvent.LeadGraded("HIGH", 80, List.of(), 3, false,
                "MEDIUM", LeadEvent.ERASED));
        var first = new LeadEvent.LeadGraded("LOW", 10, List.of(), 1, false, null, null);
        assertThat(first.withoutPersonalData().regradeReason()).isNull();
    }

    @Test
    void aManagersHandMadeAssignmentLosesItsWhyAndARulesOneIsKept() {
        var manual = new LeadEvent.LeadAssigned("rep-li", "李销售", "SENIOR", "HIGH", "TRADE_SHOW", "MANUAL", "MANUAL",
                "reassigned by mgr: 客户 13912345678 指定");
        assertThat(manual.withoutPersonalData().why()).isEqualTo(LeadEvent.ERASED);
        var ruled = new LeadEvent.LeadAssigned("rep-li", "李销售", "SENIOR", "HIGH", "TRADE_SHOW", "high-senior",
                "LEAST_LOADED", "HIGH → SENIOR, least loaded");
        assertThat(ruled.withoutPersonalData()).isSameAs(ruled);
    }

    @Test
    void anOutcomeKeepsItsReasonCodeDateAndAmount() {
        var lost = new LeadEvent.LeadLost(java.time.LocalDate.of(2024, 4, 10), "BUDGET", "预算不足, 明年再议", "rep-li");
        assertThat(lost.withoutPersonalData()).isEqualTo(new LeadEvent.LeadLost(lost.lostOn(), "BUDGET",
                LeadEvent.ERASED, "rep-li"));
        var won = new LeadEvent.LeadWon(java.time.LocalDate.of(2024, 3, 26), new Money(new BigDecimal("120000"), "CNY"),
                List.of("现场互动强"), "rep-li");
        assertThat(won.withoutPersonalData().amount()).isEqualTo(won.amount());
        assertThat(won.withoutPersonalData().winFactors()).isEmpty();
    }
}
