// Usage: node bench.mjs MODEL.gguf [--threads T] [--prompt-tokens P] [--gen-tokens G] [--repetitions R] [--kv F16|F32]
// llama.cpp's speed on a model, measured like the engine's bench: after a warm-up, P random prompt tokens
// in one batch (prompt tok/s), then G tokens generated one at a time, greedy (generation tok/s), R times
// (default 3), each rate the median of the R runs.
// Prints one JSON line: {"threads", "prompt_tokens", "gen_tokens", "repetitions", "pp_tok_s", "tg_tok_s"}.
import {parseArgs, fail, getReferenceLlama} from "./common.mjs";

const {options, positional} = parseArgs(process.argv.slice(2),
    {threads: "2", "prompt-tokens": "128", "gen-tokens": "128", repetitions: "3", kv: "F16"});
if (positional.length !== 1) fail("usage: node bench.mjs MODEL.gguf [--threads T] [--prompt-tokens P] [--gen-tokens G] [--repetitions R] [--kv F16|F32]");
const threads = Number(options.threads);
const P = Number(options["prompt-tokens"]);
const G = Number(options["gen-tokens"]);
const R = Number(options.repetitions);
if (!(R >= 1)) fail("--repetitions must be at least 1");

const llama = await getReferenceLlama(threads);
const model = await llama.loadModel({modelPath: positional[0], useMmap: true});
const context = await model.createContext({
    contextSize: Math.max(256, P + G + 64),
    batchSize: Math.max(P, 32),
    threads: {ideal: threads, min: threads},
    experimentalKvCacheKeyType: options.kv,
    experimentalKvCacheValueType: options.kv,
});
const vocab = model.tokens.vocabSize ?? 32000;
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const prompt = Array.from({length: P}, () => Math.floor(random() * vocab));

async function generate(sequence, first, n) {
    let count = 0;
    for await (const token of sequence.evaluate([first], {temperature: 0})) {
        if (++count >= n) break;
    }
}

// Warm-up, as llama-bench does it: the whole prompt once (pages the weights in), then a few tokens.
let sequence = context.getSequence();
await sequence.evaluateWithoutGeneratingNewTokens(prompt);
await generate(sequence, prompt[0], 4);
sequence.dispose();

const promptRates = [];
const generationRates = [];
for (let run = 0; run < R; run++) {
    sequence = context.getSequence();
    const t0 = process.hrtime.bigint();
    await sequence.evaluateWithoutGeneratingNewTokens(prompt);
    const t1 = process.hrtime.bigint();
    await generate(sequence, prompt[P - 1], G);
    const t2 = process.hrtime.bigint();
    promptRates.push(P / (Number(t1 - t0) / 1e9));
    generationRates.push(G / (Number(t2 - t1) / 1e9));
    sequence.dispose();
}
const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
process.stdout.write(JSON.stringify({threads, prompt_tokens: P, gen_tokens: G, repetitions: R,
    pp_tok_s: Number(median(promptRates).toFixed(2)), tg_tok_s: Number(median(generationRates).toFixed(2))}) + "\n");
await context.dispose();
await model.dispose();
