package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.quant.InterleavedRows;
import io.docswarm.engine.quant.QuantKernel;
import io.docswarm.engine.quant.QuantizedRow;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repacks weight matrices at load time where a packed layout multiplies faster ({@link InterleavedRows}: Q4_K,
 * Q6_K and Q8_0 rows sixteen at a time, on 512-bit machines), on all the model's threads, into anonymous memory
 * that lives as long as the model. Each repacked tensor's mapped pages are then released
 * ({@link NativePages#release}), so the resident set holds the weights once. Matrices that do not pack stay in the
 * file, read in place; their activation types need full activation rows ({@link #leanActivations}).
 */
final class WeightPacker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeightPacker.class);
    private final Arena arena = Arena.ofShared();
    private final ThreadTeam team;
    private boolean enabled;
    private long packedBytes;
    /** The activation types of the matrices offered and read in place. */
    private final java.util.Set<GgmlType> inPlaceActivations = java.util.EnumSet.noneOf(GgmlType.class);

    WeightPacker(ThreadTeam team, boolean enabled) {
        this.team = team;
        this.enabled = enabled && NativePages.available();
    }

    /**
     * The packed copy of {@code src}, {@code rows} rows of {@code cols} {@code type} elements, or null where it
     * stays as it is. A stack of experts packs as one matrix of all their rows: with whole groups per expert,
     * the packed matrix is the experts' packed matrices one after the other. If the system refuses the memory,
     * this and every later matrix stay in the file (one log line says so): slower tokens, not a failed load.
     */
    MemorySegment pack(MemorySegment src, GgmlType type, long rows, int cols, int rowsPerMatrix) {
        InterleavedRows layout = InterleavedRows.forType(type);
        if (!enabled || layout == null || rows > Integer.MAX_VALUE || !layout.packs(rowsPerMatrix, cols)) {
            inPlaceActivations.add(QuantKernel.of(type).activationType());
            return null;
        }
        long start = System.nanoTime();
        MemorySegment packed = NativePages.allocate(layout.packedBytes((int) rows, cols), arena);
        if (packed == null) {
            LOG.warn("no memory for {} MiB of repacked weights: the rest of the model is read in place from the file",
                    layout.packedBytes((int) rows, cols) >> 20);
            enabled = false;
            inPlaceActivations.add(QuantKernel.of(type).activationType());
            return null;
        }
        NativePages.populate(src);
        team.parallelFor((int) (rows / InterleavedRows.ROWS), 1,
                (first, end) -> layout.pack(src, cols, packed, first, end));
        NativePages.release(src);
        packedBytes += packed.byteSize();
        LOG.debug("packed {} rows of {} {} columns ({} bytes) in {} ms", rows, cols, type, src.byteSize(),
                (System.nanoTime() - start) / 1_000_000);
        return packed;
    }

    /**
     * Whether activation rows of {@code type} may be {@linkplain QuantizedRow#QuantizedRow(int, boolean) lean}:
     * packing is on and no matrix offered so far with that activation type is read in place. Asked once all
     * the model's matrices are loaded.
     */
    boolean leanActivations(GgmlType type) {
        return enabled && !inPlaceActivations.contains(type);
    }

    /** Bytes of packed weights made so far. */
    long packedBytes() {
        return packedBytes;
    }

    /** Gives the packed weights back to the system: the model must not run after this. */
    @Override
    public void close() {
        arena.close();
    }
}
