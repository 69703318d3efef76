package io.leadflow.events.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The browser origins allowed to call the staff APIs, compared as a browser serialises an origin: scheme, host and
 * port, lower case, the scheme's default port left out. A configured entry that is no origin (a path, no scheme, a
 * wildcard) fails the start instead of silently never matching.
 */
public final class StaffOrigins {

    /** The configured value that allows no browser app at all. */
    public static final String NONE = "none";

    private final Set<String> origins;

    private StaffOrigins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    public static StaffOrigins of(List<String> configured) {
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : configured) {
            String text = entry == null ? "" : entry.strip();
            if (text.isEmpty() || (configured.size() == 1 && NONE.equalsIgnoreCase(text))) {
                continue;
            }
            // A trailing slash is how an address is usually copied from the address bar; the browser never sends it.
            String origin = normalise(text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
                    .orElseThrow(() -> new IllegalArgumentException("leadflow.cors.origins (LEADFLOW_CORS_ORIGINS): '"
                            + text + "' is not an origin; list each app as scheme://host[:port], e.g. "
                            + "https://crm.example.com, separated by commas (or 'none')"));
            origins.add(origin);
        }
        return new StaffOrigins(origins);
    }

    /** Is the request's {@code Origin} header one of the allowed origins? */
    public boolean allows(String originHeader) {
        return originHeader != null && normalise(originHeader.strip()).map(origins::contains).orElse(false);
    }

    public Set<String> origins() {
        return origins;
    }

    /** {@code scheme://host[:port]} of an http(s) origin without a path, or empty. */
    static Optional<String> normalise(String text) {
        if (text.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            if (host == null || !("http".equals(scheme) || "https".equals(scheme)) || uri.getUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
