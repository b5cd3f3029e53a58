package io.docswarm.agents.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Word tokens for ranking: lower-cased letters and digits, with English function words removed. */
public final class Words {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    /** A token of digits and number punctuation only ("2026", "1,200", "3.5"); compiled once, not per token. */
    private static final Pattern NUMBER = Pattern.compile("[\\d.,'’-]+");

    /** Function words that carry no topic; a small hand-made list is enough for ranking. */
    static final Set<String> STOPWORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had",
            "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
            "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on",
            "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so",
            "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
            "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
            "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
            "per", "via", "may", "might", "must", "shall", "one", "two", "three", "new", "across", "within", "whose",
            "it's", "we're", "they're", "don't", "isn't", "aren't", "won't", "many", "much", "every", "still",
            "yet", "already", "around", "among", "since", "upon", "whether", "however", "therefore", "thus");

    private Words() {
    }

    /** All word tokens, lower-cased, stopwords included (for phrase building). */
    public static List<String> tokens(String text) {
        return surfaceTokens(text).stream().map(token -> token.toLowerCase(Locale.ROOT)).toList();
    }

    /** All word tokens as written, stopwords included (for showing phrases with their own capitals). */
    public static List<String> surfaceTokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** Content words only: no stopwords, no pure numbers, at least two characters. */
    public static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        for (String token : tokens(text)) {
            if (isContent(token)) {
                words.add(stem(token));
            }
        }
        return words;
    }

    static boolean isContent(String token) {
        return token.length() > 1 && !STOPWORDS.contains(token) && !NUMBER.matcher(token).matches();
    }

    /** A light suffix stripper so "markets" and "market" count as one word. */
    static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
