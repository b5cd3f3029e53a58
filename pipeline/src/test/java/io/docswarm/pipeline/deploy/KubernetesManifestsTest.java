package io.docswarm.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The Kubernetes manifests in docs/k8s are well-formed and call the CLI the way the docs say. */
class KubernetesManifestsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String name) throws IOException {
        String yaml = Files.readString(Path.of("..", "docs", "k8s", name));
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> node, String... keys) {
        Map<String, Object> current = node;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    @Test
    @SuppressWarnings("unchecked")
    void cronJobNeverOverlapsAndRunsOnFlink() throws IOException {
        Map<String, Object> cronJob = load("cronjob.yaml");
        assertEquals("CronJob", cronJob.get("kind"));
        assertEquals("Forbid", at(cronJob, "spec").get("concurrencyPolicy"));
        List<Map<String, Object>> containers = (List<Map<String, Object>>) at(cronJob, "spec", "jobTemplate", "spec",
                "template", "spec").get("containers");
        List<String> args = (List<String>) containers.getFirst().get("args");
        assertEquals("run", args.getFirst());
        assertEquals("flink", args.get(args.indexOf("--runner") + 1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sessionJobSubmitsTheCliWithAutoMaster() throws IOException {
        Map<String, Object> sessionJob = load("flink-session-job.yaml");
        assertEquals("FlinkSessionJob", sessionJob.get("kind"));
        Map<String, Object> job = at(sessionJob, "spec", "job");
        assertEquals("io.docswarm.pipeline.cli.DocswarmCli", job.get("entryClass"));
        List<String> args = (List<String>) job.get("args");
        assertEquals("[auto]", args.get(args.indexOf("--flink-master") + 1));
        assertTrue(String.valueOf(job.get("jarURI")).endsWith("docswarm-job.jar"));
    }
}
