package io.leadflow.routing.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.domain.NotFound;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.repository.GradeHistoryEntity;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.repository.LeadRepository;

/** A lead's grade as staff read it: the level in the reader's language, the score, the reasons and the history. */
@ApplicationScoped
public class GradeQueries {

    private final LeadRepository leads;
    private final PolicyService policies;
    private final AssignmentQueries visibility;

    public GradeQueries(LeadRepository leads, PolicyService policies, AssignmentQueries visibility) {
        this.leads = leads;
        this.policies = policies;
        this.visibility = visibility;
    }

    private record GradeRecord(LeadEntity lead, List<GradeHistoryEntity> history) {
    }

    /** A sales rep sees only the grade of a lead they own: any other is "not found", as if it did not exist. */
    private GradeRecord gradeOf(String leadId) {
        LeadEntity lead = leads.findByIdOptional(leadId).filter(l -> l.grade != null).filter(visibility::visibleToCaller)
                .orElseThrow(() -> new NotFound("Graded lead", leadId));
        return new GradeRecord(lead, leads.gradeHistory(leadId));
    }

    /** The lead's grade as answered: its level's words in the reader's language, the reasons, the history. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Views.GradeView gradeView(String leadId, Language language) {
        GradeRecord record = gradeOf(leadId);
        LeadEntity lead = record.lead();
        GradeLevel level = policies.grading().policy().level(lead.grade).orElse(null);
        return new Views.GradeView(lead.leadId, lead.grade,
                level == null ? lead.grade : level.label(language), level == null ? null : level.labelZh(),
                level == null ? null : level.labelEn(), lead.score == null ? 0 : lead.score, lead.gradeOrigin,
                "GIVEN".equals(lead.gradeOrigin), lead.gradingPolicyVersion == null ? 0 : lead.gradingPolicyVersion,
                Json.reasons(lead.gradeReasons), lead.gradedAt, lead.status,
                record.history().stream().map(Views.GradeChange::of).toList());
    }
}
