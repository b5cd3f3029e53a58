package io.docswarm.agents.draft;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small least-recently-used cache shared by the threads of one JVM, for work that parts drafted in parallel
 * would otherwise each repeat (a job's ranking, its sentence allocation, its known numbers). Each key's value is
 * computed once, under that key's own lock: threads asking for the same key wait for the one computing it, while
 * threads asking for other keys do not wait at all.
 */
public final class BoundedCache<K, V> {

    private final Map<K, Slot<V>> slots;

    /** Keeps the {@code capacity} most recently used keys. */
    public BoundedCache(int capacity) {
        this.slots = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Slot<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value for {@code key}, computed by {@code compute} if no thread has yet. */
    public V get(K key, Supplier<V> compute) {
        Slot<V> slot;
        synchronized (slots) {
            slot = slots.computeIfAbsent(key, k -> new Slot<>());
        }
        return slot.value(compute);
    }

    private static final class Slot<V> {
        private V value;

        synchronized V value(Supplier<V> compute) {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
