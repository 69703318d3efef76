package io.leadflow.intake.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code application/x-www-form-urlencoded} body decoded the way the page that sent it encoded it. A browser
 * encodes a form in the page's own charset unless the form says {@code accept-charset}, and says which only if the
 * form has a hidden {@code _charset_} field; many Chinese company sites are still served as GBK. So the bytes are
 * read by: the charset the request declares, else the {@code _charset_} field, else UTF-8 if they are valid UTF-8,
 * else GB18030 (a superset of GBK and GB2312). Nothing is decoded with replacement characters: bytes the charset
 * cannot read are an {@link InputError}, never stored as "�".
 *
 * <p>With a legacy charset a browser writes a character the charset lacks as an HTML reference ({@code &#128512;});
 * those are turned back into the character.
 *
 * @param fields  name to value in the order posted; a repeated name's values joined by a space
 * @param charset what the bytes were read as
 */
public record FormBody(Map<String, String> fields, String charset) {

    /** A body that could not be read as text; the message names the field and the sentence's key, never its value. */
    public static final class UnreadableException extends Exception {
        private final transient InputError error;

        public UnreadableException(InputError error) {
            super(error.field() + ": " + error.said().key());
            this.error = error;
        }

        public InputError error() {
            return error;
        }
    }

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)\"?");
    private static final Pattern HTML_REFERENCE = Pattern.compile("&#(?:(\\d{1,7})|[xX]([0-9a-fA-F]{1,6}));");

    private record Pair(byte[] name, byte[] value) {
    }

    public static FormBody decode(byte[] body, String contentType) throws UnreadableException {
        List<Pair> pairs = pairs(body == null ? new byte[0] : body);
        Charset declared = declared(contentType);
        Charset charset = declared;
        if (charset == null) {
            for (Pair p : pairs) {
                if ("_charset_".equals(new String(p.name(), StandardCharsets.US_ASCII))) {
                    charset = named(new String(p.value(), StandardCharsets.US_ASCII), "_charset_");
                    break;
                }
            }
        }
        if (charset == null) {
            charset = pairs.stream().allMatch(p -> strict(p.name(), StandardCharsets.UTF_8).isPresent()
                    && strict(p.value(), StandardCharsets.UTF_8).isPresent()) ? StandardCharsets.UTF_8 : GB18030;
        }
        boolean legacy = !charset.name().toUpperCase(Locale.ROOT).startsWith("UTF");
        Map<String, String> fields = new LinkedHashMap<>();
        for (Pair p : pairs) {
            String name = text(p.name(), charset, "(field name)", legacy);
            if ("_charset_".equals(name)) {
                continue;
            }
            String value = text(p.value(), charset, name, legacy);
            fields.merge(name, value, (a, b) -> a + " " + b);
        }
        return new FormBody(fields, charset.name());
    }

    /**
     * A whole body as text (a JSON post): in the charset the request declares, else UTF-8 as JSON requires; never
     * with replacement characters.
     */
    public static String text(byte[] body, String contentType) throws UnreadableException {
        Charset declared = declared(contentType);
        Charset charset = declared == null ? StandardCharsets.UTF_8 : declared;
        return text(body == null ? new byte[0] : body, charset, "(body)", false);
    }

    private static Charset declared(String contentType) throws UnreadableException {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET_PARAM.matcher(contentType);
        return m.find() ? named(m.group(1), "Content-Type") : null;
    }

    private static Charset named(String name, String where) throws UnreadableException {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnreadableException(new InputError(where, "input.charset.unknown"));
        }
    }

    private static String text(byte[] bytes, Charset charset, String field, boolean legacy)
            throws UnreadableException {
        Optional<String> decoded = strict(bytes, charset);
        if (decoded.isEmpty()) {
            throw new UnreadableException(new InputError(field, "input.charset.invalid", charset.name()));
        }
        String text = decoded.get();
        if (legacy) {
            text = unreference(text);
        }
        if (text.indexOf('\uFFFD') >= 0) {
            throw new UnreadableException(new InputError(field, "input.charset.lost"));
        }
        return text;
    }

    /** The bytes as text in the charset, or empty when they are not valid in it (never a replacement character). */
    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String unreference(String text) {
        if (text.indexOf("&#") < 0) {
            return text;
        }
        Matcher m = HTML_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
            String replacement = Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)
                    && cp != 0 ? new String(Character.toChars(cp)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Splits on {@code &} and the first {@code =}, and percent-decodes to bytes ({@code +} is a space). */
    private static List<Pair> pairs(byte[] body) {
        List<Pair> pairs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = start;
                    while (eq < i && body[eq] != '=') {
                        eq++;
                    }
                    byte[] name = unescape(body, start, eq);
                    byte[] value = eq < i ? unescape(body, eq + 1, i) : new byte[0];
                    if (name.length > 0) {
                        pairs.add(new Pair(name, value));
                    }
                }
                start = i + 1;
            }
        }
        return pairs;
    }

    private static byte[] unescape(byte[] body, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && hex(body, i + 1, to) >= 0 && hex(body, i + 2, to) >= 0) {
                out.write(hex(body, i + 1, to) * 16 + hex(body, i + 2, to));
                i += 2;
            } else {
                out.write(b); // a lone % is taken as written, as browsers and servlet containers do
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte[] body, int i, int to) {
        if (i >= to) {
            return -1;
        }
        return Character.digit(body[i], 16);
    }
}
