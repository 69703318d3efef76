package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheConnectionCountsAndForwardedForIsIgnored() {
        assertThat(ClientAddress.of("203.0.113.7", "10.9.9.9", 0)).isEqualTo("203.0.113.7");
    }

    @Test
    void behindOneProxyTheEntryItAppendedIsTheClientNotWhatTheClientWrote() {
        // the client sent "X-Forwarded-For: 1.2.3.4" to dodge the limit; our proxy appended its real address
        assertThat(ClientAddress.of("10.0.0.2", "1.2.3.4, 198.51.100.20", 1)).isEqualTo("198.51.100.20");
        assertThat(ClientAddress.of("10.0.0.2", "198.51.100.20", 1)).isEqualTo("198.51.100.20");
    }

    @Test
    void behindTwoProxiesTheClientIsTheSecondEntryFromTheRight() {
        assertThat(ClientAddress.of("10.0.0.3", "1.2.3.4, 198.51.100.20, 10.0.0.2", 2)).isEqualTo("198.51.100.20");
    }

    @Test
    void aRequestThatDidNotPassThroughTheProxiesCountsByItsConnection() {
        assertThat(ClientAddress.of("203.0.113.7", null, 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("203.0.113.7", "198.51.100.20", 2)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(null, null, 0)).isEqualTo("unknown");
    }
}
