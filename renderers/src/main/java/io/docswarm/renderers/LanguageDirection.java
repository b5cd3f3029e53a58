package io.docswarm.renderers;

import com.ibm.icu.util.ULocale;

/**
 * The direction a document is written in, from its language: right to left when the language's script is (Hebrew,
 * Arabic, Persian, Urdu, Yiddish, Pashto, Sindhi, Uyghur, Sorani Kurdish, Dhivehi, ... and their regional variants).
 * ICU decides, from the tag's script subtag or else the language's likely script (CLDR), so {@code az-Arab} is right
 * to left and {@code sd-Deva} is not, without a hand-kept list of languages.
 *
 * <p>A document's direction is the default for what has no direction of its own: the layout of its tables, running
 * header and footer and contents, and the base direction of paragraphs without a strong character
 * ({@link TextDirection#of(CharSequence, TextDirection)}).
 */
public final class LanguageDirection {

    private LanguageDirection() {
    }

    /**
     * The direction of a BCP 47 language tag; left to right when the tag is null, empty, malformed or names no
     * language ICU knows a script for.
     */
    public static TextDirection of(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return TextDirection.LEFT_TO_RIGHT;
        }
        return ULocale.forLanguageTag(languageTag.strip()).isRightToLeft() ? TextDirection.RIGHT_TO_LEFT
                : TextDirection.LEFT_TO_RIGHT;
    }
}
