package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeasurePairTest {

    @Test
    void planWordsPairWithOutcomeWordsWhicheverComesFirst() {
        assertEquals(Optional.of(new MeasurePair(0, 1, MeasurePair.Kind.PLAN)),
                MeasurePair.find(List.of("Planned spend", "Actual spend")));
        assertEquals(Optional.of(new MeasurePair(2, 1, MeasurePair.Kind.PLAN)),
                MeasurePair.find(List.of("Units", "Achieved", "Target")));
        assertEquals(Optional.of(new MeasurePair(0, 1, MeasurePair.Kind.PLAN)),
                MeasurePair.find(List.of("Budget", "Forecast")));
    }

    @Test
    void theEarlierPeriodIsTheReference() {
        assertEquals(Optional.of(new MeasurePair(1, 0, MeasurePair.Kind.PERIOD)),
                MeasurePair.find(List.of("Budget 2027", "Budget 2026", "Headcount")));
        assertEquals(Optional.of(new MeasurePair(0, 1, MeasurePair.Kind.PERIOD)),
                MeasurePair.find(List.of("2026", "2027")));
        assertEquals(Optional.of(new MeasurePair(0, 1, MeasurePair.Kind.PERIOD)),
                MeasurePair.find(List.of("Revenue Q1", "Revenue Q2")));
    }

    @Test
    void beforeAndAfterWordsAreTheFallback() {
        assertEquals(Optional.of(new MeasurePair(1, 0, MeasurePair.Kind.BEFORE_AFTER)),
                MeasurePair.find(List.of("New price", "Old price")));
    }

    @Test
    void unrelatedMeasuresAreNoPair() {
        assertEquals(Optional.empty(), MeasurePair.find(List.of("Revenue", "Units", "Deals")));
        assertEquals(Optional.empty(), MeasurePair.find(List.of("Revenue 2026", "Units 2027")));
        assertEquals(Optional.empty(), MeasurePair.find(List.of("Revenue North", "Revenue South")));
    }
}
