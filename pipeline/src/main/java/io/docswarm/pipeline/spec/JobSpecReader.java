package io.docswarm.pipeline.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonParser;
import io.docswarm.agents.job.Constraints;
import io.docswarm.agents.job.DataRef;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.job.Priority;
import io.docswarm.agents.job.SourceRef;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.pipeline.storage.Storage;
import io.docswarm.skills.SkillReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates job spec v1 (see {@code docs/job-spec.md}). Every problem is reported with the file, the
 * JSON path, what was expected and what was found; unknown fields are errors so typos cannot pass silently.
 */
public final class JobSpecReader {

    /** The most bytes a spec may have; specs are small, and a huge one is a mistake or an attack. */
    public static final int MAX_SPEC_BYTES = 1 << 20;
    /** The most characters an inline source ({@code $.sources[i].text}) may have. */
    public static final int MAX_INLINE_TEXT_CHARS = 100_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    static final Set<String> ROOT_FIELDS = Set.of("$schema", "id", "title", "brief", "audience",
            "deliverables", "sources", "data", "constraints", "priority");
    static final Set<String> DELIVERABLE_FIELDS = Set.of("format", "skill", "name", "length");
    static final Set<String> SOURCE_FIELDS = Set.of("path", "text", "title");
    static final Set<String> DATA_FIELDS = Set.of("path", "name", "sheet");
    static final Set<String> CONSTRAINT_FIELDS = Set.of("sections", "slides", "pages", "language", "tone");
    static final List<String> TONES = List.of("formal", "neutral", "conversational", "technical",
            "persuasive");
    private static final Map<OutputFormat, String> DEFAULT_SKILLS = Map.of(OutputFormat.DOCX, "report",
            OutputFormat.PDF, "report", OutputFormat.PPTX, "deck", OutputFormat.XLSX, "workbook");
    private static final String ID_PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";
    private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    /** The most section headings a job may name; with the title, agenda and closing slides a deck stays
     * within the plan's 300 parts (plan.schema.json). */
    public static final int MAX_SECTIONS = 100;
    /** The longest section heading; plan.schema.json allows 200 characters per heading. */
    public static final int MAX_HEADING_CHARS = 200;
    /** The most deliverables a job may have; plan.schema.json numbers them 0 to 99. */
    public static final int MAX_DELIVERABLES = 100;

    private final SpecPaths paths;

    public JobSpecReader(SpecPaths paths) {
        this.paths = paths;
    }

