package io.docswarm.agents.analysis;

import java.util.List;
import java.util.Map;

/**
 * Which entities (departments, warehouses) a level's periods hold, where that changes: periods that lack an entity
 * the periods around them have, and entities that start or stop within the data, each keyed by the period's index
 * in the breakdown's time order, with the entities as a reader names them and their level then.
 *
 * @param gaps       periods that lack some entity counted before and after them (or, the latest, in the period
 *                   before it): a department whose March headcount is not in yet makes March no comparable month
 * @param arrivals   the first period of entities the first period with data does not have: a new department's
 *                   headcount adds to the total from then on, which is no growth of the others
 * @param departures the last period of entities the latest period (and the one before it) does not have
 */
record LevelCoverage(Map<Integer, List<String>> gaps, Map<Integer, List<Named>> arrivals,
                     Map<Integer, List<Named>> departures) {

    /** The coverage of a measure that is no level by time: nothing to say. */
    static final LevelCoverage NONE = new LevelCoverage(Map.of(), Map.of(), Map.of());

    /** An entity as a reader names it, and its level in the period it is listed under. */
    record Named(String name, double value) {
    }

    LevelCoverage {
        gaps = Map.copyOf(gaps);
        arrivals = Map.copyOf(arrivals);
        departures = Map.copyOf(departures);
    }
}
