package io.leadflow.intake.domain;

/**
 * Where an import of a spreadsheet stands: waiting for a worker, being read (possibly resumed by another instance
 * after the first one stopped), or ended.
 */
public enum ImportStatus {
    /** Uploaded and stored; the next free worker of any instance takes it up. */
    QUEUED,
    /** A worker holds it under a lease and records its rows one by one. */
    PROCESSING,
    /** Every row of the file has its outcome. */
    DONE,
    /** Stopped before the end; the error says why and the rows recorded so far stay imported. */
    FAILED;

    /**
     * Whether uploading the same bytes again answers this import. A failed import's file is a new import, which takes
     * over the rows the failed one recorded and goes on from there; any other is answered, so a double click or a
     * re-sent upload creates nothing.
     */
    public boolean answersAReupload() {
        return this != FAILED;
    }
}
