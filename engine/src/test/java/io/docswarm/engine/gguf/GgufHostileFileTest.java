package io.docswarm.engine.gguf;

import static io.docswarm.engine.gguf.GgufRoundTripTest.assertMessage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Corrupt, truncated and hostile files: each must fail with its own clear message naming the file. */
class GgufHostileFileTest {
    @TempDir
    static Path dir;

    /** Little-endian byte builder for hand-made headers. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u32(long v) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v);
            out.writeBytes(b.array());
            return this;
        }

        Bytes u64(long v) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
            out.writeBytes(b.array());
            return this;
        }

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            out.writeBytes(b);
            return this;
        }

        Bytes header(long tensors, long kvs) {
            return u32(GgufReader.MAGIC).u32(3).u64(tensors).u64(kvs);
        }

        /** A tensor info entry. */
        Bytes tensor(String name, long[] dims, int type, long offset) {
            str(name).u32(dims.length);
            for (long d : dims) {
                u64(d);
            }
            return u32(type).u64(offset);
        }

        Bytes pad(int alignment) {
            while (out.size() % alignment != 0) {
                out.write(0);
            }
            return this;
        }

        Bytes zeros(int n) {
            out.writeBytes(new byte[n]);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static Bytes b() {
        return new Bytes();
    }

    private static Arguments c(String name, byte[] file, String message) {
        return Arguments.of(name, file, message);
    }

    private static byte[] valid() throws Exception {
        Path p = dir.resolve("valid-source.gguf");
        new GgufWriter().putString("general.architecture", "llama")
                .putArray("tokens", GgufArray.ofStrings("a", "b", "c"))
                .addTensor("w", GgmlType.F32, new long[] {8, 2}, new byte[64])
                .write(p);
        return Files.readAllBytes(p);
    }

    private static byte[] modified(byte[] in, Consumer<byte[]> change) {
        byte[] copy = in.clone();
        change.accept(copy);
        return copy;
    }

    static Stream<Arguments> cases() throws Exception {
        byte[] valid = valid();
        return Stream.of(
                c("empty", new byte[0], "file too small to be GGUF (0 bytes)"),
                c("bad magic", modified(valid, x -> x[0] = 'X'), "bad magic 0x46554758"),
                c("text file", "hello world, not a model".getBytes(StandardCharsets.UTF_8), "not a GGUF file"),
                c("version 1", b().u32(GgufReader.MAGIC).u32(1).u64(0).u64(0).bytes(), "unsupported GGUF version 1"),
                c("version 99", b().u32(GgufReader.MAGIC).u32(99).u64(0).u64(0).bytes(), "unsupported GGUF version 99"),
                c("big endian", b().u32(GgufReader.MAGIC).u32(3L << 24).u64(0).u64(0).bytes(), "big-endian GGUF"),
                c("header cut", Arrays.copyOf(valid, 12), "truncated file: tensor count needs 8 bytes at offset 8"),
                c("kv count absurd", b().header(0, 1L << 60).bytes(), "metadata count 1152921504606846976 is impossible"),
                c("kv count negative", b().header(0, -1).bytes(), "metadata count 18446744073709551615 is impossible"),
                c("tensor count absurd", b().header(Long.MAX_VALUE, 0).bytes(), "tensor count 9223372036854775807 is impossible"),
                c("string length absurd", b().header(0, 1).u64(1L << 62).zeros(16).bytes(),
                        "metadata key #0: string length 4611686018427387904 at offset 24 exceeds"),
                c("value string absurd", b().header(0, 1).str("k").u32(8).u64(-2).zeros(8).bytes(),
                        "metadata 'k': string length 18446744073709551614"),
                c("unknown value type", b().header(0, 1).str("k").u32(77).zeros(8).bytes(),
                        "type of metadata 'k': unknown metadata value type id 77"),
                c("array length absurd", b().header(0, 1).str("k").u32(9).u32(4).u64(1L << 40).zeros(64).bytes(),
                        "length of metadata 'k' (array of UINT32) 1099511627776 is impossible"),
                c("string array absurd", b().header(0, 1).str("k").u32(9).u32(8).u64(1000).zeros(64).bytes(),
                        "length of metadata 'k' (array of STRING) 1000 is impossible"),
                c("array bad element type", b().header(0, 1).str("k").u32(9).u32(13).u64(1).zeros(8).bytes(),
                        "element type of metadata 'k': unknown metadata value type id 13"),
                c("arrays nested too deep", deepArrays(20), "arrays nested deeper than 8 levels"),
                c("bad bool", b().header(0, 1).str("k").u32(7).u8(2).bytes(), "metadata 'k': invalid boolean byte 2"),
                c("duplicate key", b().header(0, 2).str("k").u32(4).u32(1).str("k").u32(4).u32(2).bytes(),
                        "duplicate metadata key 'k'"),
                c("alignment wrong type", b().header(0, 1).str("general.alignment").u32(5).u32(32).bytes(),
                        "general.alignment has type INT32, expected UINT32"),
                c("alignment not power of two", b().header(0, 1).str("general.alignment").u32(4).u32(48).bytes(),
                        "general.alignment = 48 is not a positive power of two"),
                c("five dims", b().header(1, 0).tensor("t", new long[] {1, 1, 1, 1, 1}, 0, 0).pad(32).zeros(32).bytes(),
                        "tensor 't' has 5 dimensions (must be 1 to 4)"),
                c("zero dims", b().header(1, 0).str("t").u32(0).u32(0).u64(0).pad(32).bytes(),
                        "tensor 't' has 0 dimensions"),
                c("zero dim", b().header(1, 0).tensor("t", new long[] {4, 0}, 0, 0).pad(32).bytes(),
                        "tensor 't' has dimension 1 = 0 (must be positive)"),
                c("negative dim", b().header(1, 0).tensor("t", new long[] {-4}, 0, 0).pad(32).bytes(),
                        "tensor 't' has dimension 0 = 18446744073709551612"),
                c("dims overflow", b().header(1, 0).tensor("t", new long[] {1L << 40, 1L << 40}, 0, 0).pad(32).bytes(),
                        "tensor 't' dimensions overflow a 64-bit element count"),
                c("bytes overflow", b().header(1, 0).tensor("t", new long[] {1L << 61, 2}, 0, 0).pad(32).bytes(),
                        "tensor 't' byte size overflows 64 bits"),
                c("size past end", b().header(1, 0).tensor("t", new long[] {1L << 60}, 0, 0).pad(32).bytes(),
                        "tensor 't' data (4611686018427387904 bytes at offset 64) extends past the end"),
                c("unknown ggml type", b().header(1, 0).tensor("t", new long[] {4}, 99, 0).pad(32).zeros(32).bytes(),
                        "tensor 't' has unknown ggml type id 99"),
                c("row not a block multiple", b().header(1, 0).tensor("t", new long[] {33, 2}, 8, 0).pad(32).zeros(128).bytes(),
                        "tensor 't' of type Q8_0 has row length 33, not a multiple of the block size 32"),
                c("misaligned offset", b().header(1, 0).tensor("t", new long[] {4}, 0, 8).pad(32).zeros(64).bytes(),
                        "tensor 't' has data offset 8, not a multiple of the alignment 32"),
                c("offset past end", b().header(1, 0).tensor("t", new long[] {4}, 0, 1L << 50).pad(32).zeros(16).bytes(),
                        "tensor 't' data (16 bytes at offset 1125899906842688) extends past the end of the file"),
                c("offset wraps around", b().header(1, 0).tensor("t", new long[] {4}, 0, -32).pad(32).zeros(16).bytes(),
                        "tensor 't' has data offset 18446744073709551584"),
                c("data truncated", Arrays.copyOf(valid, valid.length - 10),
                        "tensor 'w' data (64 bytes at offset"),
                c("tensor infos truncated", b().header(2, 0).tensor("t", new long[] {4}, 0, 0).str("u".repeat(20)).u32(1).bytes(),
                        "truncated file: dimension 0 of tensor 'uuuuuuuuuuuuuuuuuuuu' needs 8 bytes"),
                c("duplicate tensor", b().header(2, 0).tensor("t", new long[] {4}, 0, 0).tensor("t", new long[] {4}, 0, 32)
                        .pad(32).zeros(64).bytes(), "duplicate tensor name 't'"));
    }

    private static byte[] deepArrays(int depth) {
        Bytes x = b().header(0, 1).str("k").u32(9);
        for (int i = 0; i < depth; i++) {
            x.u32(9).u64(1);
        }
        return x.u32(4).u64(0).bytes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithItsOwnMessage(String name, byte[] content, String expected) throws Exception {
        Path file = dir.resolve(name.replace(' ', '-') + ".gguf");
        Files.write(file, content);
        assertMessage(() -> GgufFile.open(file).close(), file + ": ");
        assertMessage(() -> GgufFile.open(file).close(), expected);
    }
}
