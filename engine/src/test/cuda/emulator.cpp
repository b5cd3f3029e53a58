// A host emulation of the CUDA kernels, for checking the CUDA backend's forward pass on machines without a
// GPU: the kernel sources are compiled as C++ (see emu_shim.h) into a shared library that the test's
// EmulatedGpu calls through the FFM API. In kernels that synchronise, each block's threads are cooperative
// fibers: a thread runs until it reaches __syncthreads, __syncwarp or a warp shuffle (a write, a warp barrier,
// a read and a warp barrier); a warp barrier opens when every lane of the warp still running has reached one,
// __syncthreads when every thread of the block still running has.
// Other kernels run their threads one after another. Blocks run one after another, from the last (or, asked,
// from the first). A cooperative kernel (one with grid barriers, grid_barrier.cuh) has a fiber for every
// thread of every block: each block runs, as above, until all its threads wait at the grid barrier, then the
// next block; the barrier opens when every thread of every block waits at it. Blocks still share one copy of
// each __shared__ variable, so no kernel may keep shared memory across a grid barrier.
// What this cannot show: races the real hardware would expose (the emulation is sequential),
// the device intrinsics themselves (__dp4a takes the host path of gb_dp4a), and speed.
#include "emu_shim.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "matvec.cu"
#include "ops.cu"
#include "ceiling.cu"

EmuDim3 threadIdx, blockIdx, blockDim, gridDim;

