package io.leadflow.analytics.repository;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

public record StageMove(@Coded(Term.STAGE) String fromStage, @Coded(Term.STAGE) String toStage, String ownerId,
                        java.time.Instant at) {
}
