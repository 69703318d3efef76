package io.leadflow.analytics.repository;

import java.util.Map;

import io.leadflow.analytics.domain.Distribution;

public record Histogram(Map<GroupKey, Distribution> byGroup) {
    public Distribution of(GroupKey key) {
        return byGroup.getOrDefault(key, new Distribution());
    }
}
