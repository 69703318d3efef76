package io.leadflow.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every reason code a producer sends has words in analytics: otherwise tables, insights and the monthly review quote
 * the raw code (the demo's review showed {@code NEED_MISSING} and {@code PHONE_INVALID} to a sales manager). Read from
 * the sources, as the producers and analytics share no code for it.
 */
class ReasonCodesTest {

    private static final String SCREENING = "lead-intake-service/src/main/java/io/leadflow/intake/domain/Screening.java";
    private static final String LOST = "followup-service/src/main/java/io/leadflow/followup/domain/LostReasons.java";
    private static final String LABELS = "analytics-service/src/main/java/io/leadflow/analytics/domain/Reasons.java";

    @Test
    void everyScreeningAndLostReasonCodeHasAnalyticsLabels() {
        Set<String> sent = new TreeSet<>();
        sent.addAll(codes(SCREENING, "new Reason\\(\"([A-Z][A-Z_]+)\""));
        sent.addAll(codes(SCREENING, "String code = [^;]*\\? \"([A-Z][A-Z_]+)\" : \"([A-Z][A-Z_]+)\""));
        sent.addAll(codes(LOST, "^\\s*\"([A-Z][A-Z_]+)\", List\\.of\\("));
        sent.add("OTHER"); // LostReasons' OTHER constant
        assertThat(sent).as("codes found in %s and %s (did their shape change?)", SCREENING, LOST)
                .contains("PHONE_INVALID", "NEED_MISSING", "REQUIRED_FIELD_MISSING", "BUDGET", "SLOW_RESPONSE");

        Set<String> labelled = codes(LABELS, "Map\\.entry\\(\"([A-Z][A-Z_]+)\"");
        Set<String> missing = new TreeSet<>(sent);
        missing.removeAll(labelled);
        assertThat(missing).as("reason codes sent without Chinese and English words in " + LABELS).isEmpty();
    }

    private static Set<String> codes(String file, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(Repo.read(Repo.ROOT.resolve(file)));
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                found.add(m.group(g));
            }
        }
        return found;
    }
}
