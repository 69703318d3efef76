package io.leadflow.analytics.repository;

public record ActiveModel(int generation, boolean cubeReady) {
}
