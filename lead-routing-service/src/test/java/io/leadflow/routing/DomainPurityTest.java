package io.leadflow.routing;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.DomainPurity;

class DomainPurityTest {

    @Test
    void theDomainIsPlainJava() {
        DomainPurity.check("io.leadflow.routing");
    }
}
