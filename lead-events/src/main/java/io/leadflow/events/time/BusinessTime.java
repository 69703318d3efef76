package io.leadflow.events.time;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;

/**
 * The clock every rule is given (never {@code Instant.now()} inside a rule) and the zone business dates live in:
 * the day in a lead id, "this month", business hours. Tests replace the clock with an {@code @Alternative}.
 */
@ApplicationScoped
public class BusinessTime {

    private final ZoneId zone;

    public BusinessTime(@ConfigProperty(name = "leadflow.zone", defaultValue = "Asia/Shanghai") String zone) {
        this.zone = ZoneId.of(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
