package io.leadflow.analytics.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Ranking;
import io.leadflow.analytics.domain.Reasons;
import io.leadflow.analytics.domain.Vocabulary;
import io.leadflow.analytics.domain.Wording;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Words;

/**
 * The insights' sentences in the reader's language: labels by locale at the edge, so the rules (findings, Table 3's
 * suggestions, trials) return a {@link Wording} and the words are the bundles' ({@code insights.properties}, English
 * and the default, and {@code insights_zh.properties}), each a {@link java.text.MessageFormat} pattern, read as every
 * analytics bundle is (lead-events' {@link Words}).
 * <p>
 * Every argument reaches MessageFormat as text, so no locale adds grouping or other digits: a source or reason code
 * as the reader's word for it (the suite's vocabulary), a list of reasons as the bundle lists them, anything else as
 * Java writes it. A pattern may ask for an argument in lower case with {@code {n,lower}} (English names a source
 * that way mid-sentence); MessageFormat knows no such format, so it is resolved before MessageFormat reads the
 * pattern and must not stand inside quoted text.
 */
public final class InsightWording {

    static final String BUNDLE = "insights";

    private static final Pattern LOWER = Pattern.compile("\\{(\\d+),lower}");

    private static final Words WORDS = Words.of(BUNDLE, InsightWording.class);

    private InsightWording() {
    }

    public static String text(Wording wording, Language language) {
        List<String> args = new ArrayList<>();
        for (Object arg : wording.args()) {
            args.add(argument(arg, language));
        }
        Matcher lower = LOWER.matcher(WORDS.pattern(language, wording.key()));
        StringBuilder pattern = new StringBuilder();
        while (lower.find()) {
            args.add(args.get(Integer.parseInt(lower.group(1))).toLowerCase(Locale.ROOT));
            lower.appendReplacement(pattern, Matcher.quoteReplacement("{" + (args.size() - 1) + "}"));
        }
        lower.appendTail(pattern);
        return Words.format(pattern.toString(), args.toArray());
    }

    private static String argument(Object arg, Language language) {
        if (arg instanceof Wording.Code code) {
            return switch (code.kind()) {
                case SOURCE -> Vocabulary.label(Dimension.SOURCE, code.value(), language);
                case REASON -> Reasons.label(code.value(), language);
            };
        }
        if (arg instanceof Wording.ReasonCounts counts) {
            return reasons(counts.reasons(), language);
        }
        return String.valueOf(arg);
    }

    /** Lists join two at a time ({@code reasons.join}), so a language chooses its separator without edge spaces. */
    private static String reasons(List<Ranking.Counted> reasons, Language language) {
        if (reasons.isEmpty()) {
            return WORDS.text(language, "reasons.none");
        }
        String list = null;
        for (Ranking.Counted c : reasons) {
            String item = WORDS.text(language, "reasons.item", Reasons.label(c.value(), language),
                    String.valueOf(c.count()));
            list = list == null ? item : WORDS.text(language, "reasons.join", list, item);
        }
        return list;
    }
}
