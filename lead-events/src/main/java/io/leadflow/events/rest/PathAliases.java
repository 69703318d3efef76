package io.leadflow.events.rest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.leadflow.events.config.PathAliasConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Moved paths keep answering for one version: a request to an old path is served exactly as the new one would
 * serve it (same security, CORS, limits and problems, since it is re-routed before any of them), and its answer
 * says it is deprecated ({@code Deprecation}, RFC 9745), until when it answers ({@code Sunset}, RFC 8594) and where
 * it went ({@code Link rel="successor-version"}).
 *
 * <p>The old paths are not in the OpenAPI documents: a client generated today uses the new ones, and no method and
 * path is served by two services behind the one origin.
 */
@ApplicationScoped
public class PathAliases {

    /** One moved path: {@code template} of the old path with named segments, and the new path they fill. */
    public record Alias(Pattern old, String successor) {

        private static final Pattern SEGMENT = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

        /** Parses {@code /old/{id}/x -> /new/{id}}; a trailing {@code /**} on both sides carries the rest. */
        public static Alias parse(String rule) {
            String[] sides = rule.split("->");
            if (sides.length != 2) {
                throw new IllegalArgumentException("a path alias reads 'old -> new', not '" + rule + "'");
            }
            String old = sides[0].strip();
            String successor = sides[1].strip();
            boolean rest = old.endsWith("/**");
            if (rest != successor.endsWith("/**")) {
                throw new IllegalArgumentException("'/**' must end both sides or neither: " + rule);
            }
            if (rest) {
                old = old.substring(0, old.length() - 3);
                successor = successor.substring(0, successor.length() - 3) + "{rest}";
            }
            StringBuilder regex = new StringBuilder("^");
            Matcher m = SEGMENT.matcher(old);
            int at = 0;
            List<String> names = new ArrayList<>();
            while (m.find()) {
                regex.append(Pattern.quote(old.substring(at, m.start()))).append("(?<").append(m.group(1))
                        .append(">[^/]+)");
                names.add(m.group(1));
                at = m.end();
            }
            regex.append(Pattern.quote(old.substring(at)));
            if (rest) {
                regex.append("(?<rest>/.*)?");
                names.add("rest");
            }
            regex.append("/?$");
            Matcher used = SEGMENT.matcher(successor);
            while (used.find()) {
                if (!names.contains(used.group(1))) {
                    throw new IllegalArgumentException("{" + used.group(1) + "} is not in the old path: " + rule);
                }
            }
            return new Alias(Pattern.compile(regex.toString()), successor);
        }

        /** The new path for {@code path}, if it is this alias' old one. */
        public Optional<String> successorOf(String path) {
            Matcher m = old.matcher(path);
            if (!m.matches()) {
                return Optional.empty();
            }
            Matcher names = SEGMENT.matcher(successor);
            StringBuilder out = new StringBuilder();
            while (names.find()) {
                String value = m.group(names.group(1));
                names.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
            }
            names.appendTail(out);
            return Optional.of(out.toString());
        }
    }

    private static final String SUCCESSOR = PathAliases.class.getName() + ".successor";

    private final List<Alias> aliases;
    private final String deprecation;
    private final String sunset;

    public PathAliases(PathAliasConfig config) {
        this.aliases = config.moved().orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(Alias::parse).toList();
        this.deprecation = deprecationHeader(config.deprecatedSince());
        this.sunset = sunsetHeader(config.sunset());
    }

    /** RFC 9745: a structured-field date, seconds since the epoch. */
    static String deprecationHeader(LocalDate since) {
        return "@" + since.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** RFC 8594: an HTTP-date; the old path answers through that day. */
    static String sunsetHeader(LocalDate lastDay) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)
                .format(lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).minusSeconds(1));
    }

    void install(@Observes Router router) {
        if (!aliases.isEmpty()) {
            // First of all: CORS (order -20), the body limits (-10) and security then see the new path.
            router.route().order(-30).handler(this::handle);
        }
    }

    /** The new path of an old one, if {@code path} moved. */
    public Optional<String> successorOf(String path) {
        for (Alias alias : aliases) {
            Optional<String> successor = alias.successorOf(path);
            if (successor.isPresent()) {
                return successor;
            }
        }
        return Optional.empty();
    }

    private void handle(RoutingContext ctx) {
        String rerouted = ctx.get(SUCCESSOR);
        if (rerouted != null) {
            // Second pass, on the new path: a reroute starts the response afresh, so the headers go on here.
            ctx.addHeadersEndHandler(ignored -> ctx.response().headers()
                    .add("Deprecation", deprecation)
                    .add("Sunset", sunset)
                    .add("Link", "<" + rerouted + ">; rel=\"successor-version\""));
            ctx.next();
            return;
        }
        Optional<String> successor = successorOf(ctx.normalizedPath());
        if (successor.isEmpty()) {
            ctx.next();
            return;
        }
        ctx.put(SUCCESSOR, successor.get());
        String query = ctx.request().query();
        ctx.reroute(query == null || query.isEmpty() ? successor.get() : successor.get() + "?" + query);
    }
}
