package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wording cues are narrow: past facts and reported speech are not recommendations or plans. */
class SentenceCuesTest {

    @Test
    void recommendationsAndPlannedActionsCallForAction() {
        assertTrue(SentenceCues.callsForAction(
                "The steering committee should approve the new Lyon date and the change request at its next meeting."));
        assertTrue(SentenceCues.callsForAction("We recommend publishing the winter allocation to dealers."));
        assertTrue(SentenceCues.callsForAction("The project team will run a third end-to-end test on 8 January."));
        assertTrue(SentenceCues.callsForAction("The next step is a pilot with 200 households in southern Sweden."));
        assertTrue(SentenceCues.callsForAction("Approve the change request before the December freeze."));
    }

    @Test
    void pastFactsReportedSpeechAndForecastsDoNot() {
        assertFalse(SentenceCues.callsForAction(
                "The Ghent site went live on 3 November as planned, and order picking has run without incident."));
        assertFalse(SentenceCues.callsForAction(
                "Three interviewees said they chose their installer mainly because a neighbour recommended them."));
        assertFalse(SentenceCues.callsForAction(
                "If the increase holds, gross margin on the Summit backpack line will fall by about two points."));
        assertFalse(SentenceCues.callsForAction("Spending is slightly above plan."));
    }

    @Test
    void conditionalOutcomesAndNamedRisksAreRisks() {
        assertTrue(SentenceCues.flagsRisk("If the increase holds, gross margin will fall by about two points."));
        assertTrue(SentenceCues.flagsRisk("Currency remains a risk for the Nordic regions."));
        assertFalse(SentenceCues.flagsRisk("Returns stayed below four percent across all channels."));
    }

    @Test
    void sentencesOpeningWithAPointerBackDependOnTheirPredecessor() {
        assertTrue(SentenceCues.dependsOnPrevious("They rarely sell directly to households."));
        assertTrue(SentenceCues.dependsOnPrevious("Their offers combine a battery with a dynamic contract."));
        assertTrue(SentenceCues.dependsOnPrevious("This model removes the need to understand spot prices."));
        assertTrue(SentenceCues.dependsOnPrevious("Both said that late allocation cost them shelf space."));
        assertTrue(SentenceCues.dependsOnPrevious("The extra cost comes from weekend support."));
        assertFalse(SentenceCues.dependsOnPrevious("This year the North region grew fastest."));
        assertFalse(SentenceCues.dependsOnPrevious("Theory and practice differ."));
        assertFalse(SentenceCues.dependsOnPrevious("Global brands compete on warranty length."));
    }

    @Test
    void datedChangesAreNews() {
        assertTrue(SentenceCues.reportsChange("The Lyon go-live has moved from 12 January to 26 January."));
        assertTrue(SentenceCues.reportsChange("Spending is slightly above plan."));
        assertFalse(SentenceCues.reportsChange("Project Atlas replaces the warehouse management system."));
    }
}
