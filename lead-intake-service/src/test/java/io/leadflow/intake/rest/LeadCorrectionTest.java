package io.leadflow.intake.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.leadflow.intake.service.LeadService;

class LeadCorrectionTest {

    @Test
    void theDocumentedCorrectionNamesExactlyTheFieldsThatCanBeCorrected() {
        TreeSet<String> documented = new TreeSet<>(Arrays.stream(LeadCorrection.class.getRecordComponents())
                .map(c -> c.getName()).toList());
        documented.remove("reason");
        assertThat(documented).isEqualTo(LeadService.CORRECTABLE);
    }
}
