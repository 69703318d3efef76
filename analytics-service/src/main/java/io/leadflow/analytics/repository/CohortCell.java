package io.leadflow.analytics.repository;

import java.time.LocalDate;
import java.util.Map;

public record CohortCell(LocalDate cohort, long leads, Map<Integer, Long> wonByAge) {
}
