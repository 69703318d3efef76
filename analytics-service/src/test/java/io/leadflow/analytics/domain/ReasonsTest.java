package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadflow.events.vocabulary.Language;

/** The reason codes follow-up and intake actually send are labelled, and families drive the right suggestion. */
class ReasonsTest {

    @Test
    void followUpsLostReasonCodesHaveChineseAndEnglishLabels() {
        assertThat(Reasons.label("BUDGET", Language.ZH)).isEqualTo("预算不足");
        assertThat(Reasons.label("UNRESPONSIVE", Language.EN)).isEqualTo("Customer unresponsive");
        assertThat(Reasons.label("SLOW_RESPONSE", Language.ZH)).isEqualTo("跟进响应慢");
        assertThat(Reasons.label("OTHER", Language.ZH)).isEqualTo("其他");
    }

    @Test
    void aBudgetLossIsInTheBudgetFamilyWhateverTheCode() {
        assertThat(Reasons.family("BUDGET")).isEqualTo(Reasons.Family.BUDGET);
        assertThat(Reasons.family("BUDGET_INSUFFICIENT")).isEqualTo(Reasons.Family.BUDGET);
    }

    @Test
    void aCustomerWhoWentQuietIsNotCountedAsOurSlowResponse() {
        assertThat(Reasons.family("UNRESPONSIVE")).isNotEqualTo(Reasons.Family.RESPONSE);
        assertThat(Reasons.family("NO_RESPONSE")).isNotEqualTo(Reasons.Family.RESPONSE);
        assertThat(Reasons.family("SLOW_RESPONSE")).isEqualTo(Reasons.Family.RESPONSE);
    }

    @Test
    void intakesScreeningCodesHaveLabelsAndTheRightFamily() {
        assertThat(Reasons.label("PHONE_INVALID", Language.EN)).isEqualTo("Phone number invalid");
        assertThat(Reasons.label("NEED_MISSING", Language.ZH)).isEqualTo("未填写需求");
        assertThat(Reasons.family("PHONE_INVALID")).isEqualTo(Reasons.Family.CONTACT);
        assertThat(Reasons.family("EMAIL_DOMAIN_BLOCKED")).isEqualTo(Reasons.Family.CONTACT);
        assertThat(Reasons.family("CONTACT_INCOMPLETE")).isEqualTo(Reasons.Family.CONTACT);
        assertThat(Reasons.family("NEED_MISSING")).isEqualTo(Reasons.Family.NEED_FIT);
        assertThat(Reasons.family("COMPANY_SIZE_UNKNOWN")).isEqualTo(Reasons.Family.NEED_FIT);
    }

    @Test
    void anUnknownCodeIsShownAsSent() {
        assertThat(Reasons.label("NEW_REASON_2025", Language.ZH)).isEqualTo("NEW_REASON_2025");
    }
}
