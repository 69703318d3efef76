package io.leadflow.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every reason code a producer sends has words in the suite's vocabulary: otherwise tables, insights and the monthly
 * review quote the raw code (the demo's review showed {@code NEED_MISSING} and {@code PHONE_INVALID} to a sales
 * manager). Read from the sources: the producers write their codes in their own domain classes, which lead-contract
 * cannot see.
 */
class ReasonCodesTest {

    private static final String SCREENING = "lead-intake-service/src/main/java/io/leadflow/intake/domain/Screening.java";
    private static final String LOST = "followup-service/src/main/java/io/leadflow/followup/domain/LostReasons.java";
    private static final String WORDS = "lead-contract/src/main/resources/io/leadflow/events/vocabulary/vocabulary_";

    @Test
    void everyScreeningAndLostReasonCodeHasChineseAndEnglishWords() {
        Set<String> sent = new TreeSet<>();
        // Screening words its reasons for the lead's reader (Worded) before they become the contract's Reason.
        sent.addAll(codes(SCREENING, "new (?:Reason|Worded)\\(\"([A-Z][A-Z_]+)\""));
        sent.addAll(codes(SCREENING, "String code = [^;]*\\? \"([A-Z][A-Z_]+)\" : \"([A-Z][A-Z_]+)\""));
        sent.addAll(codes(LOST, "^\\s*\"([A-Z][A-Z_]+)\", List\\.of\\("));
        sent.add("OTHER"); // LostReasons' OTHER constant
        assertThat(sent).as("codes found in %s and %s (did their shape change?)", SCREENING, LOST)
                .contains("PHONE_INVALID", "NEED_MISSING", "REQUIRED_FIELD_MISSING", "BUDGET", "SLOW_RESPONSE");

        for (String language : new String[] {"zh", "en"}) {
            String words = WORDS + language + ".properties";
            Set<String> missing = new TreeSet<>(sent);
            missing.removeAll(codes(words, "^reason\\.([A-Z][A-Z_]+)="));
            assertThat(missing).as("reason codes sent without words in " + words).isEmpty();
        }
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
