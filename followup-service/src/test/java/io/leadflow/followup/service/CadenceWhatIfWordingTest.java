package io.leadflow.followup.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.followup.domain.CadencePolicy;
import io.leadflow.followup.repository.LeadRepository;

/**
 * The cadence what-if's reading and activate sentences in both languages, exactly, so moving the words into a bundle
 * cannot change a byte. The service is driven directly: its policy and leads are stand-ins, nothing touches a database.
 */
class CadenceWhatIfWordingTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Version 1234: a version past a thousand must still read without a grouping separator. */
    private static final CadencePolicy IN_FORCE = CadencePolicy.defaults(SHANGHAI).withVersion(1234);

    private static CadenceWhatIfView run(Language language) {
        CadencePolicyService policies = new CadencePolicyService(null, null, null, new BusinessTime("Asia/Shanghai"),
                null, null) {
            @Override
            public CadencePolicy current() {
                return IN_FORCE;
            }

            @Override
            public CadencePolicyDocument currentDocument() {
                return CadencePolicies.toDocument(IN_FORCE, null, null, null);
            }
        };
        LeadRepository leads = new LeadRepository() {
            @Override
            public List<ClockRow> clocksStarted(Instant from, Instant to) {
                return List.of();
            }
        };
        CadenceWhatIfService service = new CadenceWhatIfService(policies, leads, new BusinessTime("Asia/Shanghai"),
                Clock.fixed(Instant.parse("2026-10-08T02:00:00Z"), SHANGHAI));
        CadenceWhatIfRequest request = new CadenceWhatIfRequest(CadencePolicies.toDocument(IN_FORCE, null, null, null),
                null, "2026-Q3", null, null);
        return service.run(request, new Labels(language, SHANGHAI));
    }

    @Test
    void theReadingInChinese() {
        CadenceWhatIfView v = run(Language.ZH);
        assertThat(v.reading()).isEqualTo("合规率 = 按时首次响应 / (按时 + 超时)；尚未到期且未响应的计为进行中，不计入合规率。"
                + "按每条线索真实的首次人工接触时间，分别用当前版本 1234 和草案计算首次响应截止时间。");
        assertThat(v.activate()).isEqualTo("PUT /api/v1/cadence-policy with the draft, version 1234, a changeReason and "
                + "whatIf: {\"from\": \"2026-07-01\", \"to\": \"2026-09-30\"}: the what-if runs again and its figures "
                + "are kept with the new version");
    }

    @Test
    void theReadingInEnglish() {
        CadenceWhatIfView v = run(Language.EN);
        assertThat(v.reading()).isEqualTo("Compliance = first responses in time / (in time + late); a lead not yet "
                + "answered whose deadline is still ahead is open and not counted. Each lead's real first human touch "
                + "is held against the first-response deadline of version 1234 and of the draft.");
        assertThat(v.activate()).isEqualTo("PUT /api/v1/cadence-policy with the draft, version 1234, a changeReason and "
                + "whatIf: {\"from\": \"2026-07-01\", \"to\": \"2026-09-30\"}: the what-if runs again and its figures "
                + "are kept with the new version");
    }
}
