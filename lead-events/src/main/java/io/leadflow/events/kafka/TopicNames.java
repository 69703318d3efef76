package io.leadflow.events.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.Topics;

/** Turns a contract topic name into the one used on this deployment's broker. */
@ApplicationScoped
public class TopicNames {

    private final String prefix;

    public TopicNames(EventsConfig config) {
        this.prefix = config.topicPrefix().orElse("");
    }

    public String physical(String logicalTopic) {
        return prefix + logicalTopic;
    }

    public String deadLetter(String logicalTopic) {
        return physical(Topics.deadLetterOf(logicalTopic));
    }

    /** The contract topic for a physical name, or the name itself when it carries no prefix. */
    public String logical(String physicalTopic) {
        return physicalTopic.startsWith(prefix) ? physicalTopic.substring(prefix.length()) : physicalTopic;
    }

    public String prefix() {
        return prefix;
    }
}
