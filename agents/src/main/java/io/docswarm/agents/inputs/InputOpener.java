package io.docswarm.agents.inputs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an input by its location. The agents do not care where inputs live: the pipeline passes an opener
 * that reads local files or object-store URIs alike.
 */
@FunctionalInterface
public interface InputOpener {

    InputStream open(String location) throws IOException;

    /** Opens local files. */
    InputOpener LOCAL_FILES = location -> Files.newInputStream(Path.of(location));
}
