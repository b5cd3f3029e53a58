package io.docswarm.renderers.model;

import java.io.Serializable;
import java.util.List;

/**
 * A bulleted or numbered list; items may nest.
 *
 * @param numbered whether items are numbered rather than bulleted
 * @param items    the top-level items
 */
public record BulletList(boolean numbered, List<Item> items) implements Block {

    public BulletList {
        items = List.copyOf(items);
    }

    public static BulletList bullets(List<String> texts) {
        return new BulletList(false, texts.stream().map(t -> new Item(List.of(Run.plain(t)), List.of())).toList());
    }

    /**
     * @param runs     the item's text
     * @param children nested items
     */
    public record Item(List<Run> runs, List<Item> children) implements Serializable {
        public Item {
            runs = List.copyOf(runs);
            children = List.copyOf(children);
        }

        public String text() {
            return runs.stream().map(Run::text).collect(java.util.stream.Collectors.joining());
        }
    }
}
