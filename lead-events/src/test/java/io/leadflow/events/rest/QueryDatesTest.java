package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QueryDatesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aDayIsTheBusinessDayAndAnUpperBoundIncludesIt() {
        assertThat(QueryDates.day("from", " 2024-03-01 ")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(QueryDates.from("from", "2024-03-01", SHANGHAI)).isEqualTo(Instant.parse("2024-02-29T16:00:00Z"));
        assertThat(QueryDates.to("to", "2024-03-01", SHANGHAI)).isEqualTo(Instant.parse("2024-03-01T16:00:00Z"));
        assertThat(QueryDates.to("to", "2024-03-01T09:00:00+08:00", SHANGHAI))
                .isEqualTo(Instant.parse("2024-03-01T01:00:00Z"));
        assertThat(QueryDates.from("from", "  ", SHANGHAI)).isNull();
        assertThat(QueryDates.day("from", null)).isNull();
    }

    @Test
    void whatIsNoDateOrNoDateOfASalesHistoryIsA400NamingTheParameter() {
        for (String hostile : new String[] {"+999999999-12-31", "-999999999-01-01", "0000-01-01", "10000-01-01",
                "1899-12-31", "+999999999-12-31T00:00:00Z"}) {
            assertThatThrownBy(() -> QueryDates.to("to", hostile, SHANGHAI)).as(hostile)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(400);
                        assertThat(e.problem().detail()).startsWith("Parameter 'to' must be");
                    });
        }
        assertThatThrownBy(() -> QueryDates.day("day", "2024-02-30"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail())
                        .isEqualTo("Parameter 'day' must be a date such as 2024-03-01."));
        assertThatThrownBy(() -> QueryDates.from("from", "yesterday", SHANGHAI))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors().get(0).message())
                        .startsWith("'yesterday' is not a date such as 2024-03-01 or a date-time"));
    }
}
