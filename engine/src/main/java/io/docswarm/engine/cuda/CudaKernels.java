package io.docswarm.engine.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The fatbin resources the build compiles from engine/src/main/cuda (see build.sh). */
final class CudaKernels {
    /** One per .cu file. */
    static final List<String> MODULES = List.of("matvec", "ops", "ceiling");

    private CudaKernels() {
    }

    static String resource(String module) {
        return "/io/docswarm/engine/cuda/" + module + ".fatbin";
    }

    /** Whether every module's fatbin is on the class path (false when the build had no nvcc). */
    static boolean packaged() {
        return MODULES.stream().allMatch(m -> CudaKernels.class.getResource(resource(m)) != null);
    }

    /** The CUDA release nvcc had when it built the fatbins ("13.0"), or null if the build did not record it. */
    static String builtWith() {
        try (InputStream in = CudaKernels.class.getResourceAsStream("/io/docswarm/engine/cuda/cuda-version")) {
            if (in == null) {
                return null;
            }
            String v = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            return v.isEmpty() ? null : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] load(String module) {
        try (InputStream in = CudaKernels.class.getResourceAsStream(resource(module))) {
            if (in == null) {
                throw new IllegalStateException("CUDA kernels " + resource(module) + " are not packaged (built without nvcc)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
