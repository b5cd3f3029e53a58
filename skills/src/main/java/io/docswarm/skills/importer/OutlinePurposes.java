package io.docswarm.skills.importer;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Guesses what a section of a sample is for from its heading, so drafters know what to put there. */
final class OutlinePurposes {

    private static final Pattern SUMMARY = Pattern.compile(
            "\\b(summary|overview|highlights|introduction|abstract|at a glance|key messages|purpose|tl;?dr)\\b");
    private static final Pattern CONCLUSION = Pattern.compile(
            "\\b(conclusions?|recommendations?|next steps|actions?|outlook|decisions?|the ask|way forward|closing)\\b");
    private static final Pattern DATA = Pattern.compile(
            "\\b(numbers|figures|data|results|metrics|kpis?|financials?|budget|forecast|analysis|by the numbers|"
                    + "performance|statistics|appendix|tables?)\\b");

    private OutlinePurposes() {
    }

    static String of(String heading, int index, int count) {
        String h = heading.toLowerCase(Locale.ROOT);
        if (SUMMARY.matcher(h).find()) {
            return "summary";
        }
        if (CONCLUSION.matcher(h).find()) {
            return "conclusion";
        }
        if (DATA.matcher(h).find()) {
            return "data";
        }
        if (index == 0 && count > 2) {
            return "summary";
        }
        return "narrative";
    }

    static List<String> purposes(List<String> headings) {
        return java.util.stream.IntStream.range(0, headings.size())
                .mapToObj(i -> of(headings.get(i), i, headings.size())).toList();
    }
}
