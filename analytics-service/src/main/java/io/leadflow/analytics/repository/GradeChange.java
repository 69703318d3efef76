package io.leadflow.analytics.repository;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

public record GradeChange(@Coded(Term.GRADE) String grade, Integer score, @Coded(Term.GRADE) String previousGrade,
                          boolean given, java.time.Instant at) {
}
