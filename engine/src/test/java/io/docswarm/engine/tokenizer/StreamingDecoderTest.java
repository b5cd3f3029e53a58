package io.docswarm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte tokens split characters; the streaming decoder must not emit half of one. */
class StreamingDecoderTest {
    /** A SentencePiece vocabulary of only byte tokens and a control token, without space prefix. */
    private static Tokenizer byteTokenizer() {
        List<String> texts = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        TokenType[] types = new TokenType[3 + 256];
        types[0] = TokenType.UNKNOWN;
        types[1] = TokenType.CONTROL;
        types[2] = TokenType.CONTROL;
        for (int b = 0; b < 256; b++) {
            texts.add(String.format("<0x%02X>", b));
            types[3 + b] = TokenType.BYTE;
        }
        return Tokenizer.create(TokenizerSpec.of("llama", null, new Vocabulary(texts, null, types), null)
                .withAddSpacePrefix(false));
    }

    @Test
    void holdsIncompleteSequencesUntilTheyComplete() {
        Tokenizer tokenizer = byteTokenizer();
        int[] ids = tokenizer.encode("a😀é", false, false); // 1 + 4 + 2 byte tokens
        assertEquals(7, ids.length);
        StreamingDecoder decoder = tokenizer.newStreamingDecoder(false);
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
            pieces.add(decoder.accept(id));
        }
        assertEquals(List.of("a", "", "", "", "😀", "", "é"), pieces);
        assertEquals("", decoder.finish());
    }

    @Test
    void controlTokensPrintOnlyWhenRendered() {
        Tokenizer tokenizer = byteTokenizer();
        assertEquals("", tokenizer.newStreamingDecoder(false).accept(2));
        assertEquals("</s>", tokenizer.newStreamingDecoder(true).accept(2));
    }

    @Test
    void anUnfinishedCharacterAtTheEndBecomesAReplacementCharacter() {
        Tokenizer tokenizer = byteTokenizer();
        StreamingDecoder decoder = tokenizer.newStreamingDecoder(false);
        assertEquals("", decoder.accept(3 + 0xF0));
        assertTrue(decoder.hasPending());
        assertEquals("\uFFFD", decoder.finish());
        // a stray continuation byte is malformed: it comes out at once instead of waiting forever
        assertEquals("\uFFFD", tokenizer.newStreamingDecoder(false).accept(3 + 0x80));
    }
}
