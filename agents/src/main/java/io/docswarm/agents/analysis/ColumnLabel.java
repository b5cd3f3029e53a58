package io.docswarm.agents.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column header read as English: the noun it names, the unit it carries and whether the noun is plural, so that
 * statements keep the header's own words and units ("capacity", "301 MWh") and agree with it ("installations
 * rise", "revenue rises") instead of lowercasing the whole header.
 *
 * @param original the header exactly as written in the data file
 * @param noun     the header without its unit, e.g. {@code Capacity} for {@code Capacity MWh}
 * @param unit     the unit, e.g. {@code MWh}; empty when the header names none
 * @param plural   whether the noun is plural (its verb takes the plural form)
 */
public record ColumnLabel(String original, String noun, String unit, boolean plural) {

    /** Units written after a header's noun; matched case-sensitively so that "M" for million stays apart from "m". */
    private static final Set<String> UNITS = Set.of("MWh", "kWh", "GWh", "TWh", "MW", "kW", "GW", "EUR", "USD",
            "GBP", "SEK", "NOK", "DKK", "CHF", "JPY", "€", "$", "£", "kg", "t", "km", "m2", "m²", "h", "hrs", "FTE", "%", "pct");

    /** Words ending in s that are not plurals. */
    private static final Set<String> SINGULAR_S = Set.of("analysis", "basis", "status", "gross", "loss", "process",
            "business", "news", "bonus", "class", "mass", "access");

    /** Irregular past participles that follow the noun they describe. */
    private static final Set<String> PARTICIPLES = Set.of("sold", "spent", "built", "paid", "won", "lost", "made",
            "sent", "bought", "held");

    public static ColumnLabel of(String header) {
        String text = header.strip();
        String unit = "";
        java.util.regex.Matcher bracketed = java.util.regex.Pattern.compile("^(.*\\S)\\s*[(\\[]([^)\\]]+)[)\\]]$")
                .matcher(text);
        if (bracketed.matches()) {
            text = bracketed.group(1);
            unit = bracketed.group(2).strip();
        } else {
            List<String> words = new ArrayList<>(Arrays.asList(text.split("\\s+")));
            if (words.size() > 1 && UNITS.contains(words.getLast())) {
                unit = words.removeLast();
                text = String.join(" ", words);
            }
        }
        return new ColumnLabel(header, text, unit, isPlural(text));
    }

    /** The noun at the start of a sentence, e.g. {@code Planned spend}. */
    public String subject() {
        String phrase = phrase();
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    /**
     * The noun inside a sentence: ordinary capitalised words are lowercased ("Planned spend" becomes "planned
     * spend") while acronyms, codes and years keep their case ("Q3 sales", "budget 2027", "FTE").
     */
    public String phrase() {
        List<String> words = new ArrayList<>();
        for (String word : noun.split("\\s+")) {
            words.add(word.matches("\\p{Lu}\\p{Ll}+") ? word.toLowerCase(Locale.ROOT) : word);
        }
        return String.join(" ", words);
    }

    /** A formatted number followed by this label's unit, e.g. {@code 301 MWh}. */
    public String withUnit(String number) {
        // A percentage's number carries its own sign (the column's format writes it).
        return unit.isEmpty() || unit.equals("%") || unit.equals("pct") ? number : number + " " + unit;
    }

    /** The verb form that agrees with this label: {@code verb("rises", "rise")}. */
    public String verb(String singular, String pluralForm) {
        return plural ? pluralForm : singular;
    }

    /**
     * Whether the noun's head is a regular plural. The head is the last word that is not a number, a code or a
     * trailing participle ("Units sold" is about units).
     */
    private static boolean isPlural(String noun) {
        String[] words = noun.split("\\s+");
        for (int i = words.length - 1; i >= 0; i--) {
            String word = words[i].toLowerCase(Locale.ROOT);
            boolean participle = i > 0 && (word.endsWith("ed") || PARTICIPLES.contains(word));
            if (word.matches("\\p{Ll}{2,}") && !participle) {
                return word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")
                        && !SINGULAR_S.contains(word);
            }
        }
        return false;
    }
}
