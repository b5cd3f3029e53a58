// The decode step's ceiling (StepCeiling, CudaStepCeiling): how fast one decode step could read its bytes at
// best, in each way of ordering its dependent phases. These kernels only read. A step is a sequence of phases,
// each a run of 16-byte words of one buffer (a phase's weights, or the attention's cache rows) that may only be
// read once the phase before it is complete, as each phase of a real step needs what the previous one computed.
// The only arithmetic is a sum of the words read, so that no load is optimised away and so that the host can
// check that every word was read exactly once. Real kernels also compute, so what these reach bounds every
// design that waits for each phase as a whole and fetches at most the next phase early (finer waits, such as
// an expert's down product waiting only for that expert's hidden rows, or deeper prefetch could do better).
//
// Worker w of W (a thread of the grid) reads words begin + w, begin + w + W, ..., four loads in flight at a
// time. Phase bounds are multiples of 8 words (128-byte lines; StepCeiling aligns them), so the workers that
// prefetch (w a multiple of 8) touch every line of a share exactly once. A worker adds its sum to sums[w] with
// an atomic whose result nothing waits for, so a kernel does not end on a dependent round trip to memory.
#include "launch_order.cuh"
#include "grid_barrier.cuh"

// The four 32-bit words of a 16-byte word.
struct CeilingWord {
    unsigned x, y, z, w;
};

// The 16-byte word at p (16-byte aligned), loaded at once through the read-only path.
__device__ __forceinline__ CeilingWord ceiling_word(const unsigned* p) {
#if defined(__CUDA_ARCH__)
    uint4 v = __ldg(reinterpret_cast<const uint4*>(p));
    return {v.x, v.y, v.z, v.w};
#else
    return {p[0], p[1], p[2], p[3]};
#endif
}

__device__ __forceinline__ unsigned long long ceiling_word_sum(CeilingWord v) {
    return (unsigned long long) v.x + v.y + v.z + v.w;
}

// The sum of the four 32-bit words at p.
__device__ __forceinline__ unsigned long long ceiling_load(const unsigned* p) {
    return ceiling_word_sum(ceiling_word(p));
}

__device__ __forceinline__ long long ceiling_worker() {
    return (long long) (blockIdx.y * gridDim.x + blockIdx.x) * blockDim.x + threadIdx.x;
}

__device__ __forceinline__ long long ceiling_workers() {
    return (long long) gridDim.x * gridDim.y * blockDim.x;
}

// This worker's share of words [begin, end), summed.
__device__ __forceinline__ unsigned long long ceiling_read(const unsigned* data, long long begin, long long end) {
    long long workers = ceiling_workers();
    long long i = begin + ceiling_worker();
    unsigned long long sum = 0;
    for (; i + 3 * workers < end; i += 4 * workers) {
        unsigned long long a = ceiling_load(data + 4 * i);
        unsigned long long b = ceiling_load(data + 4 * (i + workers));
        unsigned long long c = ceiling_load(data + 4 * (i + 2 * workers));
        unsigned long long d = ceiling_load(data + 4 * (i + 3 * workers));
        sum += a + b + c + d;
    }
    for (; i < end; i += workers) {
        sum += ceiling_load(data + 4 * i);
    }
    return sum;
}

// The most words of a phase prefetched: 16 MB, a third of an H100's or H200's 50 MB L2, so that what is fetched
// early is still there when it is read (the 30B shape's output phase alone is 255 MB).
#define CEILING_PREFETCH_WORDS (1LL << 20)

// Asks L2 for the lines of this worker's share of the first CEILING_PREFETCH_WORDS words of [begin, end) (when
// `enabled`): weights never depend on an earlier phase, so a kernel may fetch them before it may use them.
__device__ __forceinline__ void prefetch_share(const unsigned* data, long long begin, long long end, int enabled) {
    long long worker = ceiling_worker();
    if (!enabled || worker % 8 != 0) {
        return;
    }
    end = min(end, begin + CEILING_PREFETCH_WORDS);
    for (long long i = begin + worker; i < end; i += ceiling_workers()) {
        gb_prefetch_l2(data + 4 * i);
    }
}

__device__ __forceinline__ void ceiling_add(unsigned long long* sums, unsigned long long sum) {
    atomicAdd(sums + ceiling_worker(), sum);
}

