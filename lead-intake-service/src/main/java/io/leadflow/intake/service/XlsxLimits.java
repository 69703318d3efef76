package io.leadflow.intake.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What an XLSX may unpack to before it is opened. An XLSX is a zip: 20 MB on the wire can inflate to gigabytes (a
 * zip bomb), and the workbook reader keeps the shared-strings part in memory, so a crafted file could exhaust the
 * heap. Every part is inflated once, counting the bytes it really unpacks to (a zip's declared sizes can lie), and the
 * file is refused as soon as the total or the shared strings pass their limits; the sheet itself is then streamed.
 */
final class XlsxLimits {

    /** The workbook is larger unpacked than the service reads; the message says what to do. */
    static final class TooLargeException extends Exception {
        TooLargeException(String message) {
            super(message);
        }
    }

    private static final int MAX_PARTS = 10_000;

    private XlsxLimits() {
    }

    static void check(Path file, long maxUnpacked, long maxSharedStrings)
            throws TooLargeException, SheetReader.UnreadableSheetException {
        long total = 0;
        int parts = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++parts > MAX_PARTS) {
                    throw new TooLargeException("The workbook has more than " + MAX_PARTS + " parts; save the register "
                            + "as a plain .xlsx with one sheet, or as CSV.");
                }
                boolean sharedStrings = entry.getName().equalsIgnoreCase("xl/sharedStrings.xml");
                long part = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        part += n;
                        total += n;
                        if (total > maxUnpacked) {
                            throw new TooLargeException("The workbook unpacks to more than " + mb(maxUnpacked)
                                    + "; split the register into smaller files, or save it as CSV.");
                        }
                        if (sharedStrings && part > maxSharedStrings) {
                            throw new TooLargeException("The workbook's text (its shared strings) unpacks to more than "
                                    + mb(maxSharedStrings) + "; split the register into smaller files, or save it as CSV.");
                        }
                    }
                }
            }
        } catch (ZipException e) {
            throw new SheetReader.UnreadableSheetException("The file is not a readable XLSX workbook (a damaged zip); "
                    + "save it again from Excel or WPS as .xlsx.");
        } catch (IOException e) {
            throw new SheetReader.UnreadableSheetException("The file is not a readable XLSX workbook ("
                    + e.getClass().getSimpleName() + "); save it again from Excel or WPS as .xlsx.");
        }
    }

    private static String mb(long bytes) {
        return (bytes / (1024 * 1024)) + " MB";
    }
}
