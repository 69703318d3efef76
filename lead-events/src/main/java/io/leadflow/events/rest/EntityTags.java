package io.leadflow.events.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;

import org.jboss.resteasy.reactive.RestResponse;

import io.leadflow.events.config.ApiConfig;

/**
 * Optimistic concurrency over HTTP (RFC 9110 §8.8.3, §13.1.1): every versioned resource answers with a strong
 * {@code ETag}, and a change sent with {@code If-Match} is applied only to the version it names. Two people editing
 * the same lead from stale copies no longer overwrite each other: the second gets a 412 naming what to do.
 *
 * <p>A tag is derived from what the client can change (a stored version number, or the editable fields), never
 * from computed figures such as a rep's open-lead count, so it changes exactly when the resource was changed.
 */
@ApplicationScoped
public class EntityTags {

    public static final String IF_MATCH = "If-Match";

    private final ApiConfig config;

    public EntityTags(ApiConfig config) {
        this.config = config;
    }

    /** A 200 with the resource and its tag, the answer to a GET and to a change alike. */
    public static <T> RestResponse<T> tagged(T body, EntityTag tag) {
        return RestResponse.ResponseBuilder.ok(body).tag(tag).build();
    }

    /**
     * For a resource whose change is checked against a version number under its own lock (the policies): the
     * version the change is based on, from {@code If-Match} or from the older body field, or null for none. A
     * stale {@code If-Match} is a 412 here; a change between this check and the lock is the service's 409.
     *
     * @param bodyVersion the version the body names (expectedVersion, basedOnVersion, version), or null
     */
    public Integer basedOn(String ifMatch, Integer bodyVersion, int current, String what) {
        if (bodyVersion != null && (ifMatch == null || ifMatch.isBlank())) {
            return bodyVersion;
        }
        check(ifMatch, ofVersion(current), what);
        return ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*") ? bodyVersion : (Integer) current;
    }

    /** The tag of a resource stored with a version number that every change increments. */
    public static EntityTag ofVersion(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The tag of a resource without a version number: a digest of its editable fields, in a fixed order. */
    public static EntityTag ofFields(Object... editable) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object field : editable) {
                // a length prefix keeps ("ab", "c") and ("a", "bc") apart
                byte[] bytes = String.valueOf(field).getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return new EntityTag(HexFormat.of().formatHex(sha.digest(), 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refuses a change made on another version than {@code current}: 412 when {@code If-Match} names none that
     * matches (a weak tag never does: RFC 9110 compares strongly), 428 when it is absent and the suite requires it.
     *
     * @param ifMatch the request's {@code If-Match} header, or null
     * @param what    the resource as a person names it, e.g. "Lead LX20240301000123"
     */
    public void check(String ifMatch, EntityTag current, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (config.requireIfMatch()) {
                throw new ProblemException(Problem.of("precondition-required", 428, "Precondition Required",
                        "Changes to " + what + " must say which version they were made on: send If-Match with the "
                                + "ETag of your last GET (" + current + " now)."), Map.of("ETag", current.toString()));
            }
            return;
        }
        if (ifMatch.strip().equals("*")) {
            return; // any version: the resource exists
        }
        for (String tag : tags(ifMatch)) {
            if (!tag.startsWith("W/") && tag.equals(current.toString())) {
                return;
            }
        }
        throw new ProblemException(Problem.of("precondition-failed", 412, "Precondition Failed",
                what + " changed since the version your If-Match names (" + abbreviate(ifMatch) + "); it is now "
                        + current + ". GET it again, reapply your change and send the new ETag."),
                Map.of("ETag", current.toString()));
    }

    /** The entity-tags of an If-Match list; anything that is not one (an unquoted word) matches nothing. */
    static List<String> tags(String header) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            char c = header.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean weak = header.startsWith("W/\"", i);
            int open = weak ? i + 2 : i;
            if (header.charAt(open) != '"') {
                int next = header.indexOf(',', i);
                i = next < 0 ? n : next + 1; // not an entity-tag
                continue;
            }
            int close = header.indexOf('"', open + 1);
            if (close < 0) {
                break;
            }
            out.add(header.substring(i, close + 1));
            i = close + 1;
        }
        return out;
    }

    private static String abbreviate(String header) {
        String s = header.strip();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
