package io.docswarm.skills.importer;

/**
 * A sample that cannot be turned into a Skill (encrypted, corrupt, truncated, a zip bomb, the wrong format
 * for its extension, too large, too slow). The message is one line that names the file and the problem.
 */
public class SampleRefusedException extends RuntimeException {
    public SampleRefusedException(String message) {
        super(message);
    }

    public SampleRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
