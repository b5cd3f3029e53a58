// Usage: node tokenize-vocab.mjs MODEL.gguf [--parse-special] < texts.json
// Like ../tokenize.mjs, but loads only the vocabulary (node-llama-cpp's vocabOnly), so a GGUF that holds
// a tokenizer and no weights works. Reads a JSON array of strings and prints {"ids": [[...] per text]}:
// llama_tokenize(text, add_special = false, parse_special) from llama.cpp itself.
import {getLlama, LlamaLogLevel} from "node-llama-cpp";
import {readFileSync} from "node:fs";

const args = process.argv.slice(2);
const parseSpecial = args.includes("--parse-special");
const paths = args.filter(a => !a.startsWith("--"));
if (paths.length !== 1) {
    process.stderr.write("usage: node tokenize-vocab.mjs MODEL.gguf [--parse-special] < texts.json\n");
    process.exit(2);
}
const texts = JSON.parse(readFileSync(0, "utf8"));
const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.error});
const model = await llama.loadModel({modelPath: paths[0], vocabOnly: true});
const ids = texts.map(text => Array.from(model.tokenize(text, parseSpecial)));
process.stdout.write(JSON.stringify({ids}) + "\n");
await model.dispose();
