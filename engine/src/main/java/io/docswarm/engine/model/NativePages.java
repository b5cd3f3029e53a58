package io.docswarm.engine.model;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Memory pages from the operating system, for weights repacked at load time (Linux only, through the C
 * library's {@code mmap}, {@code munmap} and {@code madvise}):
 * <ul>
 *   <li>{@link #allocate}: anonymous pages. Not {@code Arena.allocate}, which counts against the JVM's direct
 *       memory limit (by default the heap's maximum, a few GB): a large model's repacked weights exceed it.</li>
 *   <li>{@link #release}: tells the kernel this process no longer needs the pages of a mapped file range, so
 *       they leave its resident set (they stay in the page cache, and come back if read again). Once a
 *       tensor is repacked, its mapped bytes would otherwise count twice.</li>
 * </ul>
 */
final class NativePages {
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MADV_DONTNEED = 4;
    private static final int MADV_POPULATE_READ = 22;
    private static final int MADV_HUGEPAGE = 14;
    private static final int SC_PAGESIZE = 30;
    private static final Calls CALLS = Calls.find();

    private NativePages() {
    }

    private record Calls(MethodHandle mmap, MethodHandle munmap, MethodHandle madvise, long pageSize) {
        static Calls find() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                MethodHandle mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_LONG));
                MethodHandle munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                MethodHandle madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT));
                MethodHandle sysconf = linker.downcallHandle(libc.find("sysconf").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                long pageSize = (long) sysconf.invokeExact(SC_PAGESIZE);
                return pageSize > 0 ? new Calls(mmap, munmap, madvise, pageSize) : null;
            } catch (Throwable e) {
                return null; // no C library calls here: callers keep the weights as the file has them
            }
        }
    }

    /** Whether this platform offers these calls. */
    static boolean available() {
        return CALLS != null;
    }

    /**
     * {@code bytes} of zeroed, page-aligned memory, given back to the system when {@code arena} closes; null if the
     * system refuses (no memory left, a limit on the address space).
     */
    static MemorySegment allocate(long bytes, Arena arena) {
        if (CALLS == null) {
            throw new UnsupportedOperationException("anonymous pages need Linux's C library");
        }
        MemorySegment address;
        try {
            address = (MemorySegment) CALLS.mmap().invokeExact(MemorySegment.NULL, bytes, PROT_READ_WRITE,
                    MAP_PRIVATE_ANONYMOUS, -1, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException("mmap failed", e);
        }
        if (address.address() == -1L || address.address() == 0L) {
            return null;
        }
        MethodHandle munmap = CALLS.munmap();
        MemorySegment segment = address.reinterpret(bytes, arena, s -> unmap(munmap, s, bytes));
        // Huge pages where the kernel offers them on request (transparent_hugepage "madvise"): fewer page faults
        // while the weights are written, fewer TLB misses while every token streams through them.
        advise(segment, MADV_HUGEPAGE);
        return segment;
    }

    private static void unmap(MethodHandle munmap, MemorySegment segment, long bytes) {
        try {
            int ignored = (int) munmap.invokeExact(MemorySegment.ofAddress(segment.address()), bytes);
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed", e);
        }
    }

    /**
     * Maps the pages of {@code mapped} (a read-only file mapping) into this process in one call, where the
     * kernel has {@code MADV_POPULATE_READ} (Linux 5.14): reading it page by page took one fault per 4 KiB.
     */
    static void populate(MemorySegment mapped) {
        advise(mapped, MADV_POPULATE_READ);
    }

    /**
     * Drops the whole pages inside {@code mapped} (a read-only file mapping) from this process's resident set.
     * Pages it shares with neighbouring data stay. Does nothing where the calls are missing.
     */
    static void release(MemorySegment mapped) {
        advise(mapped, MADV_DONTNEED);
    }

    /** {@code madvise} on the whole pages inside {@code mapped}; errors (an older kernel) are ignored. */
    private static void advise(MemorySegment mapped, int advice) {
        if (CALLS == null) {
            return;
        }
        long page = CALLS.pageSize();
        long start = (mapped.address() + page - 1) / page * page;
        long end = (mapped.address() + mapped.byteSize()) / page * page;
        if (end <= start) {
            return;
        }
        try {
            int ignored = (int) CALLS.madvise().invokeExact(MemorySegment.ofAddress(start), end - start, advice);
        } catch (Throwable e) {
            throw new IllegalStateException("madvise failed", e);
        }
    }
}
