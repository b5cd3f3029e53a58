package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColumnLabelTest {

    @Test
    void aTrailingOrBracketedUnitIsKeptApartFromTheNoun() {
        ColumnLabel capacity = ColumnLabel.of("Capacity MWh");
        assertEquals("capacity", capacity.phrase());
        assertEquals("MWh", capacity.unit());
        assertEquals("301 MWh", capacity.withUnit("301"));
        ColumnLabel bracketed = ColumnLabel.of("Cost (EUR)");
        assertEquals("Cost", bracketed.subject());
        assertEquals("1,200 EUR", bracketed.withUnit("1,200"));
        assertEquals("", ColumnLabel.of("Revenue").unit());
    }

    @Test
    void onlyOrdinaryCapitalisedWordsAreLowercasedInsideASentence() {
        assertEquals("planned spend", ColumnLabel.of("Planned spend").phrase());
        assertEquals("budget 2027", ColumnLabel.of("Budget 2027").phrase());
        assertEquals("Budget 2027", ColumnLabel.of("Budget 2027").subject());
        assertEquals("Q3 sales", ColumnLabel.of("Q3 Sales").phrase());
        assertEquals("FTE", ColumnLabel.of("FTE").phrase());
    }

    @Test
    void theVerbAgreesWithTheHeadNoun() {
        assertTrue(ColumnLabel.of("Installations").plural());
        assertTrue(ColumnLabel.of("Units sold").plural(), "the participle is not the head");
        assertFalse(ColumnLabel.of("Planned spend").plural());
        assertTrue(ColumnLabel.of("Deals").plural());
        assertFalse(ColumnLabel.of("Revenue").plural());
        assertFalse(ColumnLabel.of("Headcount").plural());
        assertFalse(ColumnLabel.of("Budget 2027").plural());
        assertFalse(ColumnLabel.of("Status").plural());
        assertEquals("total", ColumnLabel.of("Installations").verb("totals", "total"));
        assertEquals("totals", ColumnLabel.of("Capacity MWh").verb("totals", "total"));
    }
}
