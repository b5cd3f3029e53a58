package io.docswarm.agents.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docswarm.agents.trace.Roles;
import io.docswarm.engine.grammar.JsonPrefixMatcher;
import io.docswarm.engine.grammar.JsonSchemaGrammar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The plan as a JSON document ({@code plan.json}) that matches {@code plan.schema.json}: the contract between a
 * planner and the rest of the swarm. The same schema constrains a model planner's output, and checks the
 * deterministic planner's, through the engine's schema matcher. Each part depends on the deliverable's parts
 * before it that it draws on: the summary on nothing, sections on nothing, the agenda and closing slides on the
 * sections (they list them).
 */
public final class PlanDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The schema's text, as published with the agents. */
    public static final String SCHEMA = load();
    private static final JsonSchemaGrammar GRAMMAR = JsonSchemaGrammar.compile(SCHEMA);

    private PlanDocument() {
    }

    /** The plan as compact JSON, fields in the schema's order. */
    public static String toJson(JobPlan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("jobId", plan.jobId());
        ArrayNode parts = root.putArray("parts");
        for (PartTask task : plan.parts()) {
            ObjectNode part = parts.addObject();
            part.put("deliverable", task.deliverableIndex());
            part.put("part", task.partIndex());
            part.put("format", task.format().extension());
            part.put("kind", task.kind().name().toLowerCase(Locale.ROOT));
            part.put("role", Roles.of(task));
            part.put("heading", task.heading());
            part.put("level", task.level());
            part.put("purpose", task.purpose());
            part.put("sentenceBudget", task.sentenceBudget());
            ArrayNode dependsOn = part.putArray("dependsOn");
            if (task.kind() == PartKind.AGENDA_SLIDE || task.kind() == PartKind.CLOSING_SLIDE) {
                plan.parts().stream().filter(p -> p.deliverableIndex() == task.deliverableIndex()
                        && p.kind() == PartKind.SECTION).forEach(p -> dependsOn.add(p.partIndex()));
            }
        }
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code json} is a complete document matching the plan schema. */
    public static boolean isValid(String json) {
        JsonPrefixMatcher matcher = GRAMMAR.newMatcher();
        for (byte b : json.getBytes(StandardCharsets.UTF_8)) {
            if (!matcher.accept(b & 0xFF)) {
                return false;
            }
        }
        return matcher.isComplete();
    }

    private static String load() {
        try (InputStream in = PlanDocument.class.getResourceAsStream("plan.schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("plan.schema.json is missing from the agents jar", e);
        }
    }
}
