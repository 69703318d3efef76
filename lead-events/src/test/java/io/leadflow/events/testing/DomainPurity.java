package io.leadflow.events.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The rule every service keeps: its domain package is plain Java, testable without Quarkus, Kafka or a database. */
public final class DomainPurity {

    private DomainPurity() {
    }

    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        ArchRule rule = noClasses().that().resideInAPackage(servicePackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.ws.rs..", "jakarta.persistence..", "org.hibernate..", "io.quarkus..",
                        "org.apache.kafka..", "jakarta.enterprise..", "jakarta.transaction..", "io.vertx..",
                        "java.sql..", "javax.sql..", "io.smallrye..", "org.jboss.resteasy..")
                .because("domain rules stay plain Java with fast unit tests (DESIGN.md)")
                .allowEmptyShould(true);
        rule.check(classes);
    }
}
