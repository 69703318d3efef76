package io.leadflow.analytics.repository;

public record SlaCounts(long leads, long assigned, long responded, long breached) {
}
