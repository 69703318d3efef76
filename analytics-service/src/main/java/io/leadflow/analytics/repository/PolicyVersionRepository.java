package io.leadflow.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.PolicyTrial;

/** The rule policies' published versions, as the events announced them. */
@ApplicationScoped
public class PolicyVersionRepository {

    /** One published version; {@code trial} is null when it was not tried in the policy lab first. */
    public record Published(String policy, int version, Instant publishedAt, String publishedBy, String reason,
                            PolicyTrial trial) {
    }

    private final DataSource dataSource;

    public PolicyVersionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return false when the version was already recorded (a redelivery or a replay) */
    public boolean record(LeadEvent.PolicyVersionPublished e) {
        PolicyTrial t = e.trial();
        List<Object> values = Arrays.asList(e.policy(), e.version(), e.publishedAt(), e.publishedBy(), e.reason(),
                t == null ? null : t.kind(), t == null ? null : t.from(), t == null ? null : t.to(),
                t == null ? null : t.leads(), t == null ? null : t.measure(), t == null ? null : t.before(),
                t == null ? null : t.after(), t == null ? null : t.ranBy(), t == null ? null : t.ranAt());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into policy_version (policy, version, published_at, published_by, reason, trial_kind,
                                            trial_from, trial_to, trial_leads, trial_measure, trial_before,
                                            trial_after, trial_ran_by, trial_ran_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (policy, version) do nothing""")) {
            Jdbc.bind(c, ps, values);
            return ps.executeUpdate() == 1;
        } catch (SQLException x) {
            throw new IllegalStateException("Recording policy version " + e.policy() + " " + e.version() + " failed: "
                    + x.getMessage(), x);
        }
    }

    /** The versions published in [from, to), oldest first. */
    public List<Published> publishedBetween(Instant from, Instant to) {
        return Jdbc.query(dataSource, "Reading the published policy versions", """
                select policy, version, published_at, published_by, reason, trial_kind, trial_from, trial_to,
                       trial_leads, trial_measure, trial_before, trial_after, trial_ran_by, trial_ran_at
                  from policy_version where published_at >= ? and published_at < ?
                 order by published_at, policy, version""", List.of(from, to), rs -> new Published(
                rs.getString("policy"), rs.getInt("version"), Jdbc.instant(rs, "published_at"),
                rs.getString("published_by"), rs.getString("reason"), rs.getString("trial_kind") == null ? null
                : new PolicyTrial(rs.getString("trial_kind"), Jdbc.date(rs, "trial_from"), Jdbc.date(rs, "trial_to"),
                        rs.getInt("trial_leads"), rs.getString("trial_measure"), Jdbc.decimal(rs, "trial_before"),
                        Jdbc.decimal(rs, "trial_after"), rs.getString("trial_ran_by"), Jdbc.instant(rs, "trial_ran_at"))));
    }
}
