package io.leadflow.events.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

/**
 * A Jandex index of the suite's own classes ({@code io.leadflow.*}: the service's and lead-events'), read from the
 * class files a class loader sees, in jars or directories, without loading a class.
 */
final class SuiteClasses {

    private static final String ROOT = "io/leadflow/";

    private SuiteClasses() {
    }

    static Index index(ClassLoader loader) {
        Indexer indexer = new Indexer();
        try {
            Enumeration<URL> roots = (loader == null ? SuiteClasses.class.getClassLoader() : loader).getResources(ROOT);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("jar".equals(root.getProtocol())) {
                    fromJar(root, indexer);
                } else if ("file".equals(root.getProtocol())) {
                    fromDirectory(Paths.get(root.toURI()), indexer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the suite's classes for the OpenAPI document", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return indexer.complete();
    }

    private static void fromJar(URL root, Indexer indexer) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(ROOT) && entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        indexer.index(in);
                    }
                }
            }
        }
    }

    private static void fromDirectory(Path root, Indexer indexer) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                indexer.index(in);
            }
        }
    }
}
