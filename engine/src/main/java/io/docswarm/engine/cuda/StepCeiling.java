package io.docswarm.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast a decode step's phases ({@link StepPhases}) can be read at best, by kernels that only read
 * (ceiling.cu), in each form a step's kernels could take ({@link Form}). One buffer holds every phase's bytes
 * one after another, each phase padded to whole 128-byte lines; it is filled with a known pattern, so every run
 * is checked: the sum of the words its workers read must be the pattern's sum over the plan's words (each word
 * read exactly once), and in the persistent form the grid barrier checks that no block passed it early.
 */
final class StepCeiling {
    /** How a step's phases are ordered. */
    enum Form {
        /**
         * One launch per phase, recorded as a graph with programmatic launch (the engine's decode step), each of
         * {@link #phaseGrid} blocks.
         */
        LAUNCHES("launches", false),
        /**
         * The same, each kernel asking L2 for its share before it waits for the previous one (where that share is
         * {@linkplain StepPhases.Phase#knownAhead known} by then).
         */
        LAUNCHES_PREFETCH("launches, prefetch", true),
        /**
         * One launch per phase as in {@link #LAUNCHES}, each kernel letting the next be scheduled first thing and
         * loading its share's first words into registers before it waits (where that share is known by then), on
         * a grid of half what the device holds of it ({@link #stagedGrid}), so that the next phase's kernel is
         * resident and loading while this one runs.
         */
        LAUNCHES_STAGED("launches, staged", true),
        /** One cooperative launch, a grid barrier between phases. */
        PERSISTENT("persistent", false),
        /**
         * The same, each worker asking L2 for its share of the next phase once it has read its share of the
         * current one, before the barrier (where that share is known by then).
         */
        PERSISTENT_PREFETCH("persistent, prefetch", true);

        final String label;
        final boolean prefetch;

        Form(String label, boolean prefetch) {
            this.label = label;
            this.prefetch = prefetch;
        }

        boolean persistent() {
            return this == PERSISTENT || this == PERSISTENT_PREFETCH;
        }

        /**
         * The form whose plan of no bytes says what ordering costs this one: a prefetching form's is its plain
         * sibling's (a phase of nothing prefetches nothing); the staged form's its own, since it launches
         * differently.
         */
        Form ordering() {
            return switch (this) {
                case LAUNCHES_PREFETCH -> LAUNCHES;
                case PERSISTENT_PREFETCH -> PERSISTENT;
                default -> this;
            };
        }
    }

    /** One checked run: the sum the workers read, the sum the plan's words have, blocks seen past a barrier early. */
    record Check(long sum, long expected, int earlyBlocks) {
        boolean passed() {
            return sum == expected && earlyBlocks == 0;
        }
    }

    /** Bytes of a cache line: phases start on one, so prefetching workers touch each line once. */
    static final int LINE = 128;
    private static final int WORD = 16;
    private static final int FILL_CHUNK = 1 << 26;
    /** grid_barrier.cuh's GRID_BARRIER_BYTES. */
    static final int BARRIER_BYTES = 256;

    private final Gpu gpu;
    private final int blocks;
    private final int stagedBlocks;
    private final int block;
    private final DeviceBuffer data;
    /** The 16-byte words {@link #data} holds. */
    private final long capacityWords;
    private final DeviceBuffer sums;
    private final DeviceBuffer barrier;
    private final DeviceBuffer violations;
    private final Map<StepPhases, DeviceBuffer> bounds = new HashMap<>();
    private final Map<StepPhases, DeviceBuffer> ahead = new HashMap<>();
    private final Map<StepPhases, DeviceBuffer> done = new HashMap<>();
    /** Each plan's recorded launches, by plan and form: recorded once, replayed for every step. */
    private final Map<List<Object>, Object> graphs = new HashMap<>();
    /** {@link #patternSum} by word count (a 30B step's half a billion words take a second to sum). */
    private final Map<Long, Long> patternSums = new HashMap<>();

