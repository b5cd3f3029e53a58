package io.docswarm.skills.importer;

import io.docswarm.skills.Voice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a sample's writing and turns the measurements into the Voice budgets drafters follow.
 * The person and tense heuristics are for English text; other languages fall back to the defaults.
 */
final class VoiceMeter {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.,%/-]*");
    private static final Pattern NUMBER = Pattern.compile("\\p{N}");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[\"”’)]?\\s+(?=[\\p{Lu}\\p{N}\"“(])");
    private static final Pattern FIRST_PLURAL = Pattern.compile("\\b(we|our|us|ours)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_SINGULAR = Pattern.compile("\\b(I|my|me|mine)\\b");
    private static final Pattern SECOND = Pattern.compile("\\b(you|your|yours)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAST = Pattern.compile(
            "\\b(was|were|had|did)\\b|\\b(we|they|it|he|she|sales|revenue|costs?|margins?)\\s+\\w{2,}ed\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FUTURE = Pattern.compile("\\b(will|shall)\\b", Pattern.CASE_INSENSITIVE);

    private final List<Integer> sentenceWords = new ArrayList<>();
    private final List<Integer> bulletWords = new ArrayList<>();
    private final List<Integer> bulletsPerSlide = new ArrayList<>();
    private int words;
    private int numbers;
    private int firstPlural;
    private int firstSingular;
    private int second;
    private int past;
    private int future;
    private int slides;
    private int sections;

    /** A paragraph of running text: split into sentences and measured. */
    VoiceMeter paragraph(String text) {
        for (String sentence : SENTENCE_END.split(text.strip())) {
            int n = count(sentence);
            if (n >= 3) {
                sentenceWords.add(n);
                person(sentence);
            }
        }
        return this;
    }

    /** A list item (or a slide bullet). */
    VoiceMeter bullet(String text) {
        int n = count(text);
        if (n > 0) {
            bulletWords.add(n);
            person(text);
        }
        return this;
    }

    /** One slide with this many bullets. */
    VoiceMeter slide(int bullets) {
        slides++;
        if (bullets > 0) {
            bulletsPerSlide.add(bullets);
        }
        return this;
    }

    /** A section heading was seen (sentences per section are counted against it). */
    VoiceMeter section() {
        sections++;
        return this;
    }

    private int count(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
            if (NUMBER.matcher(m.group()).find()) {
                numbers++;
            }
        }
        words += n;
        return n;
    }

    private void person(String text) {
        if (FIRST_PLURAL.matcher(text).find()) {
            firstPlural++;
        }
        if (FIRST_SINGULAR.matcher(text).find()) {
            firstSingular++;
        }
        if (SECOND.matcher(text).find()) {
            second++;
        }
        if (PAST.matcher(text).find()) {
            past++;
        }
        if (FUTURE.matcher(text).find()) {
            future++;
        }
    }

    Voice.VoiceProfile profile() {
        int statements = sentenceWords.size() + bulletWords.size();
        return new Voice.VoiceProfile(words, sentenceWords.size(), round1(mean(sentenceWords)),
                percentile(sentenceWords, 0.9), bulletWords.size(), round1(mean(bulletWords)),
                bulletWords.stream().mapToInt(Integer::intValue).max().orElse(0), slides,
                round1(mean(bulletsPerSlide)), bulletsPerSlide.stream().mapToInt(Integer::intValue).max().orElse(0),
                words == 0 ? 0 : round1(100.0 * numbers / words),
                statements == 0 ? 0 : round2((double) (firstPlural + firstSingular) / statements),
                statements == 0 ? 0 : round2((double) past / statements));
    }

    /**
     * Budgets from the measurements, each falling back to {@code defaults} when the sample has too little
     * text of that kind; what fell back is reported.
     */
    Voice voice(Voice defaults, ImportReport report) {
        Voice.VoiceProfile p = profile();
        int maxSentence = defaults.maxSentenceWords();
        if (p.sentences() >= 3) {
            maxSentence = clamp((int) Math.ceil(p.p90SentenceWords() * 1.2), 12, 60);
        } else {
            report.assumed("longest sentence " + maxSentence + " words (too few sentences to measure)");
        }
        int maxBullet = defaults.maxBulletWords();
        if (p.bullets() >= 3) {
            maxBullet = clamp(Math.max(p.maxBulletWords(), (int) Math.ceil(p.meanBulletWords() * 1.5)), 6, 40);
        } else {
            report.assumed("longest bullet " + maxBullet + " words (too few bullets to measure)");
        }
        int perSlide = defaults.maxBulletsPerSlide();
        if (!bulletsPerSlide.isEmpty()) {
            perSlide = clamp(p.maxBulletsPerSlide(), 3, 10);
        } else {
            report.assumed("at most " + perSlide + " bullets per slide (no slides with bullets in the sample)");
        }
        int perSection = defaults.sentencesPerSection();
        if (sections > 0 && p.sentences() >= sections) {
            perSection = clamp(Math.round((float) p.sentences() / sections), 2, 8);
        } else {
            report.assumed(perSection + " key sentences per section (no sections with running text to count)");
        }
        int statements = sentenceWords.size() + bulletWords.size();
        String person = defaults.person();
        String tense = defaults.tense();
        if (statements >= 3) {
            person = dominantPerson(statements);
            tense = future > statements / 2 ? "future" : past > statements / 2 ? "past" : "present";
        } else {
            report.assumed("person '" + person + "' and tense '" + tense + "' (too little text to tell)");
        }
        report.extracted(String.format(Locale.ROOT,
                "voice: %d words, %d sentences (mean %.1f, 90th percentile %d words), %d bullets (mean %.1f, "
                        + "longest %d words), %.1f numbers per 100 words, %s person, %s tense",
                p.words(), p.sentences(), p.meanSentenceWords(), p.p90SentenceWords(), p.bullets(),
                p.meanBulletWords(), p.maxBulletWords(), p.numbersPer100Words(), person, tense));
        return new Voice(maxSentence, maxBullet, perSlide, perSection, person, tense, p);
    }

    private String dominantPerson(int statements) {
        int threshold = Math.max(1, statements / 5);
        int[] counts = {firstPlural, firstSingular, second};
        String[] names = {"first-plural", "first-singular", "second"};
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= threshold && (best < 0 || counts[i] > counts[best])) {
                best = i;
            }
        }
        return best < 0 ? "third" : names[best];
    }

    private static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    private static int percentile(List<Integer> values, double q) {
        if (values.isEmpty()) {
            return 0;
        }
        int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Words in a text, as this meter counts them (the conformance check uses the same rule). */
    static int words(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static List<String> sentences(String text) {
        return Arrays.stream(SENTENCE_END.split(text.strip())).filter(s -> !s.isBlank()).toList();
    }
}
