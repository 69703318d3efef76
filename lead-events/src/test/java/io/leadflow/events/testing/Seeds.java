package io.leadflow.events.testing;

import java.util.Random;

/**
 * Randomness in tests that a failure can replay: each run draws a new seed (so orders are explored), the failure
 * message names it, and {@code -Dleadflow.test.seed=<seed>} runs the same order again.
 */
public final class Seeds {

    public static final String PROPERTY = "leadflow.test.seed";

    private Seeds() {
    }

    /** The seed given with {@value #PROPERTY}, else a new one. */
    public static long seed() {
        Long given = Long.getLong(PROPERTY);
        return given != null ? given : new Random().nextLong();
    }

    /** Runs {@code check} with a {@link Random} of a fresh seed; an assertion failing in it names the seed. */
    public static void withRandom(java.util.function.Consumer<Random> check) {
        long seed = seed();
        try {
            check.accept(new Random(seed));
        } catch (AssertionError e) {
            throw new AssertionError("with seed " + seed + " (replay: -D" + PROPERTY + "=" + seed
                    + "): " + e.getMessage(), e);
        }
    }
}
