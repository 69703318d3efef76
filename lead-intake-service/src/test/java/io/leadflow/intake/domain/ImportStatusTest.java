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

    @Test
    void onlyDoneAndFailedAreEnded() {
        assertThat(ImportStatus.DONE.ended()).isTrue();
        assertThat(ImportStatus.FAILED.ended()).isTrue();
        assertThat(ImportStatus.QUEUED.ended()).isFalse();
        assertThat(ImportStatus.PROCESSING.ended()).isFalse();
    }
}
