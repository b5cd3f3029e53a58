package io.docswarm.renderers.model;

import java.io.Serializable;

/** A unit of body content. Renderers switch over the permitted kinds, so a new kind fails to compile until every
 * renderer handles it. */
public sealed interface Block extends Serializable
        permits Paragraph, BulletList, Table, Chart, Quote, Image, PageBreak, SectionBreak {
}
