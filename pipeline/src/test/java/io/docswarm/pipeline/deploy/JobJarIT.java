package io.docswarm.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.pipeline.TestBuckets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command that docs/deploy-flink.md marks as tested, with the shaded job jar, on Flink's embedded
 * mini-cluster. Runs in the integration-test phase of the {@code flink-job} profile, after the jar is built.
 */
class JobJarIT {

    private static final Pattern TESTED_BLOCK = Pattern.compile(
            "<!-- tested: local-jar -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path temp;

    @Test
    void theDocumentedLocalCommandDeliversEverySample() throws IOException, InterruptedException {
        String doc = Files.readString(Path.of("..", "docs", "deploy-flink.md"));
        Matcher block = TESTED_BLOCK.matcher(doc);
        assertTrue(block.find(), "docs/deploy-flink.md has a block marked <!-- tested: local-jar -->");
        List<String> command = new ArrayList<>();
        for (String word : block.group(1).replace("\\\n", " ").trim().split("\\s+")) {
            command.add(word.replace("'", ""));
        }
        Path bucket = TestBuckets.copyOfSamples(temp.resolve("samples"));
        Path out = temp.resolve("out");
        List<String> concrete = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            if (i == 0 && word.equals("java")) {
                word = ProcessHandle.current().info().command().orElse("java");
            } else if (word.equals("pipeline/target/docswarm-job.jar")) {
                word = Path.of("target", "docswarm-job.jar").toAbsolutePath().toString();
            } else if (word.equals("samples")) {
                word = bucket.toString();
            } else if (word.equals("out")) {
                word = out.toString();
            }
            concrete.add(word);
        }
        Process process = new ProcessBuilder(concrete).redirectErrorStream(true)
                .redirectOutput(temp.resolve("run.log").toFile()).start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the job jar run finished");
        String log = Files.readString(temp.resolve("run.log"));
        assertEquals(0, process.exitValue(), log.length() > 4000 ? log.substring(log.length() - 4000) : log);
        assertTrue(log.contains("docswarm: 4 spec(s): 4 delivered"), log);
        try (Stream<Path> specs = Files.list(bucket.resolve("jobs"))) {
            assertEquals(specs.count(), Files.list(out).filter(Files::isDirectory)
                    .filter(d -> Files.exists(d.resolve("manifest.json"))).count());
        }
    }
}
