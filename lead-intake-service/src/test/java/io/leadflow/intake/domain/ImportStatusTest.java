package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportStatusTest {

    @Test
    void theSameFileAgainAnswersAnImportThatIsQueuedRunningOrDone() {
        assertThat(ImportStatus.QUEUED.answersAReupload()).isTrue();
        assertThat(ImportStatus.PROCESSING.answersAReupload()).isTrue();
        assertThat(ImportStatus.DONE.answersAReupload()).isTrue();
    }

    @Test
    void theFileOfAFailedImportMayBeUploadedAgainAsANewImport() {
        assertThat(ImportStatus.FAILED.answersAReupload()).isFalse();
    }
}
