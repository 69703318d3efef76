package io.leadflow.routing.repository;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.GradeReason;

/** How this service stores structured columns (policies, profiles, reasons, word lists) as JSON text. */
public final class Json {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a " + type.getSimpleName(), e);
        }
    }

    public static List<String> strings(String json) {
        return read(json, new TypeReference<List<String>>() { });
    }

    public static List<GradeReason> reasons(String json) {
        return read(json, new TypeReference<List<GradeReason>>() { });
    }

    public static java.util.Map<String, Integer> counts(String json) {
        return read(json, new TypeReference<java.util.LinkedHashMap<String, Integer>>() { });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read", e);
        }
    }
}
