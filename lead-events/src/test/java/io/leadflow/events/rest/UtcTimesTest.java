package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class UtcTimesTest {

    /** The mapper as Quarkus builds it (java.time module, no timestamps), then customised. */
    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new UtcTimes().customize(mapper);
        return mapper;
    }

    @Test
    void everyPointInTimeIsWrittenInUtcWithMilliseconds() throws Exception {
        Instant at = Instant.parse("2024-03-01T02:30:00.123456789Z");
        String json = mapper().writeValueAsString(Map.of(
                "instant", at,
                "whole", Instant.parse("2024-03-01T02:30:00Z"),
                "offset", OffsetDateTime.parse("2024-03-01T10:30:00.5+08:00"),
                "zoned", at.atZone(ZoneId.of("Asia/Shanghai")),
                "date", LocalDate.of(2024, 3, 1)));
        assertThat(mapper().readTree(json).path("instant").asText()).isEqualTo("2024-03-01T02:30:00.123Z");
        assertThat(mapper().readTree(json).path("whole").asText()).isEqualTo("2024-03-01T02:30:00.000Z");
        assertThat(mapper().readTree(json).path("offset").asText()).isEqualTo("2024-03-01T02:30:00.500Z");
        assertThat(mapper().readTree(json).path("zoned").asText()).isEqualTo("2024-03-01T02:30:00.123Z");
        assertThat(mapper().readTree(json).path("date").asText()).isEqualTo("2024-03-01");
    }

    /** However Quarkus orders its own registration of the java.time module and this customizer. */
    @Test
    void itHoldsWhenTheJavaTimeModuleIsRegisteredAfterIt() throws Exception {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new UtcTimes().customize(mapper);
        mapper.registerModule(new JavaTimeModule());
        assertThat(mapper.writeValueAsString(OffsetDateTime.parse("2024-03-01T10:30:00+08:00")))
                .isEqualTo("\"2024-03-01T02:30:00.000Z\"");
    }

    @Test
    void whatItWritesReadsBackAsTheSameInstant() throws Exception {
        Instant at = Instant.parse("2024-03-01T02:30:00.123Z");
        assertThat(mapper().readValue(mapper().writeValueAsString(at), Instant.class)).isEqualTo(at);
        assertThat(mapper().readValue(mapper().writeValueAsString(at), OffsetDateTime.class).toInstant()).isEqualTo(at);
    }
}
