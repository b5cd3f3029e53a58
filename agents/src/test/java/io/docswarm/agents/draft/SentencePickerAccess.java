package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.TextRank;
import java.util.List;
import java.util.Map;

/** Lets tests in other packages call the package-private allocator. */
public final class SentencePickerAccess {
    private SentencePickerAccess() {
    }

    public static Map<Integer, List<Sentence>> allocate(List<TextRank.Ranked> ranked,
                                                        List<PartTask.SectionRef> sections, int budget, int maxWords) {
        return SentencePicker.allocate(ranked, sections, budget, maxWords);
    }
}
