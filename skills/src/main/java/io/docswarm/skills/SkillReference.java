package io.docswarm.skills;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A job's reference to a Skill: {@code NAME} (newest version) or {@code NAME@N} (pinned).
 *
 * @param name    the library name
 * @param version the pinned version, empty for "newest"
 */
public record SkillReference(String name, OptionalInt version) {

    private static final Pattern FORM = Pattern.compile("([a-z0-9][a-z0-9-_]{0,63})(?:@([1-9][0-9]{0,5}))?");

    /** Parses {@code NAME} or {@code NAME@N}; names are lower-case letters, digits, '-' and '_'. */
    public static SkillReference parse(String text) {
        var matcher = FORM.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "a skill reference is NAME or NAME@VERSION (lower-case letters, digits, '-', '_'), was '"
                            + text + "'");
        }
        String pinned = matcher.group(2);
        return new SkillReference(matcher.group(1),
                pinned == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(pinned)));
    }

    @Override
    public String toString() {
        return version.isPresent() ? name + "@" + version.getAsInt() : name;
    }
}
