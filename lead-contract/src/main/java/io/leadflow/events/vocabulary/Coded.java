package io.leadflow.events.vocabulary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field of a view holds codes of one {@link Term} (a stage, a source, a follow-up method), or a list of them.
 * The services' OpenAPI documents read it ({@code OpenApiConventions}): the codes of an exhaustive term become the
 * field's enum, so a generated client types it as their union; an open term's known codes are named in its
 * description. The codes stay where they are defined, in {@link Term}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Coded {

    Term value();
}
