package io.leadflow.intake.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Lead intake settings; every value has a one-machine default and an environment variable in application.properties. */
@ConfigMapping(prefix = "leadflow.intake")
public interface IntakeConfig {

    Forms forms();

    Imports imports();

    interface Forms {
        /** Public submissions one client address may make per window, to all forms together. */
        @WithDefault("10")
        int rateLimit();

        /** Public submissions one form accepts per window from all addresses together (a distributed flood). */
        @WithDefault("300")
        int perFormRateLimit();

        @WithDefault("1m")
        Duration rateWindow();

        /**
         * How many reverse proxies of ours stand in front and append to {@code X-Forwarded-For}; 0 (the default)
         * counts the connection's address and ignores the header, which a client can write itself.
         */
        @WithDefault("0")
        int trustedProxyHops();

        /**
         * Our reverse proxies and load balancers by address or CIDR block ({@code 10.0.0.0/8,fd00::/8}): when given,
         * {@code X-Forwarded-For} is read from the right while its entries are ours, and the first address that is not
         * is the client (trusted-proxy-hops is then not used). Empty by default.
         */
        java.util.Optional<java.util.List<String>> trustedProxies();

        /** The largest public submission body; a plain contact form is a few hundred bytes. */
        @WithDefault("16K")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** How long an Idempotency-Key is remembered. */
        @WithDefault("24h")
        Duration idempotencyTtl();
    }

    interface Imports {
        /**
         * Where an upload is spooled while it is checked, and where a worker copies an import's file from the
         * database to read it row by row; the database keeps the file until the import ends.
         */
        @WithDefault("${java.io.tmpdir}")
        String spoolDirectory();

        /** Rows read at most per import; a larger file is refused rather than half imported. */
        @WithDefault("200000")
        int maxRows();

        /**
         * Rows captured and recorded in one transaction: the database is asked once per run, not once per row (a
         * run holds its rows' duplicate-key locks until it commits, a fraction of a second). A run the database
         * turns away goes again one row at a time.
         */
        @WithDefault("250")
        int runRows();

        /**
         * How long the cells of rows that did not qualify are kept for the problem-rows report (to fix and upload
         * again); older ones are forgotten when the next import starts, and a lead's erasure forgets its rows' at once.
         */
        @WithDefault("30d")
        Duration keepProblemCells();

        /**
         * What an XLSX may unpack to in all (a zip bomb is refused before it is read); the sheet is streamed, so
         * this bounds time, not memory.
         */
        @WithDefault("256M")
        io.quarkus.runtime.configuration.MemorySize maxUnpackedSize();

        /** What an XLSX's shared strings may unpack to: the reader holds them in memory. */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize maxSharedStringsSize();

        /** How often each instance looks for an import to take up (a new one, or one whose worker's lease lapsed). */
        @WithDefault("1s")
        Duration pollEvery();

        /**
         * How long a worker's claim on an import lasts without news: renewed with every row it records, and when it
         * lapses (the instance crashed or hangs) the next instance that polls resumes the import after the last
         * recorded row. While a row waits to be tried again the lease is renewed before each wait, so keep it above
         * twice row-retry-max-delay.
         */
        @WithDefault("60s")
        Duration lease();

        /** Tries per row when the database turns it away for a passing reason (deadlock, lost connection, ...). */
        @WithDefault("6")
        int rowAttempts();

        /** The wait after a row's first failed try; doubled after each next one. */
        @WithDefault("250ms")
        Duration rowRetryDelay();

        @WithDefault("4s")
        Duration rowRetryMaxDelay();

        /**
         * How many times an import is taken up (first start and resumptions) before it is ended FAILED: a file that
         * brings its worker down every time must not bring down every instance in turn, forever.
         */
        @WithDefault("5")
        int maxAttempts();
    }
}
