// Programmatic dependent launch (compute capability 9.0 and newer). On such devices the host launches every
// kernel with CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION (CudaContext), which lets a kernel's blocks
// be scheduled while the kernel before it in the stream is still running. That hides the launch and ramp-up
// of each of the ~800 small kernels of a decode step behind the tail of the previous one.
//
// The price is that ordering becomes the kernel's own job: every kernel calls await_previous_kernels() as its
// first statement, before it touches any memory another kernel writes (before it, matvec.cu only reads its
// weights and a flag the host sets at load). griddepcontrol.wait returns once the kernels
// it depends on have completed and their writes are visible, so each kernel still sees exactly what a plain
// serialized launch would show it (and the chain is transitive: the previous kernel waited for its own
// predecessor before it could finish). launch_dependents then allows the next kernel to be scheduled; issuing
// it right after the wait keeps at most one kernel waiting ahead of the running one. ProgrammaticLaunchTest
// checks that every kernel starts with this call (after, at most, prefetches of its weights, which no kernel
// writes). Older devices and the host emulator compile it to nothing.
#pragma once

// Asks L2 for the 128-byte line holding p (a hint for memory no earlier kernel writes: weights).
__device__ __forceinline__ void gb_prefetch_l2(const void* p) {
#if defined(__CUDA_ARCH__)
    asm volatile("prefetch.global.L2 [%0];" ::"l"(p));
#endif
}

// Lets the next kernel in the stream be scheduled now, before this one waits for its predecessor: for a kernel
// that loads memory no kernel writes (weights) into registers before it waits (ceiling.cu's staged form), so
// that the next kernel in turn can be resident and loading while this one waits. Safe however early: the next
// kernel still waits for this one to complete before it reads what this one writes, and it is launched only
// once every block of this one has reached this call, so its blocks never take a place this kernel needs.
__device__ __forceinline__ void allow_next_kernels() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.launch_dependents;" ::: "memory");
#endif
}

__device__ __forceinline__ void await_previous_kernels() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.wait;" ::: "memory");
    asm volatile("griddepcontrol.launch_dependents;" ::: "memory");
#endif
}
