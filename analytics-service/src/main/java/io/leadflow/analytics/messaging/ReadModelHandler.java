package io.leadflow.analytics.messaging;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.analytics.service.ReadModelService;
import io.leadflow.events.consumer.BatchEventHandler;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.Topics;

/** Every event of every topic feeds the read model; order across topics does not matter (see FactsProjection). */
@ApplicationScoped
public class ReadModelHandler implements BatchEventHandler {

    public static final String NAME = "analytics-read-model";

    private final ReadModelService readModel;

    public ReadModelHandler(ReadModelService readModel) {
        this.readModel = readModel;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> topics() {
        return Set.copyOf(Topics.ALL);
    }

    @Override
    public Set<EventType> eventTypes() {
        return EnumSet.allOf(EventType.class);
    }

    @Override
    public void handle(EventEnvelope event) {
        readModel.apply(event);
    }

    @Override
    public void handleAll(List<EventEnvelope> events) {
        readModel.applyLive(events);
    }
}
