package io.leadflow.followup.service;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.WordBundles;

/** Both bundles say the same things, and every sentence is a pattern MessageFormat reads. */
class WordingBundlesTest {

    @Test
    void everySentenceIsInBothLanguagesAndIsAPattern() {
        WordBundles.assertTranslatedPatterns(Wording.BUNDLE, Wording.class);
    }
}
