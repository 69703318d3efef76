package io.leadflow.events.crypto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.config.EventsConfig;

/** The unwrapped keys a service used or read last, so the next events of the same leads open without a lookup. */
@ApplicationScoped
public class RecentKeys {

    private final Map<String, byte[]> keys;

    public RecentKeys(EventsConfig config) {
        int size = config.crypto().keyCacheSize();
        this.keys = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > size;
            }
        });
    }

    byte[] get(String keyId) {
        return keys.get(keyId);
    }

    void put(String keyId, byte[] key) {
        keys.put(keyId, key);
    }

    void remove(String keyId) {
        keys.remove(keyId);
    }

    /** Every producer's key of the lead ({@code <producer>/<leadId>}). */
    void removeLead(String leadId) {
        String suffix = "/" + leadId;
        synchronized (keys) {
            keys.keySet().removeIf(id -> id.endsWith(suffix));
        }
    }
}
