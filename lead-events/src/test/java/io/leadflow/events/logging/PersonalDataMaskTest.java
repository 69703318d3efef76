package io.leadflow.events.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @Test
    void masksEmailsKeepingTheFirstLetterAndDomain() {
        assertThat(PersonalDataMask.mask("sent to wang.fang@xingchen-tech.cn today"))
                .isEqualTo("sent to w***@xingchen-tech.cn today");
        assertThat(PersonalDataMask.mask("王芳<王芳@例子.中国>")).doesNotContain("王芳@");
    }

    @Test
    void masksPhonesInEveryShapeKeepingTheLastFourDigits() {
        assertThat(PersonalDataMask.mask("phone=+8613812345678,")).isEqualTo("phone=+*********5678,");
        assertThat(PersonalDataMask.mask("call 138-1234-5678")).isEqualTo("call *******5678");
        assertThat(PersonalDataMask.mask("call 138 1234 5678 now")).isEqualTo("call *******5678 now");
        assertThat(PersonalDataMask.mask("13812345678")).isEqualTo("*******5678");
        assertThat(PersonalDataMask.mask("office 010-12345678")).isEqualTo("office *******5678");
        assertThat(PersonalDataMask.mask("(021) 5555 1234")).isEqualTo("*******1234");
        assertThat(PersonalDataMask.mask("+1 (415) 555-2671")).isEqualTo("+*******2671");
    }

    @Test
    void aPostgresDuplicateKeyMessageLosesTheValue() {
        assertThat(PersonalDataMask.mask("Key (phone_key)=(+8613812345678) already exists."))
                .doesNotContain("13812345678");
    }

    @Test
    void leavesIdsTimesAndNumbersReadable() {
        String line = "Lead LX20261127000042 event 2a0c0c10-ce9f-4f90-8ce2-398e09ec55a4 at 2026-11-27T03:44:03Z "
                + "took 1234567 ms on localhost:9092, offset 17642150439860, 10-15万 budget";
        assertThat(PersonalDataMask.mask(line)).isEqualTo(line);
        assertThat(PersonalDataMask.mask(null)).isNull();
    }
}
