package io.leadflow.events.rest;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

/**
 * Every CSV the suite exports, for BI tools and spreadsheets: UTF-8 with a byte-order mark (so Excel shows Chinese),
 * RFC 4180 quoting, CRLF line ends, column names that stay stable across releases (snake_case English), and no cell
 * a spreadsheet would run as a formula.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** A signed number or percentage is data a spreadsheet should keep as a number, not a formula. */
    private static final Pattern NUMBER = Pattern.compile("^[+-]?[0-9][0-9.,]*%?$");

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

    /**
     * Whether the caller asks for CSV: {@code ?format=csv} (or {@code json}), else an Accept header naming text/csv.
     * JSON for frontends, CSV for BI tools, decided the same way everywhere.
     */
    public static boolean wanted(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase(java.util.Locale.ROOT);
            if (f.equals("csv")) {
                return true;
            }
            if (f.equals("json")) {
                return false;
            }
            throw ProblemException.badRequest("'" + format + "' is not a format; use json or csv.",
                    List.of(new Problem.FieldError("format", "must be json or csv")));
        }
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    /**
     * A report as JSON, or as CSV when {@link #wanted} (the rows are made only then): the one answer of every
     * endpoint that serves both frontends and BI tools.
     */
    public static Response jsonOrCsv(Object view, String format, String accept, String filename, List<String> header,
                                     java.util.function.Supplier<? extends List<? extends List<?>>> rows) {
        if (!wanted(format, accept)) {
            return Response.ok(view, jakarta.ws.rs.core.MediaType.APPLICATION_JSON).build();
        }
        return response(filename, header, rows.get());
    }

    public static Response response(String filename, List<String> header, List<? extends List<?>> rows) {
        return Response.ok(render(header, rows), MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"")
                .build();
    }

    /** One record, CRLF-terminated, for an export written row by row (the byte-order mark is the caller's). */
    public static void line(StringBuilder out, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(values.get(i)));
        }
        out.append("\r\n");
    }

    public static String cell(Object value) {
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
        // Excel, LibreOffice and Sheets run a cell starting with = + - @ (or a tab or CR before one) as a formula,
        // so a customer name like "=HYPERLINK(...)" would run on the manager's machine; a leading quote keeps it text.
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                && !(value instanceof Number) && !NUMBER.matcher(text).matches()) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /**
     * A cell read back from a sheet this class wrote: the quote {@link #cell} put before {@code = + - @} is taken
     * off again, so an exported row (a phone such as {@code +86 139 ...}) can be uploaded as it came out.
     */
    public static String unneutralised(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }
}
