package io.docswarm.skills;

import java.io.Serializable;

/**
 * What a document (report or brief) puts in front of its first section, as its sample does.
 *
 * <p>Renderers follow it: with {@code cover}, the title, subtitle and author fill a page of their own and the
 * sections start on the next; without, the title block (title, subtitle, author) sits at the top of the first page
 * and the sections follow on that page. With {@code contents}, a contents list follows the cover or the title block
 * and the sections start on a new page after it. Planners count the pages this takes ({@link #pages()}) out of a
 * page budget.
 *
 * @param cover    the document opens with a separate cover page; false: with a title block on its first page
 * @param contents the document has a contents list (table of contents)
 */
public record FrontMatter(boolean cover, boolean contents) implements Serializable {

    /**
     * What documents get when their Skill does not say (skills written or imported before front matter was
     * recorded, and samples it cannot be read from, e.g. PDFs): a cover and a contents page, which is what every
     * document had before, so such Skills render as they always did.
     */
    public static final FrontMatter COVER_AND_CONTENTS = new FrontMatter(true, true);

    /** A title block at the top of the first page and no contents: short documents such as briefs. */
    public static final FrontMatter TITLE_BLOCK = new FrontMatter(false, false);

    /** Whole pages in front of the sections: one for a cover, one for a contents list (none for a title block). */
    public int pages() {
        return (cover ? 1 : 0) + (contents ? 1 : 0);
    }

    /** One line for reports and logs, e.g. {@code cover page, contents}. */
    public String describe() {
        return (cover ? "cover page" : "title block on the first page") + (contents ? ", contents" : ", no contents");
    }
}
