package io.leadflow.routing.domain;

import java.util.List;

import io.leadflow.events.contract.GradeReason;

/**
 * A lead's grade and how it came about.
 *
 * @param origin  POLICY (scored by the rules), GIVEN (came with the lead, e.g. an imported 意向等级) or MANUAL
 *                (a person regraded it)
 * @param score   the policy's score, also for given and manual grades, so they can be compared with the rules
 */
public record Grade(String code, int score, List<GradeReason> reasons, int policyVersion, GradeOrigin origin) {

    public boolean given() {
        return origin == GradeOrigin.GIVEN;
    }
}
