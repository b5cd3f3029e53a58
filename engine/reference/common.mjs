// Shared helpers for the reference scripts: argument parsing, stdin JSON, and loading a model with
// llama.cpp's CPU backend exactly as the engine's tests assume (no GPU, no source builds).
import {getLlama, LlamaLogLevel} from "node-llama-cpp";
import {readFileSync} from "node:fs";

export function parseArgs(argv, defaults) {
    const options = {...defaults};
    const positional = [];
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a.startsWith("--")) {
            const key = a.slice(2);
            if (typeof defaults[key] === "boolean") {
                options[key] = true;
            } else if (i + 1 < argv.length) {
                options[key] = argv[++i];
            } else {
                fail(`missing value for ${a}`);
            }
        } else {
            positional.push(a);
        }
    }
    return {options, positional};
}

export function readStdinJson() {
    const text = readFileSync(0, "utf8").trim();
    if (text === "") return null;
    try {
        return JSON.parse(text);
    } catch (e) {
        fail(`stdin is not valid JSON: ${e.message}`);
    }
}

export function fail(message) {
    process.stderr.write(`error: ${message}\n`);
    process.exit(2);
}

/** llama.cpp's CPU backend, never a GPU and never a source build. LLAMA_LOG=debug shows its log. */
export async function getReferenceLlama(threads) {
    return getLlama({gpu: false, build: "never",
        logLevel: process.env.LLAMA_LOG === "debug" ? LlamaLogLevel.debug : LlamaLogLevel.error,
        maxThreads: threads > 0 ? threads : undefined});
}

export async function loadModel(modelPath, threads) {
    const llama = await getReferenceLlama(threads);
    const model = await llama.loadModel({modelPath, useMmap: true});
    return {llama, model};
}

/**
 * A context with no flash attention (the plain attention path the engine mirrors) and an F32 KV cache, or
 * the given cache type ("F16" is llama.cpp's default) for keys and values.
 */
export async function createContext(model, {contextSize, batchSize, threads, kvCacheType = "F32"}) {
    return model.createContext({
        contextSize,
        batchSize,
        threads: threads > 0 ? {ideal: threads, min: threads} : undefined,
        flashAttention: false,
        experimentalKvCacheKeyType: kvCacheType,
        experimentalKvCacheValueType: kvCacheType,
    });
}
