package io.leadflow.analytics.repository;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

public record SlaBreach(@Coded(Term.GRADE) String grade, @Coded(Term.SOURCE) String source, String ownerId,
                        java.time.Instant deadline, java.time.Instant at) {
}
