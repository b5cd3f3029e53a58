package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each key computed once while kept; the least recently used key goes first. */
class BoundedCacheTest {

    @Test
    void aKeptKeyIsComputedOnceAndTheLeastRecentlyUsedIsDropped() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        AtomicInteger computed = new AtomicInteger();
        assertEquals(1, cache.get("a", computed::incrementAndGet));
        assertEquals(1, cache.get("a", () -> 99), "kept: not computed again");
        cache.get("b", computed::incrementAndGet);
        cache.get("a", computed::incrementAndGet); // "a" used last: "b" is the eldest now
        cache.get("c", computed::incrementAndGet); // drops "b"
        assertEquals(3, computed.get());
        cache.get("a", computed::incrementAndGet);
        assertEquals(3, computed.get(), "'a' still kept");
        cache.get("b", computed::incrementAndGet);
        assertEquals(4, computed.get(), "'b' was dropped and is computed again");
    }
}
