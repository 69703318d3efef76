package io.leadflow.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.domain.Violation;
import io.leadflow.events.rest.Problem;
import io.leadflow.intake.domain.DraftParser;
import io.leadflow.intake.domain.InputError;
import io.leadflow.intake.domain.RawLead;

class PublicProblemTest {

    @Test
    void aPublicRefusalNamesTheFieldAndWhatIsExpectedButNeverTheValueSent() {
        List<String> posted = List.of("13912345678", "wang@yunfan-trade.cn", "欧阳锋");
        Problem problem = io.leadflow.events.rest.ProblemException.of(FormService.publicProblem(List.of(
                new InputError("companySize", "input.companySize", "13912345678"),
                new InputError("declaredIntent", "input.intent", "wang@yunfan-trade.cn"),
                new InputError("budget", "input.budget.reversed", "欧阳锋", "1")), posted)).problem();
        String text = problem.toString() + problem.errors();
        assertThat(text).doesNotContain("13912345678").doesNotContain("wang@yunfan-trade.cn").doesNotContain("欧阳锋");
        assertThat(problem.errors()).extracting(Problem.FieldError::field)
                .containsExactly("companySize", "declaredIntent", "budget");
        assertThat(problem.errors().get(0).message()).contains("is not a company size");
    }

    /** The words a visitor reads, in English (problem+json) and in Chinese (the refusal page), as they were. */
    @Test
    void aPublicRefusalSaysTheSameWordsInBothLanguages() {
        List<InputError> errors = DraftParser.parse(RawLead.fromFields(java.util.Map.of("source", "广告",
                "companySize", "很多", "registeredAt", "2999-01-01")), java.time.Instant.parse("2024-03-10T02:30:00Z"),
                java.time.ZoneId.of("Asia/Shanghai")).errors();
        FormService.PublicRefusal refusal = FormService.publicProblem(errors, List.of("2999-01-01"));
        assertThat(refusal.detail()).isEqualTo("3 fields are invalid; see errors.");
        assertThat(refusal.violations()).extracting(v -> v.field() + " | " + v.message()).containsExactly(
                "source | the value sent is not a lead source; use one of TRADE_SHOW (展会), WEBSITE_FORM (官网表单), PARTNER_REFERRAL (合作伙伴推荐), SOCIAL_MEDIA (社交媒体), CUSTOMER_REFERRAL (客户转介绍), OTHER (其他)",
                "companySize | the value sent is not a company size; give the number of employees such as 120, or a range such as 50-99人",
                "registeredAt | the value sent is in the future; a lead can only be registered today or earlier");
        assertThat(refusal.errorsZh()).extracting(v -> v.field() + " | " + v.message()).containsExactly(
                "线索来源 | 所填内容不是线索来源；可用：展会、官网表单、合作伙伴推荐、社交媒体、客户转介绍、其他",
                "企业规模 | 所填内容不是企业规模；请填员工人数，如 120，或范围，如 50-99人",
                "登记日期 | the value sent 是将来的日期；线索只能登记在今天或更早");
        FormService.PublicRefusal one = FormService.publicProblem(List.of(errors.get(1)), List.of());
        assertThat(one.detail()).isEqualTo("Field 'companySize' the value sent is not a company size; give the "
                + "number of employees such as 120, or a range such as 50-99人.");
        assertThat(one.errorsZh()).extracting(Violation::field).containsExactly("企业规模");

        FormService.PublicRefusal unticked = FormService.publicProblem(
                List.of(new InputError("agree", "input.consent.unticked")), List.of());
        assertThat(unticked.violations()).containsExactly(new Violation("agree", "must be ticked"));
        assertThat(unticked.errorsZh()).containsExactly(new Violation("agree", "请勾选同意"));
    }
}
