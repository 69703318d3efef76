package io.leadflow.intake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A lead number can never stop capture: a 线索编号 moved in from another register keeps its value without using up
 * its day, and the day's counter steps over numbers such leads already hold.
 */
@QuarkusTest
class LeadNumberTest {

    @BeforeEach
    void authenticateAsStaff() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void aMovedInLeadNumberedAtTheDaysLastNumberDoesNotStopThatDaysCaptures() {
        Map<String, Object> moved = Leads.tradeShowLead();
        moved.put("leadId", "LX20050102999999");
        moved.put("registeredAt", "2005-01-02");
        Leads.post(moved).then().statusCode(201).body("leadId", equalTo("LX20050102999999"));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> lead = Leads.tradeShowLead();
            lead.put("registeredAt", "2005-01-02");
            ids.add(Leads.post(lead).then().statusCode(201).extract().path("leadId"));
        }
        assertThat(new HashSet<>(ids)).hasSize(100).doesNotContain("LX20050102999999");
        assertThat(ids).allMatch(id -> id.matches("LX20050102\\d{6}"));
    }

    @Test
    void theDaysCounterStepsOverANumberAMovedInLeadAlreadyHas() {
        Map<String, Object> first = Leads.tradeShowLead();
        first.put("registeredAt", "2005-01-03");
        String live = Leads.create(first);
        assertThat(live).startsWith("LX20050103");
        long next = Long.parseLong(live.substring(10)) + 1;
        String taken = String.format("LX20050103%06d", next);

        Map<String, Object> moved = Leads.tradeShowLead();
        moved.put("leadId", taken);
        moved.put("registeredAt", "2005-01-03");
        Leads.post(moved).then().statusCode(201).body("leadId", equalTo(taken));

        Map<String, Object> after = Leads.tradeShowLead();
        after.put("registeredAt", "2005-01-03");
        Leads.post(after).then().statusCode(201)
                .body("leadId", equalTo(String.format("LX20050103%06d", next + 1)));
    }
}
