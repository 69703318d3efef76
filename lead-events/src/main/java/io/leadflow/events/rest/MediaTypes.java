package io.leadflow.events.rest;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request's {@code Content-Type} must be before a resource reads its body: one media type as RFC 9110 writes
 * it ({@code type/subtype} and {@code ;name=value} parameters), a charset that exists, and UTF-8 for JSON (RFC 8259:
 * JSON exchanged between systems is UTF-8). A pure function, so the rule is tested without a server.
 */
public final class MediaTypes {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile("\\s*(" + TOKEN + ")/(" + TOKEN + ")\\s*"
            + "((?:;\\s*" + TOKEN + "\\s*=\\s*(?:" + TOKEN + "|\"(?:[^\"\\\\]|\\\\.)*\")\\s*)*)(?:;\\s*)?");
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");
    private static final int MAX_LENGTH = 1000;

    private MediaTypes() {
    }

    /** The problem with this Content-Type, or null when a resource may read the body it describes. */
    public static Problem refusal(String contentType) {
        if (contentType.isBlank()) {
            return null; // no type given: the resource decides (most answer 415 through the framework's mapper)
        }
        if (contentType.length() > MAX_LENGTH) {
            return malformed("is " + contentType.length() + " characters long");
        }
        Matcher m = MEDIA_TYPE.matcher(contentType);
        if (!m.matches()) {
            return malformed("is not one media type such as application/json");
        }
        Matcher charset = CHARSET.matcher(m.group(3));
        if (!charset.find()) {
            return null;
        }
        String name = charset.group(1);
        Charset cs;
        try {
            cs = Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalCharsetNameException e) {
            cs = null;
        }
        if (cs == null) {
            return Problem.of("unsupported-charset", 415, "Unsupported Media Type",
                    "The Content-Type names the charset '" + name.substring(0, Math.min(name.length(), 40))
                            + "', which this service cannot read; send UTF-8.");
        }
        String subtype = m.group(2).toLowerCase(Locale.ROOT);
        if ((subtype.equals("json") || subtype.endsWith("+json")) && !cs.equals(StandardCharsets.UTF_8)) {
            return Problem.of("unsupported-charset", 415, "Unsupported Media Type",
                    "JSON is read as UTF-8 only (RFC 8259); send the body in UTF-8 with charset=UTF-8 or no charset.");
        }
        return null;
    }

    private static Problem malformed(String what) {
        return Problem.of("malformed-content-type", 400, "Bad Request",
                "The Content-Type header " + what + "; send one media type, e.g. application/json.");
    }
}
