package io.leadflow.analytics.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;

/**
 * The active generation and whether its cube is ready, read once per request, and the table queries already
 * answered in this request (a review asks for some of them several times). Reached through its client proxy, so
 * only through methods: a field of the proxy would be shared by every request.
 */
@RequestScoped
public class RequestModel {

    private ActiveModel model;
    private final Map<List<Object>, Object> results = new HashMap<>();

    public ActiveModel model() {
        return model;
    }

    public void model(ActiveModel value) {
        this.model = value;
    }

    public Object result(List<Object> key) {
        return results.get(key);
    }

    public void result(List<Object> key, Object value) {
        results.put(key, value);
    }
}
