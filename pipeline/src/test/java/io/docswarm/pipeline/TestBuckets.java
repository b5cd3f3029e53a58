package io.docswarm.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies of the repository's sample bucket for tests, so tests never write into samples/. */
public final class TestBuckets {

    private TestBuckets() {
    }

    /** The repository's {@code samples/} folder (tests run from the pipeline module). */
    public static Path samples() {
        Path fromModule = Path.of("..", "samples").toAbsolutePath().normalize();
        return Files.isDirectory(fromModule) ? fromModule : Path.of("samples").toAbsolutePath();
    }

    /** Copies the sample bucket into {@code target} and returns it. */
    public static Path copyOfSamples(Path target) {
        Path source = samples();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
