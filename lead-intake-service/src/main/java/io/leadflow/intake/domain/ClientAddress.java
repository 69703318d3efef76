package io.leadflow.intake.domain;

/**
 * The address a public form post is counted against. The connection's address, unless trusted proxies are in front:
 * then each proxy appends the address it received from to {@code X-Forwarded-For}, so the client is the entry
 * {@code trustedHops} places from the right. Entries further left were written by the client and may be forged;
 * they are never used.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param trustedHops how many proxies of ours stand in front (0: ignore {@code X-Forwarded-For} altogether)
     */
    public static String of(String connectionAddress, String forwardedFor, int trustedHops) {
        String connection = connectionAddress == null || connectionAddress.isBlank() ? "unknown" : connectionAddress;
        if (trustedHops <= 0 || forwardedFor == null || forwardedFor.isBlank()) {
            return connection;
        }
        String[] entries = forwardedFor.split(",");
        if (entries.length < trustedHops) {
            return connection; // fewer hops than our proxies add: the request did not come through them
        }
        String client = entries[entries.length - trustedHops].strip();
        return client.isEmpty() || client.length() > 64 ? connection : client;
    }
}
