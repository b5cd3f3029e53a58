package io.docswarm.engine;

/**
 * Where to run the forward pass: {@code auto} (a CUDA GPU when a driver and device are present, else the
 * CPU), {@code cpu}, or {@code cuda[:N]} (GPU N, default 0; fails when it is not usable).
 *
 * @param ordinal the CUDA device index for {@link Kind#CUDA}, 0 otherwise
 */
public record Device(Kind kind, int ordinal) {
    public enum Kind { AUTO, CPU, CUDA }

    public static final Device AUTO = new Device(Kind.AUTO, 0);
    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        java.util.Objects.requireNonNull(kind, "kind");
        if (ordinal < 0) {
            throw new IllegalArgumentException("CUDA device index must not be negative, got " + ordinal);
        }
        if (kind != Kind.CUDA && ordinal != 0) {
            throw new IllegalArgumentException("only cuda takes a device index");
        }
    }

    public static Device cuda(int ordinal) {
        return new Device(Kind.CUDA, ordinal);
    }

    /** Parses {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N} (case-insensitive, surrounding blanks ignored). */
    public static Device parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("device is missing; expected auto, cpu, cuda or cuda:N");
        }
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "cuda":
                return cuda(0);
            default:
                break;
        }
        if (s.startsWith("cuda:")) {
            String index = s.substring(5);
            if (!index.isEmpty() && index.chars().allMatch(c -> c >= '0' && c <= '9') && index.length() <= 6) {
                return cuda(Integer.parseInt(index));
            }
            throw new IllegalArgumentException("bad CUDA device index in '" + text + "': expected cuda:N with N = 0, 1, ...");
        }
        throw new IllegalArgumentException("unknown device '" + text + "': expected auto, cpu, cuda or cuda:N");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> "cuda:" + ordinal;
        };
    }
}
