package io.leadflow.analytics.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a rule says, as a message key and its arguments: the words for it are the edge's (the service's insights
 * bundles, one per language), so a rule judges the same numbers in every language and a sentence is changed or
 * translated without touching a rule.
 *
 * @param key  the message in the insights bundles, e.g. {@code insight.LONG_CYCLE.detail}
 * @param args what the message names, in order: a {@link Code} for a code the reader sees as their word for it, a
 *             {@link ReasonCounts} for a ranked list of reasons, anything else (a count, a figure, a percent
 *             already written as text, null) as Java writes it ({@code String.valueOf}), so no locale adds grouping
 *             or other digits
 */
public record Wording(String key, List<Object> args) {

    public Wording {
        // List.of refuses null, and an argument may be one: it reads "null", as it did when sentences were joined
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    public static Wording of(String key, Object... args) {
        return new Wording(key, Arrays.asList(args));
    }

    /** Which vocabulary a {@link Code} is a word of. */
    public enum Kind {
        /** a lead source (see {@link Vocabulary#label}); a code without a word is shown as sent */
        SOURCE,
        /** a loss or rejection reason (see {@link Reasons#label}); a code without a word is shown as sent */
        REASON
    }

    /** A code named in a sentence, shown as the reader's word for it. */
    public record Code(Kind kind, String value) {

        public static Code source(String code) {
            return new Code(Kind.SOURCE, code);
        }

        public static Code reason(String code) {
            return new Code(Kind.REASON, code);
        }
    }

    /** The most frequent reasons with their counts, most frequent first; the reader's language lists them. */
    public record ReasonCounts(List<Ranking.Counted> reasons) {

        public ReasonCounts {
            reasons = List.copyOf(reasons);
        }
    }
}
