package io.docswarm.renderers.pptx;

import io.docswarm.renderers.DocumentRenderer;
import io.docswarm.renderers.LanguageDirection;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.ReproducibleZip;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Slide;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import java.util.Optional;
import org.apache.poi.xslf.usermodel.XMLSlideShow;

/**
 * PowerPoint renderer: slides from the Skill template's own masters and layouts (POI's default ones without a
 * template), a layout chosen per slide by role, placeholders filled by type, text kept inside its placeholder
 * (shrunk within 80% of the Skill's size, then split onto continuation slides, each decision reported), native
 * charts and tables, pictures, speaker notes.
 */
public final class PptxRenderer implements DocumentRenderer {

    @Override
    public OutputFormat format() {
        return OutputFormat.PPTX;
    }

    @Override
    public RenderResult render(Document document, Skill skill, OutputStream out) throws IOException {
        PptxTemplate base = PptxTemplate.open(skill);
        try (XMLSlideShow show = base.show()) {
            properties(show, document);
            var writer = new SlideWriter(show, base.fromTemplate(), skill.look(), skill.voice(),
                    document.metadata().created(), LanguageDirection.of(document.metadata().language()));
            for (Slide slide : document.slides()) {
                writer.slide(slide);
            }
            ReproducibleZip.write(show::write, document.metadata().created(), out);
            return new RenderResult(writer.warnings(), show.getSlides().size());
        }
    }

    private static void properties(XMLSlideShow show, Document document) {
        var core = show.getProperties().getCoreProperties();
        core.setTitle(document.metadata().title());
        core.setCreator(document.metadata().author());
        Date created = Date.from(document.metadata().created());
        core.setCreated(Optional.of(created));
        core.setModified(Optional.of(created));
    }
}
