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
 *   <li>{@code service} (the use cases): returns views and refuses with the domain's refusals (never an HTTP
 *       problem), knows no resource and no consumer;</li>
 *   <li>{@code repository} (persistence): knows no use case, resource or consumer; the only layer that talks to the
 *       database. Entities are plain rows (no active record); a repository of one entity implements Panache's
 *       {@code PanacheRepositoryBase}, reads across tables and batches use native SQL or JDBC in the same package;</li>
 *   <li>{@code messaging} (the consumers): hands events to use cases, knows no resource.</li>
 * </ul>
 */
public final class ServiceLayout {

    private ServiceLayout() {
    }

    public static void check(String servicePackage) {
        check(servicePackage, false);
    }

    /**
     * The one naming rule for a service's tests: a test that starts the service ({@code @QuarkusTest}, with its
     * database and broker) lives in {@code <service>.it}; the packages beside it hold fast unit tests of the same
     * package's code.
     */
    public static void checkTests(String servicePackage) {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(servicePackage);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().areAnnotatedWith("io.quarkus.test.junit.QuarkusTest")
                .should().resideInAPackage(servicePackage + ".it")
                .because("integration tests are found in one place in every service")
                .allowEmptyShould(true).check(tests);
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
                noClasses().that().resideInAnyPackage(domain, service, repository, messaging)
                        .should().dependOnClassesThat().haveFullyQualifiedName("io.leadflow.events.rest.ProblemException")
                        .because("use cases refuse in the domain's terms (io.leadflow.events.domain.Refusal and its "
                                + "kinds); the edge answers every refusal as problem+json, once"),
                noClasses().that().resideInAPackage(repository)
                        .should().dependOnClassesThat().resideInAnyPackage(rest, service, messaging)
                        .because("persistence stores and reads; what to do with it is the use cases'"),
                noClasses().that().resideInAPackage(messaging)
                        .should().dependOnClassesThat().resideInAnyPackage(rest)
                        .because("a consumer hands its event to a use case, as a resource does a request"),
                noClasses().that().resideOutsideOfPackage(repository)
                        .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                        .because("a service reaches its database through its repositories, one persistence style"
                                + " in every service"),
                noClasses().should().beAssignableTo("io.quarkus.hibernate.orm.panache.PanacheEntityBase")
                        .because("entities are plain rows that their repositories find and store; a row that"
                                + " queries itself (active record) is a second way to reach the database"));
        for (ArchRule rule : rules) {
            rule.allowEmptyShould(true).check(classes);
        }
    }
}
