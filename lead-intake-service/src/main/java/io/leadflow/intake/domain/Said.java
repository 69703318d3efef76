package io.leadflow.intake.domain;

import java.util.Arrays;
import java.util.List;

/**
 * What a rule says to a person, as a message key and its arguments: the words are the edge's (intake's word
 * bundles, one per language), so a rule judges the same lead in every language, the events carry its English and a
 * reader gets their own, and a sentence is changed or translated without touching a rule.
 *
 * @param key  the sentence in the bundles, e.g. {@code screening.EMAIL_DISPOSABLE}
 * @param args what the sentence names, in order, as text the rule wrote ({@code String.valueOf}: a count or a list as
 *             Java writes it, so no locale adds grouping or other digits; null reads "null")
 */
public record Said(String key, List<String> args) {

    public Said {
        args = List.copyOf(args);
    }

    public static Said of(String key, Object... args) {
        return new Said(key, Arrays.stream(args).map(String::valueOf).toList());
    }
}