    /**
     * Allocates (on {@code gpu}, which frees it when closed) and fills a buffer for the largest of {@code plans}
     * (each phase padded to whole lines; the others read its start).
     *
     * @param blocks the grid of every form, at most {@link Gpu#cooperativeBlocks} for ceiling_persistent
     * @param block threads per block, a multiple of 32
     */
    StepCeiling(Gpu gpu, List<StepPhases> plans, int blocks, int block) {
        int limit = gpu.cooperativeBlocks("ceiling_persistent", block);
        if (blocks < 1 || blocks > limit) {
            throw new IllegalArgumentException("a grid of " + blocks + " blocks of " + block + " threads: the device"
                    + " holds 1 to " + limit + " at once");
        }
        this.gpu = gpu;
        this.blocks = blocks;
        int multiprocessors = gpu.multiprocessors();
        int stagedPerMultiprocessor = gpu.cooperativeBlocks("ceiling_phase_staged", block) / multiprocessors;
        this.stagedBlocks = Math.max(1, Math.min(blocks, multiprocessors * Math.max(1, stagedPerMultiprocessor / 2)));
        this.block = block;
        capacityWords = plans.stream().mapToLong(StepCeiling::paddedWords).max().orElse(0);
        long bytes = Math.max(LINE, capacityWords * WORD);
        data = gpu.allocate(bytes);
        fill(bytes);
        sums = gpu.allocate(8L * workers());
        barrier = gpu.allocate(BARRIER_BYTES);
        violations = gpu.allocate(4);
        gpu.upload(new int[BARRIER_BYTES / 4], BARRIER_BYTES / 4, barrier);
    }

    int workers() {
        return blocks * block;
    }

    /**
     * The grid of the staged form: on each multiprocessor half the blocks it holds of the staged kernel (at least
     * one, and at most the other forms' grid in all), so that a phase's kernel and the next one's fit side by side
     * (where the multiprocessor holds two or more).
     */
    int stagedGrid() {
        return stagedBlocks;
    }

    /** Runs one step of {@code plan} in {@code form} and checks what it read. */
    Check check(StepPhases plan, Form form) {
        gpu.upload(new int[2 * workers()], 2 * workers(), sums);
        gpu.upload(new int[1], 1, violations);
        DeviceBuffer counters = null;
        if (form.persistent()) {
            counters = done.computeIfAbsent(plan, p -> gpu.allocate(4L * Math.max(1, p.phases().size())));
            gpu.upload(new int[plan.phases().size()], plan.phases().size(), counters);
        }
        run(plan, form, counters);
        gpu.synchronize();
        int[] raw = new int[2 * workers()];
        gpu.download(sums, raw, raw.length);
        long sum = 0;
        for (int i = 0; i < workers(); i++) {
            sum += (raw[2 * i] & 0xffffffffL) | ((long) raw[2 * i + 1] << 32);
        }
        int[] early = new int[1];
        gpu.download(violations, early, 1);
        return new Check(sum, patternSums.computeIfAbsent(4 * paddedWords(plan), StepCeiling::patternSum), early[0]);
    }

