package io.leadflow.events.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The filter is installed on the application's log handlers by the shared configuration, not only written. */
@QuarkusTest
class PersonalDataLogFilterTest {

    private static final Logger LOG = Logger.getLogger(PersonalDataLogFilterTest.class);

    @Test
    void aLogLineWithAPhoneAndAnEmailReachesTheFileMasked() throws Exception {
        String marker = UUID.randomUUID().toString();
        LOG.infof("%s captured 王芳 +8613812345678 wang.fang@xingchen-tech.cn", marker);
        LOG.error(marker + " failed", new IllegalStateException("Key (email_key)=(wang.fang@xingchen-tech.cn) exists",
                new RuntimeException("phone 138-1234-5678 refused")));
        Path log = Path.of("target/quarkus-test.log");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(log) && Files.readString(log).contains(marker + " failed"));
        String written = Files.readString(log);
        assertThat(written).contains(marker + " captured 王芳 +*********5678 w***@xingchen-tech.cn")
                .contains("java.lang.IllegalStateException: Key (email_key)=(w***@xingchen-tech.cn) exists")
                .contains("java.lang.RuntimeException: phone *******5678 refused")
                .doesNotContain("13812345678").doesNotContain("wang.fang@").doesNotContain("1234-5678");
    }
}