namespace {
constexpr size_t STACK = 64 * 1024;
constexpr int MAX_THREADS = 1024;
// Threads of a cooperative launch, all blocks together (each a fiber with its own stack).
constexpr long long MAX_COOPERATIVE_THREADS = 4096;

// Fibers are created once and reused for every block: each loops "run the kernel for my thread, then
// report done". Switches use _setjmp/_longjmp (no signal-mask system calls, unlike swapcontext); ucontext
// is only used to enter a fiber's stack the first time.
// What a thread waits at: nothing (it may run), __syncthreads (the whole block), or a warp-level exchange
// (__syncwarp, a shuffle: its warp's lanes only, as on the device, so warps may pass different numbers of
// shuffles between two block barriers).
enum Wait { RUNNING, AT_BLOCK_BARRIER, AT_WARP_BARRIER, AT_GRID_BARRIER };

// A fiber runs thread `thread` of block `block` (blocks numbered x-first) of the current launch.
struct Fiber {
    ucontext_t context;
    jmp_buf jump;
    bool started;
    bool done;
    Wait wait;
    unsigned block;
    unsigned thread;
    std::vector<char> stack;
};

// Held by pointer: a started fiber's ucontext and stack must not move when more fibers are added.
std::vector<std::unique_ptr<Fiber>> fibers;
ucontext_t schedulerContext;
jmp_buf schedulerJump;
int current;
bool inFibers;
bool inCooperativeLaunch;
std::function<void()> body;
float shuffle[MAX_THREADS];
int shuffleInt[MAX_THREADS];
double shuffleDouble[MAX_THREADS];

Fiber& fiber(int f) {
    return *fibers[f];
}

void yieldToScheduler() {
    if (!_setjmp(fiber(current).jump)) {
        _longjmp(schedulerJump, 1);
    }
}

void fiberMain() {
    while (true) {
        body();
        fiber(current).done = true;
        yieldToScheduler();
    }
}

void resume(int i) {
    current = i;
    Fiber& f = fiber(i);
    threadIdx = EmuDim3{f.thread, 0, 0};
    blockIdx = EmuDim3{f.block % gridDim.x, f.block / gridDim.x, 0};
    if (!_setjmp(schedulerJump)) {
        if (!f.started) {
            f.started = true;
            f.stack.resize(STACK);
            getcontext(&f.context);
            f.context.uc_stack.ss_sp = f.stack.data();
            f.context.uc_stack.ss_size = STACK;
            f.context.uc_link = nullptr;
            makecontext(&f.context, fiberMain, 0);
            swapcontext(&schedulerContext, &f.context);
        } else {
            _longjmp(f.jump, 1);
        }
    }
}

// At least n fibers, none of them running.
void ensureFibers(long long n) {
    while ((long long) fibers.size() < n) {
        fibers.push_back(std::make_unique<Fiber>());
    }
}

// Runs fibers [first, first + threads), block `block`'s threads, until each is done or waits at the grid
// barrier. A warp barrier opens when every live lane of the warp waits at one; the block barrier when every
// live thread of the block waits at it. A warp whose lanes wait at different kinds of barrier, or a block whose
// threads wait at different barriers, would hang on a device: the emulator stops with a message.
void runBlockFibers(int first, int threads) {
    while (true) {
        for (int t = first; t < first + threads; t++) {
            if (!fiber(t).done && fiber(t).wait == RUNNING) {
                resume(t);
            }
        }
        bool released = false;
        for (int w = first; w < first + threads; w += 32) {
            int end = std::min(w + 32, first + threads);
            bool waiting = false;
            bool allAtWarpBarrier = true;
            for (int t = w; t < end; t++) {
                if (!fiber(t).done) {
                    waiting = true;
                    allAtWarpBarrier &= fiber(t).wait == AT_WARP_BARRIER;
                }
            }
            if (waiting && allAtWarpBarrier) {
                for (int t = w; t < end; t++) {
                    fiber(t).wait = RUNNING;
                }
                released = true;
            }
        }
        if (released) {
            continue;
        }
        int live = 0;
        int atGrid = 0;
        for (int t = first; t < first + threads; t++) {
            if (fiber(t).done) {
                continue;
            }
            live++;
            Wait w = fiber(t).wait;
            atGrid += w == AT_GRID_BARRIER;
            if (w == AT_WARP_BARRIER) {
                fprintf(stderr, "emulator: block (%u, %u), thread %d waits at a warp barrier while others of its"
                        " warp wait at __syncthreads or the grid barrier\n", blockIdx.x, blockIdx.y, t - first);
                abort();
            }
        }
        if (live == 0 || atGrid == live) {
            return;
        }
        if (atGrid > 0) {
            fprintf(stderr, "emulator: block (%u, %u): some threads wait at the grid barrier, others at"
                    " __syncthreads\n", blockIdx.x, blockIdx.y);
            abort();
        }
        for (int t = first; t < first + threads; t++) {
            fiber(t).wait = RUNNING; // every live thread is at the block barrier: open it
        }
    }
}

// Prepares fibers [first, first + threads) to run block `block` from its start.
void startBlockFibers(int first, int threads, unsigned block) {
    for (int t = 0; t < threads; t++) {
        Fiber& f = fiber(first + t);
        f.done = false;
        f.wait = RUNNING;
        f.block = block;
        f.thread = (unsigned) t;
    }
}

// A block of a kernel that synchronises: threads as fibers.
void runBlockAsFibers(int threads, unsigned block) {
    ensureFibers(threads);
    startBlockFibers(0, threads, block);
    inFibers = true;
    runBlockFibers(0, threads);
    inFibers = false;
}

// A cooperative launch: every thread of every block a fiber at once. Blocks run in `order` until each waits
// at the grid barrier or is done; the barrier then opens for all, while every block is still live (a block
// that ended while others wait at a barrier would leave them hanging on a device).
void runGridAsFibers(int threads, const std::vector<unsigned>& order) {
    int blocks = (int) order.size();
    ensureFibers((long long) threads * blocks);
    for (int i = 0; i < blocks; i++) {
        startBlockFibers(i * threads, threads, order[i]);
    }
    inFibers = true;
    inCooperativeLaunch = true;
    while (true) {
        int finished = 0;
        for (int i = 0; i < blocks; i++) {
            runBlockFibers(i * threads, threads);
            bool done = true;
            for (int t = i * threads; t < (i + 1) * threads; t++) {
                done &= fiber(t).done;
            }
            finished += done;
        }
        if (finished == blocks) {
            break;
        }
        if (finished > 0) {
            fprintf(stderr, "emulator: %d of %d blocks ended while the others wait at the grid barrier\n",
                    finished, blocks);
            abort();
        }
        for (int t = 0; t < threads * blocks; t++) {
            if (!fiber(t).done) {
                fiber(t).wait = RUNNING;
            }
        }
    }
    inCooperativeLaunch = false;
    inFibers = false;
}

// A block of a kernel without barriers: its threads one after another.
void runBlockDirectly(int threads) {
    for (int t = 0; t < threads; t++) {
        threadIdx = EmuDim3{(unsigned) t, 0, 0};
        body();
    }
}

template <typename... A, size_t... I>
void invoke(void (*f)(A...), void** args, std::index_sequence<I...>) {
    f(*static_cast<std::remove_cv_t<std::remove_reference_t<A>>*>(args[I])...);
}

struct Kernel {
    std::function<void(void**)> run;
    bool synchronises; // calls __syncthreads or __shfl_xor_sync
    bool cooperative;  // calls grid_barrier: must be launched cooperatively
};

template <typename... A>
Kernel kernel(void (*f)(A...), bool synchronises, bool cooperative = false) {
    return Kernel{[f](void** args) { invoke(f, args, std::index_sequence_for<A...>{}); }, synchronises, cooperative};
}

const std::unordered_map<std::string, Kernel>& kernels() {
    static const std::unordered_map<std::string, Kernel> table = {
        {"matvec_f32", kernel(matvec_f32, true)}, {"matvec_f16", kernel(matvec_f16, true)},
        {"matvec_bf16", kernel(matvec_bf16, true)}, {"matvec_q8_0", kernel(matvec_q8_0, true)},
        {"matvec_q4_0", kernel(matvec_q4_0, true)},
        {"matvec_q4_1", kernel(matvec_q4_1, true)}, {"matvec_q5_0", kernel(matvec_q5_0, true)},
        {"matvec_q5_1", kernel(matvec_q5_1, true)}, {"matvec_q4_k", kernel(matvec_q4_k, true)},
        {"matvec_q5_k", kernel(matvec_q5_k, true)}, {"matvec_q6_k", kernel(matvec_q6_k, true)},
        {"matvec_wide_f32", kernel(matvec_wide_f32, true)}, {"matvec_wide_f16", kernel(matvec_wide_f16, true)},
        {"matvec_wide_bf16", kernel(matvec_wide_bf16, true)},
        {"swiglu_f32", kernel(swiglu_f32, true)}, {"swiglu_f16", kernel(swiglu_f16, true)},
        {"swiglu_bf16", kernel(swiglu_bf16, true)}, {"swiglu_q8_0", kernel(swiglu_q8_0, true)},
        {"swiglu_q4_0", kernel(swiglu_q4_0, true)}, {"swiglu_q4_1", kernel(swiglu_q4_1, true)},
        {"swiglu_q5_0", kernel(swiglu_q5_0, true)}, {"swiglu_q5_1", kernel(swiglu_q5_1, true)},
        {"swiglu_q4_k", kernel(swiglu_q4_k, true)}, {"swiglu_q5_k", kernel(swiglu_q5_k, true)},
        {"swiglu_q6_k", kernel(swiglu_q6_k, true)},
        {"matvec_pair_q4_k_q6_k", kernel(matvec_pair_q4_k_q6_k, true)},
        {"matvec_pair_q5_k_q6_k", kernel(matvec_pair_q5_k_q6_k, true)},
        {"matvec_pair_q6_k_q4_k", kernel(matvec_pair_q6_k_q4_k, true)},
        {"matvec_pair_q6_k_q5_k", kernel(matvec_pair_q6_k_q5_k, true)},
        {"matvec_pair_q4_k_q5_k", kernel(matvec_pair_q4_k_q5_k, true)},
        {"matvec_pair_q5_k_q4_k", kernel(matvec_pair_q5_k_q4_k, true)},
        {"quantize_q8_0", kernel(quantize_q8_0, false)},
        {"quantize_q8_1", kernel(quantize_q8_1, false)}, {"quantize_q8_k", kernel(quantize_q8_k, true)},
        {"round_activations", kernel(round_activations, false)}, {"get_rows", kernel(get_rows, false)},
        {"rms_norm", kernel(rms_norm, true)}, {"rms_norm_q8_k", kernel(rms_norm_q8_k, true)},
        {"qk_norm_rope_store", kernel(qk_norm_rope_store, true)},
        {"qk_norm_rope_store_f16", kernel(qk_norm_rope_store_f16, true)},
        {"rope", kernel(rope, false)}, {"rope_angles_table", kernel(rope_angles_table, false)},
        {"rope_copy", kernel(rope_copy, false)},
        {"latent_norm_rope_store", kernel(latent_norm_rope_store, true)},
        {"attention_scores", kernel(attention_scores, true)},
        {"attention_scores_f16", kernel(attention_scores_f16, true)},
        {"attention_stats", kernel(attention_stats, true)},
        {"attention_values", kernel(attention_values, true)},
        {"attention_values_f16", kernel(attention_values_f16, true)},
        {"attention_combine", kernel(attention_combine, false)},
        {"attention_combine_q8_k", kernel(attention_combine_q8_k, true)},
        {"store_kv", kernel(store_kv, false)}, {"store_kv_f16", kernel(store_kv_f16, false)},
        {"silu_mul", kernel(silu_mul, false)}, {"add_residual", kernel(add_residual, false)},
        {"moe_route", kernel(moe_route, true)}, {"moe_group", kernel(moe_group, true)},
        {"moe_combine", kernel(moe_combine, false)},
        {"argmax_blocks", kernel(argmax_blocks, true)},
        {"argmax_pick", kernel(argmax_pick, true)}, {"top_k", kernel(top_k, true)},
        {"gather_logits", kernel(gather_logits, false)},
        {"ceiling_phase", kernel(ceiling_phase, false)},
        {"ceiling_phase_staged", kernel(ceiling_phase_staged, false)},
        {"ceiling_persistent", kernel(ceiling_persistent, true, true)},
    };
    return table;
}
}  // namespace

