package io.leadflow.analytics.domain;

import java.util.Locale;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Term;

/**
 * The reason codes follow-up (loss) and intake (rejection) send: their words are the suite's ({@link Term#REASON}),
 * unknown codes are shown as sent, so a new code from a producer is never hidden; the families below drive the
 * suggestions.
 */
public final class Reasons {

    public enum Family { BUDGET, RESPONSE, NEED_FIT, COMPETITOR, TIMING, CONTACT, OTHER }

    private Reasons() {
    }

    public static String label(String code, Language language) {
        return code == null ? "" : Term.REASON.label(code, language);
    }

    public static Family family(String code) {
        if (code == null) {
            return Family.OTHER;
        }
        String c = code.toUpperCase(Locale.ROOT);
        if (c.contains("BUDGET") || c.equals("PRICE") || c.contains("预算")) {
            return Family.BUDGET;
        }
        if (c.equals("UNRESPONSIVE") || c.equals("NO_RESPONSE")) {
            return Family.OTHER; // the customer went quiet: not our response speed
        }
        if (c.contains("RESPONSE") || c.contains("SLOW") || c.contains("响应")) {
            return Family.RESPONSE;
        }
        if (c.contains("CONTACT") || c.startsWith("PHONE_") || c.startsWith("EMAIL_")) {
            return Family.CONTACT;
        }
        if (c.contains("NEED") || c.contains("INDUSTRY") || c.contains("REGION") || c.contains("SMALL")
                || c.contains("SIZE")) {
            return Family.NEED_FIT;
        }
        if (c.contains("COMPETITOR")) {
            return Family.COMPETITOR;
        }
        if (c.contains("TIMING") || c.contains("DECISION")) {
            return Family.TIMING;
        }
        return Family.OTHER;
    }
}
