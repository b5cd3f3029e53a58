package io.docswarm.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/skill.schema.json and the Skill records must describe the same manifest. */
class SkillSchemaTest {

    private final SkillSchema schema = new SkillSchema();

    /** Every record reachable from Skill has a $def with exactly its components as properties. */
    @Test
    void everyRecordMatchesItsDefinition() {
        Deque<Class<?>> pending = new ArrayDeque<>(List.of(Skill.class));
        Set<Class<?>> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (!seen.add(type)) {
                continue;
            }
            JsonNode def = schema.definition(type.getSimpleName());
            Set<String> components = new TreeSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(component.getName());
                JsonNode property = def.get("properties").get(component.getName());
                Class<?> nested = recordIn(component.getGenericType());
                if (nested != null) {
                    String ref = property.has("items") ? property.get("items").path("$ref").asText()
                            : property.has("additionalProperties")
                            ? property.get("additionalProperties").path("$ref").asText()
                            : property.path("$ref").asText();
                    assertEquals("#/$defs/" + nested.getSimpleName(), ref,
                            type.getSimpleName() + "." + component.getName());
                    pending.push(nested);
                }
            }
            Set<String> properties = new TreeSet<>();
            def.get("properties").fieldNames().forEachRemaining(properties::add);
            assertEquals(components, properties, "properties of " + type.getSimpleName());
            assertEquals("false", def.get("additionalProperties").asText(), type.getSimpleName());
            for (JsonNode required : def.path("required")) {
                assertTrue(components.contains(required.asText()), type.getSimpleName() + " requires " + required);
            }
        }
        assertTrue(seen.size() >= 15, "walked " + seen);
    }

    @Test
    void enumerationsMatchTheModel() {
        List<String> kinds = new ArrayList<>();
        schema.definition("Skill").get("properties").get("kind").get("enum").forEach(k -> kinds.add(k.asText()));
        assertEquals(Arrays.stream(SkillKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList(), kinds);
        List<String> roles = new ArrayList<>();
        schema.definition("Layouts").get("properties").get("roles").get("propertyNames").get("enum")
                .forEach(r -> roles.add(r.asText()));
        assertEquals(Layouts.ROLES, roles);
    }

    @Test
    void builtInsAndAFullyPopulatedSkillValidate() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (String name : SkillLibrary.BUILT_INS) {
            Skill skill = SkillLibrary.builtIn(name).orElseThrow();
            JsonNode json = mapper.readTree(SkillJson.write(skill.withTemplate(templateFileOf(skill))));
            assertEquals(List.of(), schema.validate(json), name);
        }
        Skill full = SkillFixtures.fullyPopulated();
        JsonNode json = mapper.readTree(SkillJson.write(full));
        assertEquals(List.of(), schema.validate(json));
        assertEquals(full, SkillJson.read(new java.io.ByteArrayInputStream(SkillJson.write(full)), "round trip"));
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(SkillJson.write(SkillFixtures.fullyPopulated()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("look")).put("primaryColor", "#123456");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("layouts").get("roles")).put("finale", "x");
        List<String> problems = schema.validate(json);
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.contains("primaryColor")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("finale")), problems.toString());
    }

    private static String templateFileOf(Skill skill) {
        return skill.hasTemplate() ? skill.template().substring(skill.template().lastIndexOf('/') + 1) : "";
    }

    private static Class<?> recordIn(Type type) {
        if (type instanceof Class<?> c) {
            return c.isRecord() ? c : null;
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            return recordIn(args[args.length - 1]);
        }
        return null;
    }
}
