package io.leadflow.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.GradeReason;
import io.leadflow.events.contract.LeadEvent;

/** Events still waiting in the outbox when their lead is erased leave without anything a person wrote. */
class ErasedEventsSweeperTest {

    @Test
    void aWaitingLeadGradedLosesItsExplanationsAndRegradeReasonButKeepsTheGrade() {
        var graded = new LeadEvent.LeadGraded("HIGH", 80, List.of(new GradeReason("NEED_CLARITY",
                "need '需要CRM系统，电话+8613912345678' states an explicit need (需要)", 30)), 3, false, "MEDIUM",
                "客户来电 +8613912345678");
        var scrubbed = (LeadEvent.LeadGraded) ErasedEventsSweeper.scrub(graded);
        assertThat(scrubbed.toString()).doesNotContain("+8613912345678").doesNotContain("需要CRM系统");
        assertThat(scrubbed.grade()).isEqualTo("HIGH");
        assertThat(scrubbed.score()).isEqualTo(80);
        assertThat(scrubbed.previousGrade()).isEqualTo("MEDIUM");
        assertThat(scrubbed.gradingPolicyVersion()).isEqualTo(3);
        assertThat(scrubbed.regradeReason()).isEqualTo("[erased]");
    }

    @Test
    void aFirstGradeKeepsNoRegradeReason() {
        var graded = new LeadEvent.LeadGraded("LOW", 10, List.of(), 1, false, null, null);
        assertThat(((LeadEvent.LeadGraded) ErasedEventsSweeper.scrub(graded)).regradeReason()).isNull();
    }

    @Test
    void aWaitingReassignmentLosesThePersonsReason() {
        var moved = new LeadEvent.LeadReassigned("rep-li", "rep-zhao", "赵销售", "HIGH", "客户邮件 zhang@x.cn 要求换人");
        var scrubbed = (LeadEvent.LeadReassigned) ErasedEventsSweeper.scrub(moved);
        assertThat(scrubbed).isEqualTo(new LeadEvent.LeadReassigned("rep-li", "rep-zhao", "赵销售", "HIGH", "[erased]"));
    }

    @Test
    void aHandMadeAssignmentLosesItsWhyAndARulesAssignmentIsUntouched() {
        var manual = new LeadEvent.LeadAssigned("rep-li", "李销售", "SENIOR", "HIGH", "TRADE_SHOW", "MANUAL", "MANUAL",
                "reassigned by mgr: 客户 13912345678 指定");
        assertThat(((LeadEvent.LeadAssigned) ErasedEventsSweeper.scrub(manual)).why()).isEqualTo("[erased]");
        var ruled = new LeadEvent.LeadAssigned("rep-li", "李销售", "SENIOR", "HIGH", "TRADE_SHOW", "high-senior",
                "LEAST_LOADED", "HIGH → SENIOR, least loaded");
        assertThat(ErasedEventsSweeper.scrub(ruled)).isSameAs(ruled);
    }
}
