package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The probe refuses a driver too old for the toolkit the kernels were built with, and says so. */
class CudaRuntimeTest {
    @Test
    void aDriverOfAnOlderMajorReleaseIsNamedAsTheProblem() {
        assertEquals("the CUDA driver supports CUDA 12.8, but the kernels were built with CUDA 13.0 (update the "
                + "driver, or build with an older nvcc)", CudaRuntime.driverProblem(12080, "13.0"));
        assertNull(CudaRuntime.driverProblem(13000, "13.0"));
        assertNull(CudaRuntime.driverProblem(13000, "13.1")); // minor-version compatibility
        assertNull(CudaRuntime.driverProblem(12020, null));   // the build did not record it
    }

    @Test
    void theBuildRecordsTheToolkitRelease() {
        assumeTrue(CudaBlockMathTest.nvcc() != null, "nvcc is not installed: the build did not package the CUDA kernels");
        String v = CudaKernels.builtWith();
        assertTrue(v != null && v.matches("\\d+\\.\\d+"), "cuda-version resource: " + v);
    }
}