// Parks the calling thread at barrier `w` until the scheduler opens it, or stops with `misuse` where that barrier
// cannot be (outside fibers, or a grid barrier outside a cooperative launch).
static void waitAt(Wait w, bool allowed, const char* misuse) {
    if (!allowed) {
        fprintf(stderr, "emulator: %s\n", misuse);
        abort();
    }
    fiber(current).wait = w;
    yieldToScheduler();
}

void __syncthreads() {
    waitAt(AT_BLOCK_BARRIER, inFibers, "__syncthreads in a kernel registered as not synchronising");
}

void __syncwarp() {
    waitAt(AT_WARP_BARRIER, inFibers, "__syncwarp or a shuffle in a kernel registered as not synchronising");
}

void emu_grid_barrier() {
    waitAt(AT_GRID_BARRIER, inCooperativeLaunch, "a grid barrier in a launch that is not cooperative");
}

// A butterfly exchange through the warp's slots: each lane writes its value, the warp meets, each lane reads its
// partner's, and the warp meets again before a slot can be rewritten.
template <typename T>
static T warpExchange(T* slots, T value, int laneMask) {
    int t = (int) threadIdx.x;
    slots[t] = value;
    __syncwarp();
    T other = slots[t ^ laneMask];
    __syncwarp();
    return other;
}

