package io.docswarm.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code docswarm engine} on a small random-weight qwen3moe model: text, ids, schema-constrained output, bench. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Shapes like the plan the planner agent asks for. */
    private static final String PLAN_SCHEMA = """
            {"type": "object", "properties": {
               "parts": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "object", "properties": {
                  "role": {"enum": ["research", "analysis", "writing"]},
                  "title": {"type": "string", "maxLength": 20},
                  "budget": {"type": "integer", "minimum": 1, "maximum": 20}},
                 "required": ["role", "title", "budget"]}}},
             "required": ["parts"]}""";

    Path model;
    Path temp;

    @BeforeAll
    void writeModel(@TempDir Path temp) throws Exception {
        this.temp = temp;
        model = temp.resolve("tiny-qwen3moe.gguf");
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, 512, 128, 2, 4, 2, 32, 64, 8, 2, 4096);
        new RandomModelWriter(shape, GgmlType.Q8_0, GgmlType.Q8_0, 7).write(model);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = DocswarmCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void greedyIdsAreReproducibleAndOnOneLine() {
        Run first = run("engine", "generate", model.toString(), "--prompt", "hello", "--max-tokens", "12",
                "--temperature", "0", "--raw", "--ids", "--threads", "2");
        Run second = run("engine", "generate", model.toString(), "--prompt", "hello", "--max-tokens", "12",
                "--temperature", "0", "--raw", "--ids", "--threads", "2");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().strip().matches("\\d+( \\d+){0,11}"), first.out());
        assertEquals(first.out(), second.out());
    }

    @Test
    void everySchemaConstrainedOutputIsAValidDocument() throws Exception {
        Path schema = temp.resolve("plan.schema.json");
        Files.writeString(schema, PLAN_SCHEMA);
        for (int seed = 1; seed <= 6; seed++) {
            Run run = run("engine", "generate", model.toString(), "--prompt", "plan " + seed, "--raw",
                    "--schema", schema.toString(), "--max-tokens", "200", "--temperature", "1.2", "--seed",
                    Integer.toString(seed), "--threads", "2");
            if (run.code() == EngineCommand.EXIT_INCOMPLETE_DOCUMENT) {
                assertTrue(run.err().contains("document is incomplete"), run.err());
                continue;
            }
            assertEquals(0, run.code(), run.err());
            JsonNode plan = JSON.readTree(run.out());
            JsonNode parts = plan.get("parts");
            assertTrue(parts.isArray() && parts.size() >= 1 && parts.size() <= 3, run.out());
            for (Iterator<JsonNode> it = parts.elements(); it.hasNext(); ) {
                JsonNode part = it.next();
                assertTrue(part.get("role").asText().matches("research|analysis|writing"), run.out());
                assertTrue(part.get("title").isTextual() && part.get("title").asText().codePointCount(0,
                        part.get("title").asText().length()) <= 20, run.out());
                assertTrue(part.get("budget").isInt() && part.get("budget").asInt() >= 1
                        && part.get("budget").asInt() <= 20, run.out());
            }
        }
    }

    @Test
    void aTooShortBudgetSaysTheDocumentIsIncomplete() throws Exception {
        Path schema = temp.resolve("plan-short.schema.json");
        Files.writeString(schema, PLAN_SCHEMA);
        Run run = run("engine", "generate", model.toString(), "--prompt", "x", "--raw", "--schema", schema.toString(),
                "--max-tokens", "3", "--temperature", "0", "--threads", "2");
        assertEquals(EngineCommand.EXIT_INCOMPLETE_DOCUMENT, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("max_tokens"), run.err());
    }

    @Test
    void benchEndsWithAJsonLine() throws Exception {
        Run run = run("engine", "bench", model.toString(), "--threads", "2", "--prompt-tokens", "16", "--gen-tokens",
                "8", "--repetitions", "2");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().strip().split("\n");
        JsonNode result = JSON.readTree(lines[lines.length - 1]);
        assertTrue(result.get("pp_tok_s").asDouble() > 0 && result.get("tg_tok_s").asDouble() > 0, run.out());
        assertEquals(2, result.get("repetitions").asInt(), run.out());
    }

    @Test
    void infoDescribesTheModelAndAMissingFileIsOneLine() {
        Run info = run("engine", "info", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("qwen3moe"), info.out());
        Run missing = run("engine", "info", temp.resolve("nope.gguf").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("docswarm: ") && missing.err().contains("nope.gguf"), missing.err());
    }

    @Test
    void deviceOptionIsParsedAndShownByInfo() {
        Run cpu = run("engine", "info", model.toString(), "--device", "cpu");
        assertEquals(0, cpu.code(), cpu.err());
        assertTrue(cpu.out().contains("device:        cpu"), cpu.out());
        Run bad = run("engine", "info", model.toString(), "--device", "gpu");
        assertEquals(1, bad.code(), bad.err());
        assertTrue(bad.err().contains("unknown device 'gpu': expected auto, cpu, cuda or cuda:N"), bad.err());
    }

    /** F16 by default (as llama.cpp), F32 on request: 2 layers x (k, v) x 64 wide x 4096 positions. */
    @Test
    void kvCacheTypeIsF16ByDefaultAndSelectable() {
        Run f16 = run("engine", "info", model.toString(), "--threads", "1");
        assertEquals(0, f16.code(), f16.err());
        assertTrue(f16.out().contains("KV cache 2 MiB F16"), f16.out());
        Run f32 = run("engine", "info", model.toString(), "--threads", "1", "--kv-cache", "f32");
        assertEquals(0, f32.code(), f32.err());
        assertTrue(f32.out().contains("KV cache 4 MiB F32"), f32.out());
        Run greedy = run("engine", "generate", model.toString(), "--prompt", "hello", "--max-tokens", "6",
                "--temperature", "0", "--raw", "--ids", "--threads", "2", "--kv-cache", "F32");
        assertEquals(0, greedy.code(), greedy.err());
        Run bad = run("engine", "info", model.toString(), "--kv-cache", "q8_0");
        assertTrue(bad.code() != 0 && bad.err().contains("f16 or f32"), bad.err());
    }

    /** A Q4_K model's matrices are repacked on AVX-512 machines unless --no-repack; both generate the same ids. */
    @Test
    void noRepackReadsEveryMatrixInPlace() throws Exception {
        Path q4k = temp.resolve("tiny-q4k.gguf");
        new RandomModelWriter(new ModelShape(Architecture.QWEN3MOE, 512, 256, 2, 4, 2, 64, 256, 8, 2, 4096),
                GgmlType.Q4_K, 7).write(q4k);
        Run packed = run("engine", "info", q4k.toString(), "--threads", "1");
        assertEquals(0, packed.code(), packed.err());
        boolean packs = io.docswarm.engine.quant.InterleavedRows.forType(GgmlType.Q4_K) != null
                && System.getProperty("os.name").startsWith("Linux");
        assertEquals(packs, packed.out().contains("MiB of weights, sixteen rows side by side"), packed.out());
        Run inPlace = run("engine", "info", q4k.toString(), "--threads", "1", "--no-repack");
        assertEquals(0, inPlace.code(), inPlace.err());
        assertTrue(inPlace.out().contains("repacked:      none"), inPlace.out());
        String[] generate = {"engine", "generate", q4k.toString(), "--prompt", "hello", "--max-tokens", "8",
                "--temperature", "0", "--raw", "--ids", "--threads", "1"};
        Run a = run(generate);
        String[] withFlag = java.util.Arrays.copyOf(generate, generate.length + 1);
        withFlag[generate.length] = "--no-repack";
        Run b = run(withFlag);
        assertEquals(0, a.code() + b.code(), a.err() + b.err());
        assertEquals(a.out(), b.out(), "greedy ids packed and in place");
    }
}
