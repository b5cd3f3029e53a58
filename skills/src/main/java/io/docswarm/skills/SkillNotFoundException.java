package io.docswarm.skills;

/** Thrown when a job names a Skill (or a pinned version of one) that neither the library nor the built-ins have. */
public class SkillNotFoundException extends RuntimeException {
    public SkillNotFoundException(String message) {
        super(message);
    }
}
