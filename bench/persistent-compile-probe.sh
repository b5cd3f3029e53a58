#!/usr/bin/env bash
# Tries to compile (does not run: no GPU needed) a persistent "program" kernel that runs a decode step's launches as
# phases of one cooperative kernel, reusing the engine's kernel sources unchanged: they are compiled a second
# time as device functions, with blockIdx, gridDim, blockDim and __syncthreads redefined as macros to a
# virtual block that the program's loop sets (a named barrier over the virtual block's threads), and a grid
# barrier between launches; the kernels' large shared arrays become views of one dynamic buffer (ops.cu's
# GB_LARGE_SHARED). Prints ptxas's registers, stack and shared memory for each launch bound, and counts
# non-coherent (.nc) loads, which a persistent kernel must not use for memory an earlier phase wrote.
# This is the cost side of the design question docs/benchmarks.md (session 21) leaves to the step ceiling's
# measurement: whether such a kernel would be worth building.
#
# usage: bench/persistent-compile-probe.sh [THREADS] [MIN_BLOCKS_PER_SM...]   (default: 256, then 1 2 4)
# With EACH=1, also the registers of a program holding each kernel alone (which kernel sets the whole's count).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads=${1:-256}
shift || true
bounds=("$@")
[ ${#bounds[@]} -gt 0 ] || bounds=(1 2 4)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for min in "${bounds[@]}"; do
    cat > "$work/program.cu" <<CU
#include <cuda_runtime.h>
#include <type_traits>
struct VirtualDim { unsigned x, y, z; };
__shared__ VirtualDim virtualBlock;
__shared__ VirtualDim virtualGrid;
__shared__ VirtualDim virtualThreads;
// The kernels' own barriers wait only for the virtual block's threads (barrier 1; barrier 0 is the program's).
__device__ __forceinline__ void virtual_sync() { asm volatile("bar.sync 1, %0;" ::"r"(virtualThreads.x) : "memory"); }
#define blockIdx virtualBlock
#define gridDim virtualGrid
#define blockDim virtualThreads
#define __syncthreads() virtual_sync()
// The kernels' large shared arrays as views of the dynamic buffer (one kernel's code runs at a time).
#define GB_LARGE_SHARED(type, name, count) extern __shared__ type name[]
#undef __global__
#define __global__ __device__
#include "matvec.cu"
#include "ops.cu"
#undef __global__
#define __global__ __location__(global)
#undef blockIdx
#undef gridDim
#undef blockDim
#undef __syncthreads
#include "grid_barrier.cuh"

// A kernel argument from its 8-byte slot.
template <typename T> __device__ __forceinline__ T from_slot(long long v) {
    if constexpr (std::is_pointer_v<T>) return reinterpret_cast<T>(v);
    else if constexpr (std::is_same_v<T, float>) return __int_as_float((int) v);
    else return (T) v;
}
template <typename... A, size_t... I>
__device__ __forceinline__ void call_with(void (*f)(A...), const long long* a, std::index_sequence<I...>) {
    f(from_slot<std::remove_cv_t<A>>(a[I])...);
}
template <typename... A>
__device__ __forceinline__ void call_with(void (*f)(A...), const long long* a) {
    call_with(f, a, std::index_sequence_for<A...>{});
}

struct Launch { int kernel, gridX, gridY, threads; long long args[20]; };

// The kernels of a Q4_K_M qwen3moe decode step's layer (DecodeStepLaunchesTest's fifteen).
extern "C" __global__ void __launch_bounds__($threads, $min) run_program(const Launch* program, int count,
                                                                        unsigned* barrier) {
    for (int i = 0; i < count; i++) {
        const Launch* l = program + i;
        long long blocks = (long long) l->gridX * l->gridY;
        for (long long b = blockIdx.x; b < blocks; b += gridDim.x) {
            if (threadIdx.x == 0) {
                virtualBlock = VirtualDim{(unsigned) (b % l->gridX), (unsigned) (b / l->gridX), 0};
                virtualGrid = VirtualDim{(unsigned) l->gridX, (unsigned) l->gridY, 1};
                virtualThreads = VirtualDim{(unsigned) l->threads, 1, 1};
            }
            __syncthreads();
            if (threadIdx.x < l->threads) {
                switch (l->kernel) {
                    case 0: call_with(rms_norm_q8_k, l->args); break;
                    case 1: call_with(matvec_pair_q4_k_q6_k, l->args); break;
                    case 2: call_with(qk_norm_rope_store_f16, l->args); break;
                    case 3: call_with(attention_scores_f16, l->args); break;
                    case 4: call_with(attention_stats, l->args); break;
                    case 5: call_with(attention_values_f16, l->args); break;
                    case 6: call_with(attention_combine_q8_k, l->args); break;
                    case 7: call_with(matvec_q4_k, l->args); break;
                    case 8: call_with(matvec_wide_f32, l->args); break;
                    case 9: call_with(moe_route, l->args); break;
                    case 10: call_with(swiglu_q4_k, l->args); break;
                    case 11: call_with(quantize_q8_k, l->args); break;
                    case 12: call_with(matvec_q6_k, l->args); break;
                    case 13: call_with(moe_combine, l->args); break;
                }
            }
            __syncthreads();
        }
        grid_barrier(barrier);
    }
}
CU
    echo "== $threads threads, at least $min blocks per multiprocessor"
    if nvcc -cubin -O3 --fmad=false -std=c++17 -arch=sm_90 -I "$root/engine/src/main/cuda" -o "$work/program.cubin" \
        "$work/program.cu" -Xptxas -v > "$work/ptxas.txt" 2>&1; then
        grep -A3 "entry function 'run_program'" "$work/ptxas.txt" | grep -E "Used|stack|spill"
    else
        echo "does not build:"
        grep -E "error|Used|spill" "$work/ptxas.txt" | grep -v "^ptxas info    : Used .* registers, used .* barriers$" | tail -n 4
    fi
    nvcc -ptx -O3 --fmad=false -std=c++17 -arch=sm_90 -I "$root/engine/src/main/cuda" -o "$work/program.ptx" \
        "$work/program.cu"
    echo "non-coherent (.nc) loads: $(grep -c 'ld.global.nc' "$work/program.ptx" || true)"
done
if [ "${EACH:-0}" = 1 ]; then
    echo "== each kernel alone in the program ($threads threads, at least ${bounds[-1]} blocks per multiprocessor)"
    for name in $(grep -o 'case [0-9]*: call_with([a-z0-9_]*' "$work/program.cu" | sed 's/.*(//'); do
        # Keep only this kernel's case of the switch.
        grep -v -E "case [0-9]+: call_with\(" "$work/program.cu" > "$work/alone.cu.tmp"
        sed "s|switch (l->kernel) {|switch (l->kernel) { case 0: call_with($name, l->args); break;|" \
            "$work/alone.cu.tmp" > "$work/alone.cu"
        used=$(nvcc -cubin -O3 --fmad=false -std=c++17 -arch=sm_90 -I "$root/engine/src/main/cuda" \
            -o "$work/alone.cubin" "$work/alone.cu" -Xptxas -v 2>&1 | grep -A3 "entry function 'run_program'" \
            | grep -o "Used [0-9]* registers" || true)
        echo "$name: $used"
    done
fi
echo "== the separate kernels, for comparison (registers)"
nvcc -cubin -O3 --fmad=false -std=c++17 -arch=sm_90 -I "$root/engine/src/main/cuda" -o "$work/matvec.cubin" \
    "$root/engine/src/main/cuda/matvec.cu" -Xptxas -v > "$work/ptxas.txt" 2>&1
grep -A3 -E "entry function '(matvec_q4_k|swiglu_q4_k|matvec_pair_q4_k_q6_k|matvec_q6_k)'" "$work/ptxas.txt" \
    | grep -E "entry|Used"
