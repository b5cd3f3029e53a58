/*
 * Preloaded into the llama.cpp reference by the engine's tests (LlamaCppReference); it only matters on CPUs
 * with AMX. ggml's CPU backend asks Linux for the AMX tile state (arch_prctl ARCH_REQ_XCOMP_PERM)
 * before it puts weights in its AMX buffers; this library refuses that one request, so ggml runs the AVX-512
 * kernels the engine mirrors. Two reasons: on AMX, llama.cpp (node-llama-cpp 3.22.1) aborts on DeepSeek-V2's
 * Q8_0 attn_k_b/attn_v_b matrices ("GGML_ASSERT(*cur_backend_id != -1)"), and AMX's kernels are not the
 * numerics the engine reproduces. Every other system call passes through unchanged. Benchmarks do not load it:
 * there llama.cpp runs at its best, AMX included.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/syscall.h>

#define ARCH_REQ_XCOMP_PERM 0x1023

long syscall(long number, ...) {
    va_list args;
    va_start(args, number);
    long a[6];
    for (int i = 0; i < 6; i++) {
        a[i] = va_arg(args, long); /* x86-64 passes up to six integer arguments: read them all */
    }
    va_end(args);
    if (number == SYS_arch_prctl && a[0] == ARCH_REQ_XCOMP_PERM) {
        errno = EPERM;
        return -1;
    }
    static long (*next)(long, ...);
    if (next == NULL) {
        next = (long (*)(long, ...)) dlsym(RTLD_NEXT, "syscall");
    }
    return next(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
