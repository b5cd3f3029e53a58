package io.docswarm.agents.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a growth limit stated in a job's guidance, such as "flag any request above five percent growth": a
 * comparison word directly before a percentage, in a sentence about growth. Only such explicit limits count;
 * "revenue growth of twelve percent" states a rate, not a limit, and is ignored.
 */
final class GrowthThreshold {

    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("twenty-five", 25), Map.entry("thirty", 30), Map.entry("fifty", 50));

    private static final Pattern LIMIT = Pattern.compile("\\b(?:above|over|more than|greater than|exceeding|exceeds"
            + "|in excess of|beyond)\\s+(\\d+(?:\\.\\d+)?|" + String.join("|", WORDS.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).toList()) + ")\\s*(?:%|percent\\b|per cent\\b)");

    private static final Pattern GROWTH = Pattern.compile("\\b(growth|grow|grows|increase|increases|rise|rises)\\b");

    private GrowthThreshold() {
    }

    /** The first limit stated in {@code texts}, as a fraction (0.05 for five percent). */
    static OptionalDouble find(List<String> texts) {
        for (String text : texts) {
            for (String sentence : text.split("(?<=[.!?])\\s+")) {
                String lower = sentence.toLowerCase(Locale.ROOT);
                Matcher limit = LIMIT.matcher(lower);
                if (GROWTH.matcher(lower).find() && limit.find()) {
                    String number = limit.group(1);
                    double percent = WORDS.containsKey(number) ? WORDS.get(number) : Double.parseDouble(number);
                    return OptionalDouble.of(percent / 100);
                }
            }
        }
        return OptionalDouble.empty();
    }
}