double __shfl_xor_sync(unsigned, double value, int laneMask) {
    return warpExchange(shuffleDouble, value, laneMask);
}

int __shfl_xor_sync(unsigned, int value, int laneMask) {
    return warpExchange(shuffleInt, value, laneMask);
}

float __shfl_xor_sync(unsigned, float value, int laneMask) {
    return warpExchange(shuffle, value, laneMask);
}

// Runs `name` on gridX x gridY blocks of `block` threads; args as cuLaunchKernel's kernelParams. The blocks run
// one after another, the last first, or with firstFirst the first first: a device promises no order, and no
// kernel may count on one (a test runs whole models both ways and expects the same bits). A cooperative launch
// (cuLaunchCooperativeKernel's) runs the blocks side by side as fibers, in the same order between grid barriers.
// Returns 0, or -1 for an unknown kernel, -2 for a block too large, -3 for a kernel with grid barriers launched
// without `cooperative`, -4 for a cooperative launch of more threads than the emulator holds.
extern "C" int emu_launch(const char* name, int gridX, int gridY, int block, void** args, int firstFirst,
                          int cooperative) {
    auto it = kernels().find(name);
    if (it == kernels().end()) {
        return -1;
    }
    if (block < 1 || block > MAX_THREADS) {
        return -2;
    }
    const Kernel& k = it->second;
    if (k.cooperative && !cooperative) {
        return -3;
    }
    blockDim = EmuDim3{(unsigned) block, 1, 1};
    gridDim = EmuDim3{(unsigned) gridX, (unsigned) gridY, 1};
    long long blocks = (long long) gridX * gridY;
    body = [&k, args] { k.run(args); };
    if (cooperative) {
        if (blocks * block > MAX_COOPERATIVE_THREADS) {
            return -4;
        }
        std::vector<unsigned> order;
        for (long long i = 0; i < blocks; i++) {
            order.push_back((unsigned) (firstFirst ? i : blocks - 1 - i));
        }
        runGridAsFibers(block, order);
        return 0;
    }
    for (long long i = 0; i < blocks; i++) {
        long long b = firstFirst ? i : blocks - 1 - i;
        blockIdx = EmuDim3{(unsigned) (b % gridX), (unsigned) (b / gridX), 0};
        if (k.synchronises) {
            runBlockAsFibers(block, (unsigned) b);
        } else {
            runBlockDirectly(block);
        }
    }
    return 0;
}
