package io.leadflow.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the run measured and saw, printed as it happens and written to target/e2e-logs/summary.txt at the end. */
public final class E2eReport {

    private static final List<String> LINES = new ArrayList<>();

    private E2eReport() {
    }

    public static synchronized void line(String text) {
        LINES.add(text);
        System.out.println("[e2e] " + text);
        System.out.flush();
    }

    static synchronized void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, LINES, StandardCharsets.UTF_8);
            System.out.println("[e2e] summary written to " + file);
        } catch (IOException e) {
            System.out.println("[e2e] could not write " + file + ": " + e.getMessage());
        }
    }
}
