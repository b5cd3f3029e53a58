package io.docswarm.pipeline.transforms;

import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests: short ones for traces, enough to tell steps apart; full ones for Skills. */
final class Digests {

    private Digests() {
    }

    /**
     * Hex SHA-256 of what a Skill is: its skill.json content (with the template's location left out, since a
     * bucket's mirror sits in different folders on different machines) and its template's bytes. Two Skills
     * with the same reference ({@code report@1}) but other content (a bucket Skill shadowing a built-in, a package
     * edited in place) have different hashes, so the manifest can tell that a deliverable followed another Skill.
     */
    static String skill(Skill skill) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(SkillJson.write(skill.withTemplate("")));
            if (skill.hasTemplate()) {
                try (InputStream in = skill.openTemplate()) {
                    digest.update((byte) 0);
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("skill " + skill.reference() + ": cannot read its template: "
                    + e.getMessage(), e);
        }
    }

    static String short12(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
