/**
 * What a service's domain refuses with, free of any framework: invalid input naming its fields, a broken rule, an
 * action the user may not take. lead-events' {@code ProblemMappers} answers each as problem+json, the same way in
 * every service.
 */
package io.leadflow.events.domain;
