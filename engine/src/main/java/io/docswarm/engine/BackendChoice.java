package io.docswarm.engine;

import io.docswarm.engine.cuda.CudaDeviceInfo;
import io.docswarm.engine.cuda.CudaRuntime;
import io.docswarm.engine.model.ModelConfig;
import java.util.Optional;

/**
 * Where a model runs, decided from the requested {@link Device}, what the CUDA probe found and whether the
 * architecture has a CUDA forward pass: {@code cpu} always runs on the CPU; {@code auto} takes GPU 0 when it
 * can (the first usable device) and otherwise runs on the CPU with a {@link #note} saying why (the engine
 * logs it); {@code cuda[:N]} takes CUDA device N (the driver's ordinal) or fails with the reason.
 *
 * @param cuda the GPU to run on, or null for the CPU
 * @param note why {@code auto} chose the CPU, or null
 */
record BackendChoice(CudaDeviceInfo cuda, String note) {

    static BackendChoice decide(Device requested, CudaRuntime.Availability availability,
                                Optional<String> unsupportedOnCuda) {
        if (requested.kind() == Device.Kind.CPU) {
            return new BackendChoice(null, null);
        }
        boolean auto = requested.kind() == Device.Kind.AUTO;
        String problem = null;
        CudaDeviceInfo device = null;
        if (!availability.available()) {
            problem = availability.problem();
        } else {
            device = auto ? availability.devices().get(0) : availability.device(requested.ordinal()).orElse(null);
            if (device == null) {
                problem = "there is no CUDA device " + requested.ordinal() + " (usable devices: "
                        + availability.devices().stream().map(CudaDeviceInfo::describe).toList() + ")";
            } else if (unsupportedOnCuda.isPresent()) {
                problem = unsupportedOnCuda.get();
            }
        }
        if (problem == null) {
            return new BackendChoice(device, null);
        }
        if (auto) {
            return new BackendChoice(null, "device auto: running on the CPU: " + problem);
        }
        throw new IllegalStateException("device " + requested + " was requested, but " + problem);
    }

    /** The choice for {@code requested} and this model on this machine (probes CUDA unless the CPU was asked for). */
    static BackendChoice decide(Device requested, ModelConfig config) {
        if (requested.kind() == Device.Kind.CPU) {
            return new BackendChoice(null, null);
        }
        return decide(requested, CudaRuntime.probe(), io.docswarm.engine.cuda.CudaModel.unsupported(config));
    }
}
