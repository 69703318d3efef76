package io.leadflow.intake.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a public form post is counted against. The connection's address, unless trusted proxies are in front:
 * then each proxy appends the address it received from to {@code X-Forwarded-For}. With trusted proxies named by
 * CIDR, the entries are walked from the right while they are ours: the first address that is not one of our proxies
 * is the client (the standard rule; entries further left were written by the client and may be forged). With a
 * count of hops instead, the client is the entry that many places from the right. An IPv6 client is counted by its
 * /64, the block one subscriber gets, so that a client cannot step around its limit by changing its last 64 bits.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /** A block of addresses, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is its own block. */
    public record Cidr(byte[] network, int prefix) {

        public static Cidr parse(String text) {
            String t = text.strip();
            int slash = t.indexOf('/');
            InetAddress address = literal(slash < 0 ? t : t.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an address or CIDR block"));
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix outside 0-" + bits);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((a[full] ^ network[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
        }
    }

    /**
     * @param trustedHops how many proxies of ours stand in front (0: ignore {@code X-Forwarded-For} altogether)
     */
    public static String of(String connectionAddress, String forwardedFor, int trustedHops) {
        return of(connectionAddress, forwardedFor, trustedHops, List.of());
    }

    /**
     * @param trustedProxies our proxies' addresses; when given, they decide how far {@code X-Forwarded-For} is read
     *                       and {@code trustedHops} is not used
     */
    public static String of(String connectionAddress, String forwardedFor, int trustedHops, List<Cidr> trustedProxies) {
        String connection = connectionAddress == null || connectionAddress.isBlank() ? "unknown" : connectionAddress;
        String client = connection;
        if (!trustedProxies.isEmpty()) {
            client = walk(connection, forwardedFor, trustedProxies);
        } else if (trustedHops > 0 && forwardedFor != null && !forwardedFor.isBlank() && forwardedFor.length() <= 2000) {
            String[] entries = forwardedFor.split(",");
            if (entries.length >= trustedHops) { // fewer hops than our proxies add: it did not come through them
                String entry = entries[entries.length - trustedHops].strip();
                client = literal(entry).isPresent() ? entry : connection;
            }
        }
        return bucket(client);
    }

    private static String walk(String connection, String forwardedFor, List<Cidr> trusted) {
        String current = connection;
        String[] entries = forwardedFor == null || forwardedFor.length() > 2000 ? new String[0] : forwardedFor.split(",");
        int next = entries.length - 1;
        while (true) {
            Optional<InetAddress> address = literal(current);
            if (address.isEmpty() || trusted.stream().noneMatch(c -> c.contains(address.get())) || next < 0) {
                return current;
            }
            String entry = entries[next--].strip();
            if (literal(entry).isEmpty()) {
                return current; // garbage where a proxy's entry should be: the last address we can vouch for
            }
            current = entry;
        }
    }

    /** What a limit counts: an IPv4 address as it is, an IPv6 address by its /64 ({@code 2001:db8:1:2::/64}). */
    public static String bucket(String address) {
        Optional<InetAddress> parsed = literal(address);
        if (parsed.isEmpty()) {
            return address;
        }
        byte[] bytes = parsed.get().getAddress();
        if (bytes.length == 4) {
            return parsed.get().getHostAddress();
        }
        byte[] prefix = new byte[8];
        System.arraycopy(bytes, 0, prefix, 0, 8);
        String hex = String.format("%016x", new BigInteger(1, prefix));
        return hex.substring(0, 4) + ":" + hex.substring(4, 8) + ":" + hex.substring(8, 12) + ":" + hex.substring(12)
                + "::/64";
    }

    /** An IP literal, parsed without ever asking DNS (anything that is not a literal is empty). */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        if (!v4 && !(IPV6.matcher(t).matches() && t.contains(":"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