    /** Reads the spec at {@code location} (a local path or an object-store URI inside the bucket). */
    public ParsedSpec read(String location) throws SpecValidationException {
        String name = paths.relative(location);
        var refused = paths.refuseSpec(location);
        if (refused.isPresent()) {
            throw single(name, "$", "a spec file inside the bucket's jobs/ folder", refused.get());
        }
        var metadata = Storage.metadata(location);
        if (metadata.isEmpty()) {
            throw single(name, "$", "a readable file", "no file at " + name);
        }
        if (metadata.get().sizeBytes() > MAX_SPEC_BYTES) {
            throw single(name, "$", "a spec of at most " + MAX_SPEC_BYTES + " bytes",
                    metadata.get().sizeBytes() + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Storage.readAllBytes(location);
        } catch (IOException e) {
            throw single(name, "$", "a readable file", "a file that cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
        // Whole seconds: file systems and object stores keep different precision.
        Instant modified = Instant.ofEpochSecond(metadata.get().lastModifiedMillis() / 1000);
        String specDir = location.substring(0, Math.max(0, location.lastIndexOf('/')));
        return parse(name, specDir, bytes, modified);
    }

    /** Reads a local spec file. */
    public ParsedSpec read(Path specPath) throws SpecValidationException {
        return read(specPath.toAbsolutePath().normalize().toString());
    }

    /** Parses spec bytes; {@code specDir} is where relative paths start. */
    public ParsedSpec parse(String name, String specDir, byte[] bytes, Instant modified)
            throws SpecValidationException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw single(name, "$", "well-formed JSON", e.getOriginalMessage()
                    + (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr()));
        } catch (IOException e) {
            throw single(name, "$", "well-formed JSON", e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw single(name, "$", "a JSON object", "an empty file");
        }
        Validation v = new Validation(name, specDir);
        JobSpec spec = v.job(root);
        if (!v.errors.isEmpty()) {
            throw new SpecValidationException(v.errors);
        }
        return new ParsedSpec(name, hash(name, bytes, spec), modified, spec);
    }

    private static SpecValidationException single(String file, String path, String expected, String found) {
        return new SpecValidationException(List.of(new SpecError(file, path, expected, found)));
    }

    private String hash(String name, byte[] spec, JobSpec job) throws SpecValidationException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update(spec);
        for (int i = 0; i < job.sources().size(); i++) {
            if (!job.sources().get(i).inline()) {
                digestFile(digest, name, "$.sources[" + i + "].path", job.sources().get(i).path());
            }
        }
        for (int i = 0; i < job.data().size(); i++) {
            digestFile(digest, name, "$.data[" + i + "].path", job.data().get(i).path());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void digestFile(MessageDigest digest, String name, String path, String location)
            throws SpecValidationException {
        try (var in = Storage.open(location)) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw single(name, path, "a readable file", paths.relative(location) + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** One validation pass: collects every error rather than stopping at the first. */
    private final class Validation {
        private final String file;
        private final String specDir;
        private final List<SpecError> errors = new ArrayList<>();

        Validation(String file, String specDir) {
            this.file = file;
            this.specDir = specDir;
        }

        JobSpec job(JsonNode root) {
            if (!object(root, "$", ROOT_FIELDS)) {
                return null;
            }
            String id = pattern(root, "$.id", ID_PATTERN, "an id of lower-case letters, digits, '-' and '_' "
                    + "(1-64 characters)", true);
            String title = text(root, "$.title", true, 200);
            String brief = block(root, "$.brief", true, 20_000);
            String audience = text(root, "$.audience", false, 500);
            List<Deliverable> deliverables = list(root.get("deliverables"), "$.deliverables", true,
                    MAX_DELIVERABLES, (node, path) -> deliverable(node, path, id));
            checkUniqueFiles(deliverables);
            List<SourceRef> sources = list(root.get("sources"), "$.sources", false, Integer.MAX_VALUE,
                    this::source);
            List<DataRef> data = list(root.get("data"), "$.data", false, Integer.MAX_VALUE, this::data);
            Constraints constraints = constraints(root.get("constraints"));
            Priority priority = enumValue(root.get("priority"), "$.priority", Priority.class);
            if (!errors.isEmpty()) {
                return null;
            }
            return new JobSpec(id, title, brief, audience == null ? "" : audience, deliverables, sources, data,
                    constraints, priority);
        }

        private Deliverable deliverable(JsonNode node, String path, String jobId) {
            if (!object(node, path, DELIVERABLE_FIELDS)) {
                return null;
            }
            OutputFormat format = null;
            String formatText = text(node, path + ".format", true, 10);
            if (formatText != null && !formatText.equals(formatText.toLowerCase(Locale.ROOT))) {
                // The schema's enum is case-sensitive, like every other enumeration in the spec: one spelling.
                error(path + ".format", "one of docx, pptx, xlsx, pdf (lower case)", quote(formatText)
                        + " (write '" + formatText.toLowerCase(Locale.ROOT) + "')");
            } else if (formatText != null) {
                try {
                    format = OutputFormat.parse(formatText);
                } catch (IllegalArgumentException e) {
                    error(path + ".format", "one of docx, pptx, xlsx, pdf", quote(formatText));
                }
            }
            String skill = text(node, path + ".skill", false, 80);
            if (skill != null) {
                try {
                    SkillReference.parse(skill);
                } catch (IllegalArgumentException e) {
                    error(path + ".skill", "NAME or NAME@VERSION", quote(skill));
                }
            }
            String name = pattern(node, path + ".name", NAME_PATTERN,
                    "a file name of letters, digits, '.', '-' and '_' (no extension)", false);
            int length = integer(node.get("length"), path + ".length", 1, 2000);
            if (format == null) {
                return null;
            }
            return new Deliverable(format, skill == null ? DEFAULT_SKILLS.get(format) : skill,
                    name == null ? (jobId == null ? "deliverable" : jobId) : name, length);
        }

        private void checkUniqueFiles(List<Deliverable> deliverables) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < deliverables.size(); i++) {
                Deliverable d = deliverables.get(i);
                if (d != null && !seen.add(d.fileName())) {
                    error("$.deliverables[" + i + "]", "a file name not used by another deliverable",
                            quote(d.fileName()) + " again (set 'name')");
                }
            }
        }

        private SourceRef source(JsonNode node, String path) {
            if (!object(node, path, SOURCE_FIELDS)) {
                return null;
            }
            boolean hasPath = node.has("path");
            boolean hasText = node.has("text");
            if (hasPath == hasText) {
                error(path, "exactly one of 'path' or 'text'", hasPath ? "both" : "neither");
                return null;
            }
            String title = text(node, path + ".title", false, 200);
            if (hasText) {
                String text = block(node, path + ".text", true, MAX_INLINE_TEXT_CHARS);
                return text == null ? null : new SourceRef(title == null ? "inline source" : title, null, text);
            }
            String resolved = file(node, path + ".path", List.of(".txt", ".md", ".markdown", ".docx", ".pdf"));
            if (resolved == null) {
                return null;
            }
            return new SourceRef(title == null ? paths.relative(resolved) : title, resolved, null);
        }

        private DataRef data(JsonNode node, String path) {
            if (!object(node, path, DATA_FIELDS)) {
                return null;
            }
            String resolved = file(node, path + ".path", List.of(".csv", ".xlsx"));
            String name = text(node, path + ".name", false, 60);
            String sheet = text(node, path + ".sheet", false, 31);
            if (resolved == null) {
                return null;
            }
            String fallback = Storage.fileName(resolved).replaceFirst("\\.[^.]+$", "");
            return new DataRef(name == null ? fallback : name, resolved, sheet == null ? "" : sheet);
        }

        private String file(JsonNode node, String path, List<String> extensions) {
            String written = text(node, path, true, 1000);
            if (written == null) {
                return null;
            }
            String lower = written.toLowerCase(Locale.ROOT);
            if (extensions.stream().noneMatch(lower::endsWith)) {
                error(path, "a file ending in " + String.join(", ", extensions), quote(written));
                return null;
            }
            SpecPaths.Resolution resolution = paths.resolve(specDir, written);
            if (resolution.location().isEmpty()) {
                error(path, resolution.expected(), resolution.found());
                return null;
            }
            return resolution.location().get();
        }

        private Constraints constraints(JsonNode node) {
            if (node == null) {
                return Constraints.NONE;
            }
            if (!object(node, "$.constraints", CONSTRAINT_FIELDS)) {
                return Constraints.NONE;
            }
            List<String> sections = list(node.get("sections"), "$.constraints.sections", false, MAX_SECTIONS,
                    (item, path) -> {
                        if (!item.isTextual() || item.asText().isBlank()) {
                            error(path, "a non-empty string", describe(item));
                            return null;
                        }
                        String heading = item.asText().strip();
                        if (heading.length() > MAX_HEADING_CHARS) {
                            error(path, "a heading of at most " + MAX_HEADING_CHARS + " characters",
                                    heading.length() + " characters");
                            return null;
                        }
                        return controlFree(path, heading, false) ? heading : null;
                    });
            int slides = integer(node.get("slides"), "$.constraints.slides", 1, 300);
            int pages = integer(node.get("pages"), "$.constraints.pages", 1, 2000);
            String language = pattern(node, "$.constraints.language", "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*",
                    "a BCP 47 language tag such as en or en-GB", false);
            String tone = text(node, "$.constraints.tone", false, 40);
            if (tone != null && !TONES.contains(tone)) {
                error("$.constraints.tone", "one of " + String.join(", ", TONES), quote(tone));
            }
            return new Constraints(sections, slides, pages, language, tone);
        }

        private boolean object(JsonNode node, String path, Set<String> allowed) {
            if (node == null || !node.isObject()) {
                error(path, "an object", describe(node));
                return false;
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                if (!allowed.contains(field)) {
                    error(path + "." + field, "one of the fields " + String.join(", ", allowed.stream().sorted()
                            .toList()), "unknown field '" + field + "'");
                }
            }
            return true;
        }

        private <T> List<T> list(JsonNode node, String path, boolean required, int maxItems,
                                 java.util.function.BiFunction<JsonNode, String, T> item) {
            if (node == null) {
                if (required) {
                    error(path, "a non-empty array", "nothing (the field is required)");
                }
                return List.of();
            }
            if (!node.isArray()) {
                error(path, "an array", describe(node));
                return List.of();
            }
            if (required && node.isEmpty()) {
                error(path, "a non-empty array", "an empty array");
            }
            if (node.size() > maxItems) {
                error(path, "at most " + maxItems + " items", node.size() + " items");
                return List.of();
            }
            List<T> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                T value = item.apply(node.get(i), path + "[" + i + "]");
                if (value != null) {
                    items.add(value);
                }
            }
            return items;
        }

        /** A single-line text field: no control characters at all (tab and line breaks included). */
        private String text(JsonNode parent, String path, boolean required, int maxLength) {
            return text(parent, path, required, maxLength, false);
        }

        /** A multi-line text field: tab, line feed and carriage return allowed, other control characters not. */
        private String block(JsonNode parent, String path, boolean required, int maxLength) {
            return text(parent, path, required, maxLength, true);
        }

        private String text(JsonNode parent, String path, boolean required, int maxLength, boolean multiLine) {
            JsonNode node = parent.get(lastField(path));
            if (node == null || node.isNull()) {
                if (required) {
                    error(path, "a string", "nothing (the field is required)");
                }
                return null;
            }
            if (!node.isTextual()) {
                error(path, "a string", describe(node));
                return null;
            }
            String value = node.asText();
            if (required && value.isBlank()) {
                error(path, "a non-empty string", "an empty string");
                return null;
            }
            if (value.length() > maxLength) {
                error(path, "at most " + maxLength + " characters", value.length() + " characters");
                return null;
            }
            return controlFree(path, value, multiLine) ? value : null;
        }

        /**
         * Control characters (C0, DEL, C1) and unpaired surrogates cannot be written to the XML inside Office
         * files and PDF metadata; they are refused here, with the first one's 1-based position, rather than
         * failing at render time. Multi-line fields may hold tab, line feed and carriage return.
         */
        private boolean controlFree(String path, String value, boolean multiLine) {
            String problem = firstBadCharacter(value, multiLine);
            if (problem != null) {
                error(path, multiLine ? "text without control characters other than tab and line breaks"
                        : "a single line of text without control characters", problem);
                return false;
            }
            return true;
        }

        private String pattern(JsonNode parent, String path, String regex, String expected, boolean required) {
            String value = text(parent, path, required, 200);
            if (value != null && !value.matches(regex)) {
                error(path, expected, quote(value));
                return null;
            }
            return value;
        }

        private int integer(JsonNode node, String path, int min, int max) {
            if (node == null) {
                return 0;
            }
            if (!node.isInt()) {
                error(path, "an integer from " + min + " to " + max, describe(node));
                return 0;
            }
            if (node.asInt() < min || node.asInt() > max) {
                error(path, "an integer from " + min + " to " + max, Integer.toString(node.asInt()));
                return 0;
            }
            return node.asInt();
        }

        private <E extends Enum<E>> E enumValue(JsonNode node, String path, Class<E> type) {
            if (node == null) {
                return null;
            }
            List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
            if (!node.isTextual() || !names.contains(node.asText())) {
                error(path, "one of " + String.join(", ", names), describe(node));
                return null;
            }
            return Enum.valueOf(type, node.asText().toUpperCase(Locale.ROOT));
        }

        private void error(String path, String expected, String found) {
            errors.add(new SpecError(file, path, expected, found));
        }

        private static String lastField(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }

    /**
     * The first character in {@code value} that rendered documents cannot hold, described for an error message
     * (e.g. {@code control character U+0007 at position 5}, positions counted from 1), or null if there is none.
     */
    static String firstBadCharacter(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                if (multiLine && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return "control character U+%04X at position %d".formatted((int) c, i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "unpaired surrogate U+%04X at position %d".formatted((int) c, i + 1);
            }
        }
        return null;
    }

    /** Describes a JSON value for error messages: its type and, when short, the value. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        String type = node.isTextual() ? "string" : node.isNumber() ? "number" : node.isBoolean() ? "boolean"
                : node.isArray() ? "array" : node.isObject() ? "object" : "null";
        return type + " " + shown;
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }
}
