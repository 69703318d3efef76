package io.leadflow.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** A merge's conflict markers left in a file (the README once carried two) are caught before anyone reads them. */
class MergeMarkersTest {

    private static final Pattern MARKER = Pattern.compile("(?m)^(<<<<<<<|>>>>>>>) \\S");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", ".leadflow", "node_modules");

    @Test
    void noFileCarriesConflictMarkers() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Repo.ROOT)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : Repo.ROOT.relativize(p)) {
                            if (SKIPPED_DIRS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(p -> {
                        String text = text(p);
                        if (text != null && MARKER.matcher(text).find()) {
                            found.add(Repo.ROOT.relativize(p).toString());
                        }
                    });
        }
        assertThat(found).as("files with merge conflict markers").isEmpty();
    }

    /** The file as UTF-8 text, or null for a binary file (a screenshot, a spreadsheet). */
    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
