package io.leadflow.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.rest.Problem;
import io.leadflow.intake.domain.InputError;

class PublicProblemTest {

    @Test
    void aPublicRefusalNamesTheFieldAndWhatIsExpectedButNeverTheValueSent() {
        List<String> posted = List.of("13912345678", "wang@yunfan-trade.cn", "欧阳锋");
        Problem problem = io.leadflow.events.rest.ProblemException.of(FormService.publicProblem(List.of(
                new InputError("companySize", "'13912345678' is not a company size; give the number of employees"),
                new InputError("declaredIntent", "'wang@yunfan-trade.cn' is not an intent; use HIGH (高意向)"),
                new InputError("budget", "budget min 欧阳锋 is above max 1")), posted)).problem();
        String text = problem.toString() + problem.errors();
        assertThat(text).doesNotContain("13912345678").doesNotContain("wang@yunfan-trade.cn").doesNotContain("欧阳锋");
        assertThat(problem.errors()).extracting(Problem.FieldError::field)
                .containsExactly("companySize", "declaredIntent", "budget");
        assertThat(problem.errors().get(0).message()).contains("is not a company size");
    }
}
