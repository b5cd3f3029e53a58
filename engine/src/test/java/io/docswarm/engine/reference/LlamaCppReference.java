package io.docswarm.engine.reference;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the llama.cpp reference scripts in {@code engine/reference} (see its install.sh). Tests call
 * {@link #assumeInstalled()} first so they skip, with a message saying how to enable them, where
 * node_modules is absent. The directory is {@code -Ddocswarm.reference.dir=...} or {@code reference}
 * under the engine module (surefire's working directory) or {@code engine/reference} from the root.
 */
public final class LlamaCppReference {
    private LlamaCppReference() {}

    public static Path directory() {
        String configured = System.getProperty("docswarm.reference.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path local = Path.of("reference").toAbsolutePath();
        return Files.isDirectory(local) ? local : Path.of("engine", "reference").toAbsolutePath();
    }

    public static boolean installed() {
        return Files.isDirectory(directory().resolve("node_modules/node-llama-cpp"))
                && Files.isDirectory(directory().resolve("node_modules/@node-llama-cpp/linux-x64"));
    }

    public static void assumeInstalled() {
        assumeTrue(installed(), "llama.cpp reference not installed: run engine/reference/install.sh to enable "
                + "the comparison with llama.cpp (looked in " + directory() + "/node_modules)");
    }

    /** Logits at every prompt position and a greedy continuation, as llama.cpp computes them. */
    public record Logits(float[][] prompt, int[] greedy, float[][] greedyLogits) {}

    public static Logits logits(Path model, int[] tokens, int generate) throws IOException, InterruptedException {
        return logits(model, tokens, generate, "F32");
    }

    /** As {@link #logits(Path, int[], int)} with llama.cpp's KV cache in {@code kvCache} (F32 or F16). */
    public static Logits logits(Path model, int[] tokens, int generate, String kvCache)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", "logits.mjs", model.toAbsolutePath().toString(),
                "--generate", Integer.toString(generate), "--threads", "2", "--kv-cache", kvCache));
        for (int t : tokens) {
            cmd.add(Integer.toString(t));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) MiniJson.parse(run(cmd, null));
        return new Logits(matrix(out.get("logits")), ints(out.get("greedy")), matrix(out.get("greedyLogits")));
    }

    /** One comparison job for {@link #logitsForAll}; {@code kvCache} is llama.cpp's cache type, F32 or F16. */
    public record Job(Path model, int[] tokens, int generate, String kvCache) {
        /** With an F32 KV cache. */
        public Job(Path model, int[] tokens, int generate) {
            this(model, tokens, generate, "F32");
        }
    }

    /** Runs many jobs in one node process (loading llama.cpp once); results in job order. */
    public static List<Logits> logitsForAll(List<Job> jobs) throws IOException, InterruptedException {
        StringBuilder in = new StringBuilder("[");
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            in.append(j == 0 ? "" : ",").append("{\"model\":\"")
                    .append(job.model().toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\",\"generate\":").append(job.generate()).append(",\"tokens\":")
                    .append(java.util.Arrays.toString(job.tokens())).append(",\"kvCache\":\"")
                    .append(job.kvCache()).append("\"}");
        }
        in.append(']');
        List<?> results = (List<?>) MiniJson.parse(run(List.of("node", "logits.mjs", "--jobs", "--threads", "2"),
                in.toString()));
        List<Logits> out = new ArrayList<>();
        for (Object r : results) {
            Map<?, ?> m = (Map<?, ?>) r;
            out.add(new Logits(matrix(m.get("logits")), ints(m.get("greedy")), matrix(m.get("greedyLogits"))));
        }
        return out;
    }

    /** Runs a node script in the reference directory, feeding {@code stdin}, and returns its stdout. */
    public static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Path err = Files.createTempFile("llamacpp", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory().toFile())
                    .redirectError(err.toFile());
            preloadNoAmx(builder);
            Process p = builder.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("reference command " + command + " failed: " + Files.readString(err)
                        + (Files.exists(noAmx()) ? "" : "\n(" + noAmx() + " is missing; on a CPU with AMX llama.cpp "
                                + "needs it: run engine/reference/install.sh with a C compiler installed)"));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The library that keeps llama.cpp off AMX (see {@code no-amx.c}), built by install.sh. */
    static Path noAmx() {
        return directory().resolve("no-amx.so");
    }

    /**
     * Preloads {@link #noAmx} into the reference process where it was built: on a CPU with AMX, ggml then runs its
     * AVX-512 kernels, the ones the engine reproduces (with AMX, llama.cpp also aborts on DeepSeek-V2's Q8_0
     * models); elsewhere it changes nothing.
     */
    private static void preloadNoAmx(ProcessBuilder builder) {
        if (Files.exists(noAmx())) {
            String preload = builder.environment().get("LD_PRELOAD");
            builder.environment().put("LD_PRELOAD",
                    noAmx() + (preload == null || preload.isBlank() ? "" : " " + preload));
        }
    }

    static float[][] matrix(Object json) {
        List<?> rows = (List<?>) json;
        float[][] m = new float[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            List<?> row = (List<?>) rows.get(r);
            m[r] = new float[row.size()];
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = ((Double) row.get(c)).floatValue();
            }
        }
        return m;
    }

    static int[] ints(Object json) {
        return ((List<?>) json).stream().mapToInt(o -> ((Double) o).intValue()).toArray();
    }
}
