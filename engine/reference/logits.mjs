// Usage: node logits.mjs MODEL.gguf [--generate N] [--threads T] [--sequential] [--kv-cache F32|F16] [TOKEN_ID ...]
//        node logits.mjs --jobs [--threads T] < jobs.json
// Token ids come from the arguments or, when none are given, from stdin as a JSON array
// (or {"tokens": [...], "generate": N}). Prints one JSON object:
//   {"vocab": V, "prompt": [...], "logits": [[V floats] per prompt position],
//    "greedy": [N token ids], "greedyLogits": [[V floats] per generated token]}
// logits[i] are the raw logits after prompt token i. Greedy picks the highest logit (lowest id on ties)
// and feeds it back; greedyLogits[j] are the logits that chose greedy[j].
// --sequential feeds the prompt one token at a time (llama.cpp's matrix-vector path) instead of as one batch.
// --kv-cache sets the KV cache type (default F32; llama.cpp's own default is F16).
// --jobs reads a JSON array of {"model", "tokens", "generate", "sequential", "kvCache"} and prints a JSON array of
// results, loading llama.cpp once (the tests use this to compare many fixtures quickly).
import {parseArgs, readStdinJson, fail, getReferenceLlama, createContext} from "./common.mjs";

const {options, positional} = parseArgs(process.argv.slice(2),
    {generate: "0", threads: "0", "no-greedy-logits": false, sequential: false, jobs: false, "kv-cache": "F32"});
const threads = Number(options.threads);

function toArray(logitsMap) {
    const out = new Array(logitsMap.size);
    for (const [token, value] of logitsMap) out[token] = value;
    return out;
}

function argmax(values) {
    let best = 0;
    for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
}

function checkTokens(tokens) {
    if (!Array.isArray(tokens) || tokens.length === 0 || tokens.some(t => !Number.isInteger(t) || t < 0)) {
        fail("token ids must be a non-empty list of non-negative integers");
    }
}

async function run(llama, {model: modelPath, tokens, generate = 0, sequential = false, greedyLogits = true,
                           kvCache = "F32"}) {
    checkTokens(tokens);
    const model = await llama.loadModel({modelPath, useMmap: true});
    const total = tokens.length + generate;
    const context = await createContext(model, {contextSize: Math.max(256, total + 8), batchSize: Math.max(32, tokens.length), threads,
        kvCacheType: kvCache});
    const sequence = context.getSequence();
    const logits = [];
    if (sequential) {
        for (const t of tokens) {
            const [r] = await sequence.controlledEvaluate([[t, {generateNext: {logits: true}}]]);
            logits.push(toArray(r.next.logits));
        }
    } else {
        const results = await sequence.controlledEvaluate(tokens.map(t => [t, {generateNext: {logits: true}}]));
        for (const r of results) logits.push(toArray(r.next.logits));
    }
    const greedy = [];
    const chosenBy = [];
    let last = logits[logits.length - 1];
    for (let i = 0; i < generate; i++) {
        const next = argmax(last);
        greedy.push(next);
        chosenBy.push(last);
        if (i + 1 < generate) {
            const [r] = await sequence.controlledEvaluate([[next, {generateNext: {logits: true}}]]);
            last = toArray(r.next.logits);
        }
    }
    await context.dispose();
    await model.dispose();
    const output = {vocab: last.length, prompt: tokens, logits, greedy};
    if (greedyLogits) output.greedyLogits = chosenBy;
    return output;
}

const llama = await getReferenceLlama(threads);
if (options.jobs) {
    const jobs = readStdinJson();
    if (!Array.isArray(jobs)) fail("--jobs needs a JSON array of jobs on stdin");
    const results = [];
    for (const job of jobs) results.push(await run(llama, job));
    process.stdout.write(JSON.stringify(results) + "\n");
} else {
    if (positional.length < 1) fail("usage: node logits.mjs MODEL.gguf [--generate N] [--threads T] [--sequential] [TOKEN_ID ...]");
    let tokens = positional.slice(1).map(Number);
    let generate = Number(options.generate);
    if (tokens.length === 0) {
        const input = readStdinJson();
        if (Array.isArray(input)) {
            tokens = input;
        } else if (input && Array.isArray(input.tokens)) {
            tokens = input.tokens;
            if (input.generate !== undefined) generate = Number(input.generate);
        } else {
            fail("no token ids: pass them as arguments or as a JSON array on stdin");
        }
    }
    const out = await run(llama, {model: positional[0], tokens, generate, sequential: options.sequential,
        greedyLogits: !options["no-greedy-logits"], kvCache: options["kv-cache"]});
    process.stdout.write(JSON.stringify(out) + "\n");
}
