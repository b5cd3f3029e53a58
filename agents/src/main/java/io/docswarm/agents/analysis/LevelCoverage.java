package io.docswarm.agents.analysis;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which entities (departments, warehouses) a level's periods hold, where that changes: periods that lack an entity
 * the periods around them have, and entities that start or stop within the data, each keyed by the period's index
 * in the breakdown's time order (the maps iterate in time order), with the entities as a reader names them and their
 * level then. An entity that reports every few periods (quarterly in monthly data) starts or stops only where it
 * misses more than its own interval at the data's start or end; a running balance's account keeps its balance
 * without postings, so it never stops; an entity at a level of 0 adds nothing, so it is not named.
 *
 * @param gaps       periods that lack some entity counted before and after them (or, the latest, in the period
 *                   before it): a department whose March headcount is not in yet makes March no comparable month
 * @param arrivals   the first period of entities the first period with data does not have: a new department's
 *                   headcount adds to the total from then on, which is no growth of the others
 * @param departures the last period of entities the latest period (and the one before it) does not have
 * @param brief      the one period of entities that both start and stop there (a temporary team in March only)
 */
record LevelCoverage(SortedMap<Integer, List<String>> gaps, SortedMap<Integer, List<Named>> arrivals,
                     SortedMap<Integer, List<Named>> departures, SortedMap<Integer, List<Named>> brief) {

    /** The coverage of a measure that is no level by time: nothing to say. */
    static final LevelCoverage NONE = new LevelCoverage(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>());

    /** An entity as a reader names it, and its level in the period it is listed under. */
    record Named(String name, double value) {
    }

    LevelCoverage {
        gaps = Collections.unmodifiableSortedMap(new TreeMap<>(gaps));
        arrivals = Collections.unmodifiableSortedMap(new TreeMap<>(arrivals));
        departures = Collections.unmodifiableSortedMap(new TreeMap<>(departures));
        brief = Collections.unmodifiableSortedMap(new TreeMap<>(brief));
    }
}
