package io.leadflow.intake.service;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads an uploaded sheet row by row (never the whole file in memory): CSV in UTF-8 with or without BOM or in
 * GB18030 as Excel in China saves it, or the first sheet of an XLSX workbook.
 */
public abstract class SheetReader implements Closeable, Iterator<SheetReader.SheetRow> {

    /** A data row numbered as the spreadsheet shows it (the header is row 1). */
    public record SheetRow(int number, List<String> cells) {
        public boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** The file cannot be read as the format it claims; the message says why, for a person. */
    public static class UnreadableSheetException extends Exception {
        public UnreadableSheetException(String message) {
            super(message);
        }
    }

    public abstract List<String> header();

    public abstract String format();

    public abstract String charset();

    public static boolean looksLikeXlsx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    public static SheetReader open(Path file, String charsetOverride) throws IOException, UnreadableSheetException {
        if (looksLikeXlsx(file)) {
            return new Xlsx(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            // isOLE2Header throws on fewer than its 8 magic bytes; a file that short is read as (invalid) CSV text.
            if (head.length == 8 && ReadableWorkbook.isOLE2Header(head)) {
                throw new UnreadableSheetException("This is an old Excel .xls file; save it as .xlsx or CSV and upload again.");
            }
        }
        return new Csv(file, charsetOverride);
    }

    /**
     * The file's non-blank data rows, counted up to {@code limit} (then it stops): a pass before anything is
     * imported, so that a file over the row limit is refused whole instead of half imported. A row the reader cannot
     * get past ends the count; the import itself reports it.
     */
    public static int countRows(Path file, String charsetOverride, int limit) throws IOException, UnreadableSheetException {
        int rows = 0;
        try (SheetReader reader = open(file, charsetOverride)) {
            while (rows < limit && reader.hasNext()) {
                if (!reader.next().blank()) {
                    rows++;
                }
            }
        } catch (RuntimeException e) {
            return rows;
        }
        return rows;
    }

    /** UTF-8 when the bytes are valid UTF-8 (BOM or not), GB18030 otherwise. */
    static Charset detect(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] chunk = new byte[64 * 1024];
            ByteBuffer pending = ByteBuffer.allocate(chunk.length + 8);
            CharBuffer out = CharBuffer.allocate(chunk.length + 8);
            int n;
            while ((n = in.read(chunk)) > 0) {
                pending.put(chunk, 0, n);
                pending.flip();
                out.clear();
                if (decoder.decode(pending, out, false).isError()) {
                    return Charset.forName("GB18030");
                }
                pending.compact();
            }
            pending.flip();
            out.clear();
            if (decoder.decode(pending, out, true).isError() || decoder.flush(out).isError()) {
                return Charset.forName("GB18030");
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return Charset.forName("GB18030");
        }
    }

    static final class Csv extends SheetReader {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final List<String> header;
        private final Charset charset;

        Csv(Path file, String charsetOverride) throws IOException, UnreadableSheetException {
            try {
                charset = charsetOverride != null ? Charset.forName(charsetOverride) : detect(file);
            } catch (IllegalArgumentException e) {
                throw new UnreadableSheetException("'" + charsetOverride + "' is not a character set; use UTF-8 or GB18030.");
            }
            InputStream in = new BufferedInputStream(Files.newInputStream(file));
            in.mark(4);
            byte[] bom = in.readNBytes(3);
            if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
                in.reset();
            }
            Reader reader = new InputStreamReader(in, charset);
            parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get().parse(reader);
            records = parser.iterator();
            if (!records.hasNext()) {
                parser.close();
                throw new UnreadableSheetException("The file is empty; the first row must name the columns.");
            }
            header = records.next().toList();
        }

        @Override
        public List<String> header() {
            return header;
        }

        @Override
        public String format() {
            return "CSV";
        }

        @Override
        public String charset() {
            return charset.name();
        }

        @Override
        public boolean hasNext() {
            try {
                return records.hasNext();
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new IllegalStateException("The CSV cannot be read past row " + parser.getRecordNumber()
                        + ": " + e.getMessage(), e);
            }
        }

        @Override
        public SheetRow next() {
            CSVRecord r = records.next();
            return new SheetRow((int) r.getRecordNumber(), r.toList());
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    static final class Xlsx extends SheetReader {
        private final ReadableWorkbook workbook;
        private final Stream<Row> stream;
        private final Iterator<Row> rows;
        private final List<String> header;
        private final int width;

        Xlsx(Path file) throws UnreadableSheetException, IOException {
            try {
                // Cell formats are needed to tell a date cell (登记日期) from a plain number.
                workbook = new ReadableWorkbook(file.toFile(), new org.dhatim.fastexcel.reader.ReadingOptions(true, false));
                stream = workbook.getFirstSheet().openStream();
                rows = stream.iterator();
                if (!rows.hasNext()) {
                    close();
                    throw new UnreadableSheetException("The first sheet is empty; its first row must name the columns.");
                }
                Row first = rows.next();
                width = first.getCellCount();
                header = cells(first, width);
            } catch (UnreadableSheetException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new UnreadableSheetException("The file is not a readable XLSX workbook ("
                        + e.getClass().getSimpleName() + "); save it again from Excel or WPS as .xlsx.");
            }
        }

        private static List<String> cells(Row row, int width) {
            List<String> cells = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                cells.add(text(row.hasCell(i) ? row.getCell(i) : null));
            }
            return cells;
        }

        /** Numbers as typed (13912345678, not 1.39E10); date cells as ISO dates. */
        private static String text(Cell cell) {
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return null;
            }
            if (cell.getType() == CellType.NUMBER) {
                String format = cell.getDataFormatString();
                if (format != null && format.toLowerCase(java.util.Locale.ROOT).matches(".*[yd].*")) {
                    LocalDateTime at = cell.asDate();
                    return at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? at.toLocalDate().toString()
                            : at.toString();
                }
                return io.leadflow.intake.domain.BudgetParser.plain(cell.asNumber()).toPlainString();
            }
            return cell.getText();
        }

        @Override
        public List<String> header() {
            return header;
        }

        @Override
        public String format() {
            return "XLSX";
        }

        @Override
        public String charset() {
            return null;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public SheetRow next() {
            if (!rows.hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = rows.next();
            return new SheetRow(row.getRowNum(), cells(row, Math.max(width, header.size())));
        }

        @Override
        public void close() throws IOException {
            if (stream != null) {
                stream.close();
            }
            workbook.close();
        }
    }
}
