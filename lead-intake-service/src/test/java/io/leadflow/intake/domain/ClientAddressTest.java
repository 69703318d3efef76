package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final List<ClientAddress.Cidr> OURS = List.of(ClientAddress.Cidr.parse("10.0.0.0/8"),
            ClientAddress.Cidr.parse("fd00::/8"), ClientAddress.Cidr.parse("192.0.2.10"));

    @Test
    void withoutTrustedProxiesTheConnectionCountsAndForwardedForIsIgnored() {
        assertThat(ClientAddress.of("203.0.113.7", "10.9.9.9", 0)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("203.0.113.7", "10.9.9.9", 0, List.of())).isEqualTo("203.0.113.7");
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
        assertThat(ClientAddress.of("10.0.0.2", "not-an-address", 1)).isEqualTo("10.0.0.2");
    }

    @Test
    void trustedProxiesByCidrAreWalkedFromTheRightUntilTheFirstAddressThatIsNotOurs() {
        // ingress 10.0.0.5 <- CDN edge 192.0.2.10 <- client 198.51.100.20 (who also forged 1.2.3.4)
        assertThat(ClientAddress.of("10.0.0.5", "1.2.3.4, 198.51.100.20, 192.0.2.10", 0, OURS)).isEqualTo("198.51.100.20");
        // a direct connection from outside is the client, whatever it writes
        assertThat(ClientAddress.of("203.0.113.7", "10.0.0.1", 0, OURS)).isEqualTo("203.0.113.7");
        // only our proxies all the way: the leftmost is what we can vouch for
        assertThat(ClientAddress.of("10.0.0.5", "10.1.1.1", 0, OURS)).isEqualTo("10.1.1.1");
        // garbage where a proxy's entry should be stops the walk at the last real address
        assertThat(ClientAddress.of("10.0.0.5", "1.2.3.4, junk", 0, OURS)).isEqualTo("10.0.0.5");
        assertThat(ClientAddress.of("fd00::5", "2001:db8:aa:bb:1:2:3:4", 0, OURS)).isEqualTo("2001:0db8:00aa:00bb::/64");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(ClientAddress.bucket("2001:db8:1:2:aaaa::1")).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(ClientAddress.bucket("2001:db8:1:2:ffff:ffff:ffff:fff0"))
                .isEqualTo(ClientAddress.bucket("2001:db8:1:2::9"));
        assertThat(ClientAddress.bucket("2001:db8:1:3::9")).isNotEqualTo(ClientAddress.bucket("2001:db8:1:2::9"));
        assertThat(ClientAddress.bucket("198.51.100.20")).isEqualTo("198.51.100.20");
        assertThat(ClientAddress.bucket("::ffff:198.51.100.20")).isEqualTo("198.51.100.20");
    }

    @Test
    void aCidrIsAnAddressWithAPrefixAndNothingElse() {
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/8").contains(ClientAddress.literal("10.255.1.2").orElseThrow())).isTrue();
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/8").contains(ClientAddress.literal("11.0.0.1").orElseThrow())).isFalse();
        assertThat(ClientAddress.Cidr.parse("172.16.0.0/12").contains(ClientAddress.literal("172.31.9.9").orElseThrow())).isTrue();
        assertThat(ClientAddress.Cidr.parse("172.16.0.0/12").contains(ClientAddress.literal("172.32.0.1").orElseThrow())).isFalse();
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
