package io.docswarm.agents.analysis;

import java.util.List;

/** The little English the fact sentences need: plurals of dimension names and lists. */
final class English {

    private English() {
    }

    /** {@code month} for one, {@code months} for more; the last word of a phrase takes the plural. */
    static String plural(String noun, int count) {
        if (count == 1 || noun.endsWith("s")) {
            return noun;
        }
        boolean consonantY = noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0;
        return consonantY ? noun.substring(0, noun.length() - 1) + "ies"
                : noun.endsWith("ch") || noun.endsWith("sh") || noun.endsWith("x") ? noun + "es" : noun + "s";
    }

    /** {@code Month} for {@code month}: a word at the start of a heading or sentence. */
    static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** {@code A}, {@code A and B}, {@code A, B and C}. */
    static String list(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }
}
