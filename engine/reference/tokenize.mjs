// Usage: node tokenize.mjs MODEL.gguf [--add-special] [--parse-special] < texts.json
// Reads a JSON array of strings on stdin and prints a JSON array with the token ids of each, as
// llama.cpp's llama_tokenize produces them. --add-special adds BOS/EOS as the model's metadata asks
// (llama.cpp's add_special); --parse-special turns special-token text such as "<|im_start|>" into its
// token (parse_special). Without flags neither happens.
import {parseArgs, readStdinJson, fail, loadModel} from "./common.mjs";

const {options, positional} = parseArgs(process.argv.slice(2), {"add-special": false, "parse-special": false});
if (positional.length !== 1) fail("usage: node tokenize.mjs MODEL.gguf [--add-special] [--parse-special] < texts.json");
const texts = readStdinJson();
if (!Array.isArray(texts) || texts.some(t => typeof t !== "string")) fail("stdin must be a JSON array of strings");

const {model} = await loadModel(positional[0], 1);
// node-llama-cpp's model.tokenize never adds BOS/EOS; the addon's tokenize(text, specialTokens) maps to
// llama_tokenize(..., add_special = false, parse_special = specialTokens). Add the special tokens the way
// llama_tokenize does for add_special: BOS when the vocab says add_bos, EOS when it says add_eos.
const bos = model.tokens.bos;
const eos = model.tokens.eos;
const addBos = options["add-special"] && model.tokens.shouldPrependBosToken;
const addEos = options["add-special"] && model.tokens.shouldAppendEosToken;
const out = texts.map(text => {
    const ids = Array.from(model.tokenize(text, options["parse-special"]));
    if (addBos && bos != null) ids.unshift(bos);
    if (addEos && eos != null) ids.push(eos);
    return ids;
});
process.stdout.write(JSON.stringify(out) + "\n");
await model.dispose();
