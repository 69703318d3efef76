package io.leadflow.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Whatever the code does, the database refuses a second active owner for one lead. */
@QuarkusTest
class OneOwnerConstraintTest {

    @Inject
    DataSource dataSource;

    /** Every request of this class carries an admin's token unless it says otherwise (Tokens.as / anonymous). */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    private static void activeAssignment(Connection c, String leadId, String repId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into assignment (lead_id, owner_id, owner_name, seniority, rule_id, strategy, why, assigned_at, active)
                values (?, ?, '测试', 'SENIOR', 'MANUAL', 'MANUAL', 'constraint test', now(), true)""")) {
            insert.setString(1, leadId);
            insert.setString(2, repId);
            insert.executeUpdate();
        }
    }

    @Test
    void aSecondActiveOwnerForTheSameLeadIsRefusedByTheDatabase() throws SQLException {
        String u = RoutingTestSupport.unique();
        String leadId = "LX-CONSTRAINT-" + u;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("""
                    insert into lead (lead_id, status, qualified, grade, created_at, updated_at)
                    values (?, 'OPEN', true, 'HIGH', now(), now())""")) {
                s.setString(1, leadId);
                s.executeUpdate();
            }
            for (String rep : new String[] {"rep-a-" + u, "rep-b-" + u}) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into rep (rep_id, name, seniority, capacity, last_turn, created_at, updated_at, active)
                        values (?, ?, 'SENIOR', 5, 0, now(), now(), false)""")) {
                    s.setString(1, rep);
                    s.setString(2, rep);
                    s.executeUpdate();
                }
            }
            activeAssignment(c, leadId, "rep-a-" + u);
            assertThatThrownBy(() -> activeAssignment(c, leadId, "rep-b-" + u))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"))
                    .hasMessageContaining("assignment_one_active_owner");
        }
    }
}
