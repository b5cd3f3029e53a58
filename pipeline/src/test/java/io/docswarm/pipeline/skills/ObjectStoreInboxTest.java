package io.docswarm.pipeline.skills;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.pipeline.S3TestServer;
import io.docswarm.pipeline.storage.S3Settings;
import io.docswarm.pipeline.storage.Storage;
import io.docswarm.skills.importer.SkillImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skills inbox of a bucket on a real S3-compatible server numbers a sample dropped again under an earlier name
 * as a local bucket does, and never writes over what earlier passes left in {@code imported/} and
 * {@code rejected/}.
 */
class ObjectStoreInboxTest {

    private static final String BUCKET = "s3://docswarm/teams/design";
    private static final String INBOX = BUCKET + "/" + SkillInbox.INBOX;

    @TempDir
    Path temp;

    @Test
    void samplesDroppedAgainAreNumberedBesideEarlierOnesThatStayIntact() throws Exception {
        try (S3TestServer server = new S3TestServer(temp)) {
            server.createBucket("docswarm");
            S3Options options = PipelineOptionsFactory.as(S3Options.class);
            new S3Settings(server.endpoint(), "us-east-1", true).applyTo(options);
            FileSystems.setDefaultPipelineOptions(options);

            // What an earlier pass left: a refused file with its reason, and an imported sample.
            byte[] earlierJunk = "earlier junk".getBytes(StandardCharsets.UTF_8);
            byte[] earlierReason = "earlier reason\n".getBytes(StandardCharsets.UTF_8);
            byte[] earlierHouse = "earlier house sample".getBytes(StandardCharsets.UTF_8);
            Storage.write(INBOX + "/rejected/junk.pptx", earlierJunk);
            Storage.write(INBOX + "/rejected/junk.pptx.reason.txt", earlierReason);
            Storage.write(INBOX + "/imported/house.docx", earlierHouse);

            SkillInboxTest.docx(temp.resolve("house.docx"), "We write in the present tense.");
            byte[] house = Files.readAllBytes(temp.resolve("house.docx"));
            Storage.write(INBOX + "/house.docx", house);
            Storage.write(INBOX + "/junk.pptx", "new junk".getBytes(StandardCharsets.UTF_8));

            List<SkillInbox.Outcome> outcomes = new ObjectStoreInbox(new SkillImporter()).importAll(BUCKET);

            assertEquals(2, outcomes.size(), outcomes::toString);
            assertTrue(outcomes.stream().anyMatch(o -> o.imported() && o.skill().equals("house@1")),
                    outcomes::toString);
            assertTrue(Storage.exists(BUCKET + "/skills/house/v1/skill.json"));
            assertArrayEquals(earlierJunk, Storage.readAllBytes(INBOX + "/rejected/junk.pptx"));
            assertArrayEquals(earlierReason, Storage.readAllBytes(INBOX + "/rejected/junk.pptx.reason.txt"));
            assertArrayEquals(earlierHouse, Storage.readAllBytes(INBOX + "/imported/house.docx"));
            assertEquals("new junk", new String(Storage.readAllBytes(INBOX + "/rejected/junk (2).pptx"),
                    StandardCharsets.UTF_8));
            assertTrue(Storage.exists(INBOX + "/rejected/junk (2).pptx.reason.txt"));
            assertArrayEquals(house, Storage.readAllBytes(INBOX + "/imported/house (2).docx"));
            assertFalse(Storage.exists(INBOX + "/house.docx"), "nothing is imported twice");
            assertFalse(Storage.exists(INBOX + "/junk.pptx"), "nothing is refused twice");

            // The same sample once more: the next version, the next number, and v1 as it was.
            byte[] skillV1 = Storage.readAllBytes(BUCKET + "/skills/house/v1/skill.json");
            Storage.write(INBOX + "/house.docx", house);
            List<SkillInbox.Outcome> again = new ObjectStoreInbox(new SkillImporter()).importAll(BUCKET);
            assertEquals("house@2", again.getFirst().skill(), again::toString);
            assertTrue(Storage.exists(INBOX + "/imported/house (3).docx"));
            assertArrayEquals(skillV1, Storage.readAllBytes(BUCKET + "/skills/house/v1/skill.json"));
        }
    }
}