    /** Seconds one step of {@code plan} takes in {@code form}: the fastest of {@code rounds} runs of {@code steps}. */
    double secondsPerStep(StepPhases plan, Form form, int steps, int rounds) {
        for (int i = 0; i < 2; i++) {
            run(plan, form, null);
        }
        gpu.synchronize();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                run(plan, form, null);
            }
            gpu.synchronize();
            best = Math.min(best, (System.nanoTime() - start) / 1e9 / steps);
        }
        return best;
    }

    private void run(StepPhases plan, Form form, DeviceBuffer counters) {
        if (paddedWords(plan) > capacityWords) {
            throw new IllegalArgumentException("a plan of " + paddedWords(plan) + " words, larger than the "
                    + capacityWords + " this ceiling was made for");
        }
        int prefetch = form.prefetch ? 1 : 0;
        if (form.persistent()) {
            gpu.launchCooperative("ceiling_persistent", blocks, block, data, bounds(plan), ahead(plan),
                    plan.phases().size(), prefetch, barrier, counters, violations, sums);
            return;
        }
        Object graph = graphs.computeIfAbsent(List.of(plan, form), k -> gpu.capture(() -> {
            long[] b = wordBounds(plan);
            for (int p = 0; p < plan.phases().size(); p++) {
                int early = plan.phases().get(p).knownAhead() ? prefetch : 0;
                long words = b[p + 1] - b[p];
                if (form == Form.LAUNCHES_STAGED) {
                    gpu.launch("ceiling_phase_staged", words == 0 ? 1 : stagedBlocks, 1, block, data, b[p], b[p + 1],
                            early, sums);
                } else {
                    gpu.launch("ceiling_phase", phaseGrid(words), 1, block, data, b[p], b[p + 1], early, sums);
                }
            }
        }));
        gpu.replay(graph);
    }

    private DeviceBuffer bounds(StepPhases plan) {
        return bounds.computeIfAbsent(plan, p -> {
            long[] b = wordBounds(p);
            DeviceBuffer buffer = gpu.allocate(8L * b.length);
            try (Arena arena = Arena.ofConfined()) {
                gpu.upload(arena.allocateFrom(ValueLayout.JAVA_LONG, b), buffer);
            }
            return buffer;
        });
    }

    /**
     * The blocks of one phase's launch: the whole grid, as the persistent form has, so that the two forms differ
     * in how phases are ordered, not in how many blocks read; one block for a phase that reads nothing (as the
     * engine launches a softmax's statistics or a routing).
     */
    int phaseGrid(long words) {
        return words == 0 ? 1 : blocks;
    }

    private DeviceBuffer ahead(StepPhases plan) {
        return ahead.computeIfAbsent(plan, p -> {
            int[] known = p.phases().stream().mapToInt(phase -> phase.knownAhead() ? 1 : 0).toArray();
            DeviceBuffer buffer = gpu.allocate(4L * Math.max(1, known.length));
            gpu.upload(known, known.length, buffer);
            return buffer;
        });
    }

    /** Where each phase starts in 16-byte words, and where the last ends: each phase padded to whole lines. */
    static long[] wordBounds(StepPhases plan) {
        long[] b = new long[plan.phases().size() + 1];
        for (int p = 0; p < plan.phases().size(); p++) {
            long bytes = plan.phases().get(p).bytes();
            b[p + 1] = b[p] + (bytes + LINE - 1) / LINE * LINE / WORD;
        }
        return b;
    }

    private static long paddedWords(StepPhases plan) {
        long[] b = wordBounds(plan);
        return b[b.length - 1];
    }

    /** The pattern's 32-bit word k: a multiplicative hash, so that a skipped or twice-read word changes the sum. */
    static int pattern(long k) {
        return (int) (k * 0x9E3779B1L) ^ (int) (k >>> 32);
    }

    /** The sum of the pattern's first {@code words} 32-bit words, as unsigned numbers, modulo 2^64. */
    static long patternSum(long words) {
        long sum = 0;
        for (long k = 0; k < words; k++) {
            sum += pattern(k) & 0xffffffffL;
        }
        return sum;
    }

    private void fill(long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment chunk = arena.allocate(Math.min(bytes, FILL_CHUNK), 16);
            for (long at = 0; at < bytes; at += chunk.byteSize()) {
                long n = Math.min(chunk.byteSize(), bytes - at);
                long first = at / 4;
                for (long i = 0; i < n / 4; i++) {
                    chunk.setAtIndex(ValueLayout.JAVA_INT, i, pattern(first + i));
                }
                gpu.upload(chunk.asSlice(0, n), data.at(at));
            }
        }
    }
}
