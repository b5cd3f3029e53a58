package io.docswarm.skills;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads and writes {@code skill.json}, the manifest of a Skill package. */
public final class SkillJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Maps (theme colours, layout roles) are written in key order, so the same Skill gives the same bytes.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // Optional parts (theme, layouts, logic ...) are left out when absent, so hand-written skill.json
            // files stay short and old ones read the same.
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    private SkillJson() {
    }

    public static Skill read(InputStream in, String origin) {
        try {
            return MAPPER.readValue(in, Skill.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": not a valid skill.json: " + e.getMessage(), e);
        }
    }

    public static byte[] write(Skill skill) {
        try {
            return MAPPER.writeValueAsBytes(skill);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
