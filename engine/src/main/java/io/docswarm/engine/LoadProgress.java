package io.docswarm.engine;

/** Told how loading goes (for a progress bar): bytes of weights read so far out of the total. */
@FunctionalInterface
public interface LoadProgress {
    LoadProgress NONE = (done, total) -> { };

    void update(long bytesDone, long bytesTotal);
}
