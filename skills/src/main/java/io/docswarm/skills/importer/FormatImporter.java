package io.docswarm.skills.importer;

import java.io.IOException;

/** Turns one format of sample into an {@link Extraction}. Implementations may throw anything on a bad file. */
interface FormatImporter {
    Extraction extract(Sample sample) throws IOException;
}
