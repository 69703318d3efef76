package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import io.leadflow.events.domain.InvalidInput;
import org.junit.jupiter.api.Test;

class TemplateWordsTest {

    @Test
    void table2MethodsAreAcceptedInChineseAndEnglish() {
        assertThat(FollowUpMethod.parse("电话")).contains(FollowUpMethod.PHONE);
        assertThat(FollowUpMethod.parse("邮件")).contains(FollowUpMethod.EMAIL);
        assertThat(FollowUpMethod.parse("微信")).contains(FollowUpMethod.WECHAT);
        assertThat(FollowUpMethod.parse("上门拜访")).contains(FollowUpMethod.VISIT);
        assertThat(FollowUpMethod.parse("产品演示")).contains(FollowUpMethod.DEMO);
        assertThat(FollowUpMethod.parse("wechat")).contains(FollowUpMethod.WECHAT);
        assertThat(FollowUpMethod.parse(" phone ")).contains(FollowUpMethod.PHONE);
        assertThat(FollowUpMethod.parse("信鸽")).isEmpty();
        assertThat(FollowUpMethod.parse(null)).isEmpty();
    }

    @Test
    void table2StatusesAreAcceptedInChineseAndEnglish() {
        assertThat(FollowUpStatus.parse("已完成")).contains(FollowUpStatus.DONE);
        assertThat(FollowUpStatus.parse("进行中")).contains(FollowUpStatus.IN_PROGRESS);
        assertThat(FollowUpStatus.parse("in progress")).contains(FollowUpStatus.IN_PROGRESS);
        assertThat(FollowUpStatus.parse("计划中")).contains(FollowUpStatus.PLANNED);
        assertThat(FollowUpStatus.parse("maybe")).isEmpty();
    }

    @Test
    void gradesAcceptTheTemplatesIntentWords() {
        assertThat(Grades.parse("grade", "高意向")).isEqualTo("HIGH");
        assertThat(Grades.parse("grade", "medium")).isEqualTo("MEDIUM");
        assertThatThrownBy(() -> Grades.parse("grade", "very good!")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aLostReasonComesFromTheListAndOtherNeedsANote() {
        LostReasons reasons = new LostReasons(List.of("BUDGET", "TIMING", "COMPETITOR", "NO_NEED", "UNRESPONSIVE", "SLOW_RESPONSE", "OTHER"));
        assertThat(reasons.require("预算不足", null)).isEqualTo("BUDGET");
        assertThat(reasons.require("slow response", null)).isEqualTo("SLOW_RESPONSE");
        assertThat(reasons.require("OTHER", "公司被收购")).isEqualTo("OTHER");
        assertThatThrownBy(() -> reasons.require("OTHER", " ")).isInstanceOf(InvalidInput.class).hasMessageContaining("note");
        assertThatThrownBy(() -> reasons.require("bad luck", null)).isInstanceOf(InvalidInput.class).hasMessageContaining("not one of");
    }

    @Test
    void onlyTheOwnerOrAManagerWorksOnALead() {
        assertThat(new Actor("rep-li", Set.of("sales")).mayWorkOn("rep-li")).isTrue();
        assertThat(new Actor("boss", Set.of("sales-manager")).mayWorkOn("rep-li")).isTrue();
        assertThat(new Actor("root", Set.of("admin")).mayWorkOn("rep-li")).isTrue();
        assertThat(new Actor("boss", Set.of("sales", "sales-manager")).mayWorkOn("rep-li")).isTrue();
        assertThat(new Actor("rep-zhao", Set.of("sales")).mayWorkOn("rep-li")).isFalse();
        assertThat(new Actor("rep-zhao", Set.of("sales", "marketing", "analyst")).mayWorkOn("rep-li")).isFalse();
    }

    @Test
    void aLeadWithoutAnOwnerIsAManagersBusinessOnly() {
        assertThat(new Actor("rep-li", Set.of("sales")).mayWorkOn(null)).isFalse();
        assertThat(new Actor("boss", Set.of("sales-manager")).mayWorkOn(null)).isTrue();
    }
}
