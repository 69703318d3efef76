package io.leadflow.followup.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class CadencePolicyRepository implements PanacheRepositoryBase<CadencePolicyEntity, Integer> {

    public Optional<CadencePolicyEntity> latest() {
        return find("", Sort.by("version", Sort.Direction.Descending)).firstResultOptional();
    }

    /** The newest stored version's number, 0 while the template's defaults are in force. */
    public int latestVersion() {
        return ((Number) getEntityManager().createNativeQuery("select coalesce(max(version), 0) from cadence_policy")
                .getSingleResult()).intValue();
    }

    /** @return false when another writer took this version first */
    public boolean insertVersion(int version, String document, String changedBy, java.time.Instant at, String reason,
                                 String tried) {
        return getEntityManager().createNativeQuery("""
                        insert into cadence_policy (version, document, changed_by, changed_at, change_reason, tried)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (version) do nothing""")
                .setParameter(1, version).setParameter(2, document).setParameter(3, changedBy).setParameter(4, at)
                .setParameter(5, reason).setParameter(6, tried).executeUpdate() == 1;
    }
}
