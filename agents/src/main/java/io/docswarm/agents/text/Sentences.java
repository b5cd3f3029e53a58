package io.docswarm.agents.text;

import io.docswarm.agents.inputs.SourceDocument;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits sources into sentences with the JDK's locale-aware sentence boundaries. */
public final class Sentences {

    private static final int MIN_WORDS = 5;

    private Sentences() {
    }

    /**
     * Every sentence of every source, in order, each with the heading its paragraph sits under; fragments shorter
     * than five words are dropped.
     */
    public static List<Sentence> split(List<SourceDocument> sources, Locale locale) {
        List<Sentence> sentences = new ArrayList<>();
        for (SourceDocument source : sources) {
            for (int p = 0; p < source.paragraphs().size(); p++) {
                String paragraph = source.paragraphs().get(p);
                BreakIterator iterator = BreakIterator.getSentenceInstance(locale);
                iterator.setText(paragraph);
                int start = iterator.first();
                int position = 0;
                for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
                    String text = paragraph.substring(start, end).strip();
                    Sentence sentence = new Sentence(text, source.title(), p + 1, sentences.size(),
                            source.heading(p), position++);
                    if (sentence.wordCount() >= MIN_WORDS) {
                        sentences.add(sentence);
                    }
                }
            }
        }
        return sentences;
    }
}
