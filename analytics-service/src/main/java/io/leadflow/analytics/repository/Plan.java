package io.leadflow.analytics.repository;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.MonthSplit;

record Plan(int generation, Aggregates.Slice slice, MonthSplit split) {
}
