package io.docswarm.engine.reference;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * llama.cpp's own quantizer ({@code llama_model_quantize} in the reference's prebuilt {@code libllama}, called
 * through the FFM API): turns an F32 GGUF into a quantized one as {@code llama-quantize} would, so tests can
 * compare what this engine writes with what llama.cpp writes. Linux x64 only (the installed prebuilt).
 */
public final class LlamaCppQuantizer {
    /** {@code llama_ftype} values (llama.h). */
    public static final int FTYPE_Q4_1 = 3;
    public static final int FTYPE_Q5_0 = 8;
    public static final int FTYPE_Q5_1 = 9;
    public static final int FTYPE_Q4_K_M = 15;
    public static final int FTYPE_Q5_K_M = 17;

    /**
     * {@code struct llama_model_quantize_params} of this llama.cpp version: nthread, ftype, output and
     * embedding tensor types, six bools (allow_requantize, quantize_output_tensor, only_copy, pure,
     * keep_split, dry_run), four pointers, then max_buf_size.
     */
    private static final StructLayout PARAMS = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("nthread"), ValueLayout.JAVA_INT.withName("ftype"),
            ValueLayout.JAVA_INT.withName("output_tensor_type"), ValueLayout.JAVA_INT.withName("token_embedding_type"),
            ValueLayout.JAVA_BOOLEAN.withName("allow_requantize"),
            ValueLayout.JAVA_BOOLEAN.withName("quantize_output_tensor"), ValueLayout.JAVA_BOOLEAN.withName("only_copy"),
            ValueLayout.JAVA_BOOLEAN.withName("pure"), ValueLayout.JAVA_BOOLEAN.withName("keep_split"),
            ValueLayout.JAVA_BOOLEAN.withName("dry_run"), MemoryLayout.paddingLayout(2),
            ValueLayout.ADDRESS.withName("imatrix"), ValueLayout.ADDRESS.withName("kv_overrides"),
            ValueLayout.ADDRESS.withName("tt_overrides"), ValueLayout.ADDRESS.withName("prune_layers"),
            ValueLayout.JAVA_LONG.withName("max_buf_size"));

    private static MethodHandle defaults;
    private static MethodHandle quantize;

    private LlamaCppQuantizer() {
    }

    /** The prebuilt libllama, if the reference is installed on Linux x64. */
    static Optional<Path> library() {
        Path dir = LlamaCppReference.directory().resolve("node_modules/@node-llama-cpp/linux-x64/bins/linux-x64");
        if (!Files.isDirectory(dir) || !System.getProperty("os.name").startsWith("Linux")
                || !System.getProperty("os.arch").equals("amd64")) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("libllama\\.v[0-9.]+\\.so")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether llama.cpp's quantizer can be called here. */
    public static boolean available() {
        return LlamaCppReference.installed() && library().isPresent();
    }

    public static void assumeAvailable() {
        LlamaCppReference.assumeInstalled();
        assumeTrue(library().isPresent(), "llama.cpp's libllama (Linux x64 prebuilt) not found");
    }

    /**
     * Quantizes {@code in} (F32) to {@code out} as {@code ftype}; {@code pure} puts every matrix in the
     * type's base type (no _M recipe), fallbacks for rows that do not hold whole blocks included.
     */
    public static synchronized void quantize(Path in, Path out, int ftype, boolean pure) throws Throwable {
        if (quantize == null) {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(library().orElseThrow(), Arena.global());
            linker.downcallHandle(lib.find("llama_backend_init").orElseThrow(), FunctionDescriptor.ofVoid())
                    .invokeExact();
            defaults = linker.downcallHandle(lib.find("llama_model_quantize_default_params").orElseThrow(),
                    FunctionDescriptor.of(PARAMS));
            quantize = linker.downcallHandle(lib.find("llama_model_quantize").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = (MemorySegment) defaults.invokeExact((SegmentAllocator) arena);
            params.set(ValueLayout.JAVA_INT, PARAMS.byteOffset(MemoryLayout.PathElement.groupElement("nthread")), 1);
            params.set(ValueLayout.JAVA_INT, PARAMS.byteOffset(MemoryLayout.PathElement.groupElement("ftype")), ftype);
            params.set(ValueLayout.JAVA_BOOLEAN, PARAMS.byteOffset(MemoryLayout.PathElement.groupElement("pure")),
                    pure);
            int rc = (int) quantize.invokeExact(arena.allocateFrom(in.toAbsolutePath().toString()),
                    arena.allocateFrom(out.toAbsolutePath().toString()), params);
            if (rc != 0) {
                throw new IllegalStateException("llama_model_quantize failed (" + rc + ") for " + in);
            }
        }
    }
}
