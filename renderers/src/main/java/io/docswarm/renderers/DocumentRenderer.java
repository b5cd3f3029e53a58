package io.docswarm.renderers;

import io.docswarm.renderers.model.Document;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a format-neutral {@link Document} into one file format, following a {@link Skill}'s look.
 * Implementations are stateless and thread-safe; each call builds its own document object.
 */
public interface DocumentRenderer {

    OutputFormat format();

    /** Writes the whole file to {@code out} (which the caller closes). */
    RenderResult render(Document document, Skill skill, OutputStream out) throws IOException;
}
