package io.leadflow.intake.domain;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The site a browser says a form post comes from: the {@code Origin} header, else the origin of the {@code Referer}
 * (older browsers and some privacy settings send only that). Compared as scheme, host and port, lower case, with
 * the scheme's default port left out, so {@code https://www.example.cn:443} is {@code https://www.example.cn}.
 */
public final class WebOrigin {

    /** What a present but unusable header ({@code Origin: null} from a sandboxed page, garbage) becomes: never allowed. */
    public static final String UNUSABLE = "(unusable origin)";

    private WebOrigin() {
    }

    /** The request's origin; empty when it sent neither header. */
    public static Optional<String> of(String originHeader, String refererHeader) {
        if (originHeader != null && !originHeader.isBlank()) {
            return Optional.of(normalise(originHeader).orElse(UNUSABLE));
        }
        if (refererHeader != null && !refererHeader.isBlank()) {
            return Optional.of(normalise(refererHeader).orElse(UNUSABLE));
        }
        return Optional.empty();
    }

    /** {@code scheme://host[:port]} of an origin or URL, or empty when it is not an http(s) address. */
    public static Optional<String> normalise(String text) {
        if (text == null || text.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            if (host == null || !("http".equals(scheme) || "https".equals(scheme)) || uri.getUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    public static boolean allowed(Collection<String> allowedOrigins, String origin) {
        if (origin == null || UNUSABLE.equals(origin)) {
            return false;
        }
        return allowedOrigins.stream().map(WebOrigin::normalise).flatMap(Optional::stream).anyMatch(origin::equals);
    }
}
