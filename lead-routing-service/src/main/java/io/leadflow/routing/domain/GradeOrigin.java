package io.leadflow.routing.domain;

/** Where a grade came from; only POLICY grades move when the policy changes. */
public enum GradeOrigin {
    POLICY, GIVEN, MANUAL
}
