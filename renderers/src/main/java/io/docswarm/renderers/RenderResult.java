package io.docswarm.renderers;

import java.util.List;

/**
 * What a renderer reports besides the bytes it wrote.
 *
 * @param warnings every decision that changed the content to make it fit (shortened, split, shrunk) or
 *                 anything the format could not show; never silent
 * @param units    pages, slides or sheets written, for the manifest
 */
public record RenderResult(List<String> warnings, int units) {
    public RenderResult {
        warnings = List.copyOf(warnings);
    }
}
