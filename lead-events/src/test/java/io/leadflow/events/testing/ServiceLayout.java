package io.leadflow.events.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The one shape every service keeps, checked on its compiled classes:
 * <ul>
 *   <li>{@code domain}: plain Java (no framework, database or broker), knowing nothing of the service's other layers
 *       nor of lead-events' plumbing, only the shared contract, vocabulary, refusals and time;</li>
 *   <li>{@code rest} (the edge): resources and request/response records, calling use cases in {@code service}, never
 *       persistence or the consumers;</li>
 *   <li>{@code service} (the use cases): returns views and refusals, knows no resource and no consumer;</li>
 *   <li>{@code repository} (persistence): knows no use case, resource or consumer;</li>
 *   <li>{@code messaging} (the consumers): hands events to use cases, knows no resource.</li>
 * </ul>
 */
public final class ServiceLayout {

    private ServiceLayout() {
    }

    public static void check(String servicePackage) {
        check(servicePackage, false);
    }

    /** @param includeTests whether classes of the test tree are checked too (only this kit's own test does) */
    static void check(String servicePackage, boolean includeTests) {
        ClassFileImporter importer = new ClassFileImporter();
        if (!includeTests) {
            importer = importer.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        }
        JavaClasses classes = importer.importPackages(servicePackage);
        String domain = servicePackage + ".domain..";
        String rest = servicePackage + ".rest..";
        String service = servicePackage + ".service..";
        String repository = servicePackage + ".repository..";
        String messaging = servicePackage + ".messaging..";
        String config = servicePackage + ".config..";
        List<ArchRule> rules = List.of(
                noClasses().that().resideInAPackage(domain)
                        .should().dependOnClassesThat().resideInAnyPackage(
                                "jakarta.ws.rs..", "jakarta.persistence..", "org.hibernate..", "io.quarkus..",
                                "org.apache.kafka..", "jakarta.enterprise..", "jakarta.transaction..", "io.vertx..",
                                "java.sql..", "javax.sql..", "io.smallrye..", "org.jboss.resteasy..")
                        .because("domain rules stay plain Java with fast unit tests"),
                noClasses().that().resideInAPackage(domain)
                        .should().dependOnClassesThat().resideInAnyPackage(rest, service, repository, messaging, config,
                                "io.leadflow.events.rest..", "io.leadflow.events.outbox..",
                                "io.leadflow.events.consumer..", "io.leadflow.events.kafka..",
                                "io.leadflow.events.deadletter..", "io.leadflow.events.housekeeping..",
                                "io.leadflow.events.security..", "io.leadflow.events.tx..",
                                "io.leadflow.events.config..", "io.leadflow.events.health..")
                        .because("the domain is the rules alone; the layers around it call it, never the reverse"),
                noClasses().that().resideInAPackage(rest)
                        .should().dependOnClassesThat().resideInAnyPackage(repository, messaging)
                        .because("the edge calls use cases, which return views; rows never reach a resource"),
                noClasses().that().resideInAPackage(service)
                        .should().dependOnClassesThat().resideInAnyPackage(rest, messaging)
                        .because("use cases serve every edge (HTTP, consumers, jobs) and know none of them"),
                noClasses().that().resideInAPackage(repository)
                        .should().dependOnClassesThat().resideInAnyPackage(rest, service, messaging)
                        .because("persistence stores and reads; what to do with it is the use cases'"),
                noClasses().that().resideInAPackage(messaging)
                        .should().dependOnClassesThat().resideInAnyPackage(rest)
                        .because("a consumer hands its event to a use case, as a resource does a request"));
        for (ArchRule rule : rules) {
            rule.allowEmptyShould(true).check(classes);
        }
    }
}
