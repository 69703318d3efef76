package io.leadflow.analytics.rest;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

/**
 * CSV for BI tools and Excel: UTF-8 with a byte-order mark (so Excel shows Chinese), RFC 4180 quoting, CRLF line
 * ends, and column names that stay stable across releases (snake_case English).
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Csv() {
    }

    public static byte[] render(List<String> header, List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (List<?> row : rows) {
            line(out, row);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    public static Response response(String filename, List<String> header, List<? extends List<?>> rows) {
        return Response.ok(render(header, rows), MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"")
                .build();
    }

    private static void line(StringBuilder out, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(values.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        String text;
        if (value == null) {
            text = "";
        } else if (value instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (value instanceof Collection<?> c) {
            text = c.stream().map(String::valueOf).collect(Collectors.joining("; "));
        } else {
            text = value.toString();
        }
        // Excel runs a cell starting with = + - @ as a formula; a leading quote keeps it text.
        if (!text.isEmpty() && "=+@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
