package io.leadflow.analytics.repository;

import java.util.List;

public record GroupKey(List<String> values) {
}
