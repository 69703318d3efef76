package io.leadflow.events.rest;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * One way every service writes a point in time in its JSON answers: UTC, {@code Z}, exactly three fraction digits
 * ({@code 2024-03-01T02:30:00.000Z}). A frontend parses one shape, sorts the text as it sorts the times, and a value
 * read from one service compares equal to the same value read from another; the zone to show is the client's
 * choice (the business zone, {@code LEADFLOW_ZONE}, decides days, deadlines and working hours, not the
 * format). Dates ({@code 2024-03-01}) stay dates. Events keep their own format (EventJson), unchanged.
 */
@Singleton
public class UtcTimes implements ObjectMapperCustomizer {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The text of {@code at} as every JSON answer writes it. */
    public static String format(Instant at) {
        return FORMAT.format(at.truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public void customize(ObjectMapper mapper) {
        // The java.time module first: when Quarkus registers it after this customizer, Jackson ignores the repeated
        // registration, so its serializers never get in front of these (a later module's serializers win).
        mapper.registerModule(new JavaTimeModule());
        SimpleModule utc = new SimpleModule("leadflow-utc-times");
        utc.addSerializer(Instant.class, new Writer<>(Instant.class) {
            @Override
            Instant instant(Instant value) {
                return value;
            }
        });
        utc.addSerializer(OffsetDateTime.class, new Writer<>(OffsetDateTime.class) {
            @Override
            Instant instant(OffsetDateTime value) {
                return value.toInstant();
            }
        });
        utc.addSerializer(ZonedDateTime.class, new Writer<>(ZonedDateTime.class) {
            @Override
            Instant instant(ZonedDateTime value) {
                return value.toInstant();
            }
        });
        mapper.registerModule(utc);
    }

    private abstract static class Writer<T> extends StdSerializer<T> {
        Writer(Class<T> type) {
            super(type);
        }

        abstract Instant instant(T value);

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(instant(value)));
        }
    }
}