// One phase as one launch (the launches form, recorded as a graph with programmatic launch like the engine's
// decode step): with `prefetch` (the host passes it only for phases whose bytes are known before the previous
// phase ends) the share's lines are requested before waiting for the previous kernel. Adds the share's sum to
// sums[worker].
extern "C" __global__ void ceiling_phase(const unsigned* data, long long begin, long long end, int prefetch,
                                         unsigned long long* sums) {
    prefetch_share(data, begin, end, prefetch);
    await_previous_kernels();
    ceiling_add(sums, ceiling_read(data, begin, end));
}

// 16-byte words each worker of the staged form loads into registers before it waits: 128 bytes (32 registers),
// 8.7 MB of a phase for a grid of 132 blocks of 512 threads (one per multiprocessor of an H100 or H200 SXM),
// most of each of the 30B shape's phases but the routed experts' gate and up and the output matrix.
#define CEILING_STAGE_WORDS 8

// A worker's first CEILING_STAGE_WORDS words of [begin, end), loaded but not yet used, and where the words
// left to read after them start.
struct CeilingStage {
    CeilingWord words[CEILING_STAGE_WORDS];
    long long rest;
};

// Loads this worker's staged words of [begin, end) (none unless `enabled`: the phase's bytes must be known before
// the phase before it ends) without waiting for them.
__device__ __forceinline__ CeilingStage stage_share(const unsigned* data, long long begin, long long end,
                                                    int enabled) {
    CeilingStage stage;
    long long workers = ceiling_workers();
    stage.rest = enabled ? min(end, begin + CEILING_STAGE_WORDS * workers) : begin;
#pragma unroll
    for (int k = 0; k < CEILING_STAGE_WORDS; k++) {
        long long i = begin + ceiling_worker() + k * workers;
        stage.words[k] = i < stage.rest ? ceiling_word(data + 4 * i) : CeilingWord{0, 0, 0, 0};
    }
    return stage;
}

// One phase as one launch that loads its share before it waits (the staged form): it lets the next kernel be
// scheduled first thing, loads its staged words (when `stage`: the host passes it only for phases whose bytes are
// known before the previous phase ends) into registers, waits for the previous kernel, then sums them and reads
// the rest of its share. So with a grid that leaves room for the next kernel beside it, each phase's loads are
// in flight while the phase before it is still running, as a real kernel's weight loads could be; what a design
// that waits for whole phases gains from that. Adds the share's sum to sums[worker].
extern "C" __global__ void ceiling_phase_staged(const unsigned* data, long long begin, long long end, int stage,
                                                unsigned long long* sums) {
    allow_next_kernels();
    CeilingStage staged = stage_share(data, begin, end, stage);
    await_previous_kernels();
    unsigned long long sum = 0;
#pragma unroll
    for (int k = 0; k < CEILING_STAGE_WORDS; k++) {
        sum += ceiling_word_sum(staged.words[k]);
    }
    ceiling_add(sums, sum + ceiling_read(data, staged.rest, end));
}

// Every phase in one cooperative launch with a grid barrier between phases (the persistent form). bounds: the
// phases + 1 word offsets, phase p being [bounds[p], bounds[p + 1]). With `prefetch` each worker requests its
// share of phase p + 1 once it has read its share of phase p, before the barrier, where ahead[p + 1] is non-zero:
// where the phase's bytes are known before phase p ends (not the routed experts' gate and up matrices, which
// phase p chooses). barrier: grid_barrier's state (zeroed). With `done` non-null (phases zeroed counters) the
// barrier checks itself: each block counts itself into done[p] before the barrier after phase p and, after it,
// adds 1 to *violations if not every block has. Adds the worker's sum to sums[worker].
extern "C" __global__ void ceiling_persistent(const unsigned* data, const long long* bounds, const int* ahead,
                                              int phases, int prefetch, unsigned* barrier, unsigned* done,
                                              unsigned* violations, unsigned long long* sums) {
    await_previous_kernels();
    unsigned long long sum = 0;
    for (int p = 0; p < phases; p++) {
        sum += ceiling_read(data, bounds[p], bounds[p + 1]);
        if (p + 1 < phases) {
            prefetch_share(data, bounds[p + 1], bounds[p + 2], prefetch && ahead[p + 1]);
        }
        if (done != nullptr && threadIdx.x == 0) {
            atomicAdd(done + p, 1u);
        }
        grid_barrier(barrier);
        if (done != nullptr && threadIdx.x == 0 && atomicAdd(done + p, 0u) != gridDim.x * gridDim.y) {
            atomicAdd(violations, 1u);
        }
    }
    ceiling_add(sums, sum);
}
