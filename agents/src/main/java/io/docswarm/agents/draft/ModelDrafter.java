package io.docswarm.agents.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.trace.Roles;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Slide;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drafts the writer parts with a language model (the in-process engine or an OpenAI-compatible server), grounded in the same evidence the model-free drafter
 * selects: each part's key sentences become the prompt's evidence, and the model answers with a JSON document
 * (paragraphs for reports, bullets for slides) constrained by a schema, so the structure is valid whatever the
 * words. Numbers, tables, charts and slide scaffolding stay with the deterministic tools: a model never does
 * arithmetic here. When the model runs out of tokens before its document is complete, the part falls back to the
 * grounded text and says so.
 */
public final class ModelDrafter implements Drafter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TextModel model;
    private final GroundedDrafter grounded = new GroundedDrafter();

    public ModelDrafter(TextModel model) {
        this.model = model;
    }

    /** The model's name: {@code engine} or {@code openai}. */
    @Override
    public String name() {
        return model.name();
    }

    @Override
    public DraftedPart draft(PartTask task, JobMaterials materials, Skill skill) {
        return redraft(task, materials, skill, List.of());
    }

    @Override
    public boolean takesFeedback() {
        return true;
    }

    @Override
    public DraftedPart redraft(PartTask task, JobMaterials materials, Skill skill, List<String> fixes) {
        DraftedPart evidence = grounded.draft(task, materials, skill);
        if (!"writer".equals(Roles.of(task))) {
            return relabel(evidence, List.of(), 0);
        }
        boolean slides = task.format() == OutputFormat.PPTX;
        List<String> sentences = evidenceSentences(evidence);
        if (sentences.isEmpty()) {
            return relabel(evidence, List.of(), 0);
        }
        int items = Math.max(1, Math.min(task.sentenceBudget(), slides ? skill.voice().maxBulletsPerSlide() : 3));
        // About seven characters a word: a bullet within its word budget, a paragraph of two full sentences.
        int maxChars = slides ? skill.voice().maxBulletWords() * 7 : skill.voice().maxSentenceWords() * 7 * 2;
        // Enough tokens for the longest valid answer even at one character per token, so a complete document
        // is always reachable.
        int maxTokens = items * (maxChars + 8) + 48;
        String schema = """
                {"type": "object", "properties": {"items": {"type": "array", "minItems": 1, "maxItems": %d,
                 "items": {"type": "string", "minLength": 1, "maxLength": %d}}}, "required": ["items"]}"""
                .formatted(items, maxChars);
        String prompt = prompt(task, materials, skill, sentences, slides);
        if (!fixes.isEmpty()) {
            // The reviewer's findings go back to the model as concrete fixes (the retry is bounded by the caller).
            prompt += "A reviewer asked for these fixes to your previous answer:\n- " + String.join("\n- ", fixes)
                    + "\n";
        }
        TextModel.Answer answer = model.complete(prompt, schema, maxTokens);
        if (!answer.complete()) {
            return relabel(evidence, List.of("part '" + task.heading() + "': the model's answer was incomplete after "
                    + maxTokens + " tokens; the grounded text is used instead"), answer.tokens());
        }
        List<String> texts = new ArrayList<>();
        try {
            for (JsonNode item : JSON.readTree(answer.text()).get("items")) {
                texts.add(item.asText().strip());
            }
            if (texts.isEmpty() || texts.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("empty items");
            }
        } catch (IOException | RuntimeException e) {
            return relabel(evidence, List.of("part '" + task.heading() + "': unreadable model answer ("
                    + e.getMessage() + "); the grounded text is used instead"), answer.tokens());
        }
        String citation = "based on " + sentences.size() + " passage(s): " + citations(evidence);
        if (slides) {
            Slide slide = new Slide(Slide.SlideRole.CONTENT, task.heading(), List.of(BulletList.bullets(texts)),
                    "Drafted by the engine from: " + citations(evidence));
            return new DraftedPart(task.jobId(), task.deliverableIndex(), task.partIndex(), List.of(), List.of(slide),
                    List.of(), List.of(), name(), answer.tokens());
        }
        List<Block> blocks = new ArrayList<>();
        for (String text : texts) {
            blocks.add(new Paragraph(List.of(Run.cited(text, citation))));
        }
        Section section = new Section(task.heading(), task.level(), blocks);
        return new DraftedPart(task.jobId(), task.deliverableIndex(), task.partIndex(), List.of(section), List.of(),
                List.of(), List.of(), name(), answer.tokens());
    }

    private static String prompt(PartTask task, JobMaterials materials, Skill skill, List<String> sentences,
                                 boolean slides) {
        StringBuilder prompt = new StringBuilder();
        prompt.append("You write the part \"").append(task.heading()).append("\" of \"")
                .append(materials.spec().title()).append("\" for ").append(materials.spec().audience().isBlank()
                        ? "its readers" : materials.spec().audience()).append(". Tone: ")
                .append(materials.spec().constraints().tone()).append(". ")
                .append(slides ? "Write slide bullets of at most " + skill.voice().maxBulletWords() + " words."
                        : "Write paragraphs with sentences of at most " + skill.voice().maxSentenceWords() + " words.")
                .append(" Use only these facts:\n");
        sentences.forEach(s -> prompt.append("- ").append(s).append('\n'));
        prompt.append("Answer as JSON: {\"items\": [...]}.\n");
        return prompt.toString();
    }

    private static List<String> evidenceSentences(DraftedPart part) {
        List<String> texts = new ArrayList<>();
        for (Section section : part.sections()) {
            for (Block block : section.blocks()) {
                switch (block) {
                    case Paragraph p -> texts.add(p.text().strip());
                    case BulletList list -> list.items().forEach(i -> texts.add(i.text().strip()));
                    default -> { }
                }
            }
        }
        for (Slide slide : part.slides()) {
            for (Block block : slide.body()) {
                if (block instanceof BulletList list) {
                    list.items().forEach(i -> texts.add(i.text().strip()));
                }
            }
        }
        return texts.stream().filter(t -> !t.isBlank()).toList();
    }

    private static String citations(DraftedPart part) {
        Set<String> sources = new LinkedHashSet<>();
        for (Section section : part.sections()) {
            for (Block block : section.blocks()) {
                if (block instanceof Paragraph p) {
                    p.runs().stream().map(Run::citation).filter(c -> !c.isBlank()).forEach(sources::add);
                }
                if (block instanceof BulletList list) {
                    list.items().forEach(i -> i.runs().stream().map(Run::citation).filter(c -> !c.isBlank())
                            .forEach(sources::add));
                }
            }
        }
        part.slides().forEach(s -> { if (!s.notes().isBlank()) { sources.add(s.notes()); } });
        return sources.isEmpty() ? "the job's sources" : sources.stream().collect(Collectors.joining("; "));
    }

    private DraftedPart relabel(DraftedPart part, List<String> warnings, long tokens) {
        List<String> all = new ArrayList<>(part.warnings());
        all.addAll(warnings);
        return new DraftedPart(part.jobId(), part.deliverableIndex(), part.partIndex(), part.sections(), part.slides(),
                part.sheets(), all, name(), tokens);
    }
}
