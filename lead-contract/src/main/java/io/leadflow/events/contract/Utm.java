package io.leadflow.events.contract;

public record Utm(String source, String medium, String campaign, String term, String content) {
}
