package io.docswarm.agents.draft;

import java.util.regex.Pattern;

/**
 * What a sentence does, read from its wording alone: recommends or asks for a decision, announces a planned
 * action, flags a risk, explains a cause, reports a change, or leans on the sentence before it. The patterns are
 * deliberately narrow: a cue that fires on "as planned" or "a neighbour recommended them" puts past facts under
 * "Next steps", which is worse than missing a cue, because the section can still be filled by heading and topic.
 */
final class SentenceCues {

    /**
     * Recommendations and requests for a decision: modal "should/must", first-person "we recommend/propose",
     * passive "is recommended", "decision needed", and imperatives at the start of a sentence. "Recommended" in
     * the past tense ("a neighbour recommended them") is not one.
     */
    private static final Pattern RECOMMENDS = Pattern.compile("(?i)\\b("
            + "should|must|ought to|has to|have to"
            + "|(we|i|the team|the board|management) (recommend|propose|suggest|advise)s?"
            + "|recommends? (that|a|an|the|to)|(is|are) recommended|(is|are) proposed|(is|are) asked to"
            + "|proposes? (to|that)|decisions? (is |are )?(needed|required)|needs? (a )?decision"
            + "|the next steps? (is|are)|next steps? will"
            + ")\\b"
            + "|^(Approve|Decide|Agree|Confirm|Accept|Publish|Launch|Prioriti[sz]e|Focus|Invest|Hire|Stop|Start|Keep"
            + "|Run|Prepare|Ask|Commit|Defer|Cancel|Escalate)\\s");

    /**
     * A planned action: someone will do something, or a step is scheduled. "Will" followed by an outcome verb
     * ("margin will fall") is a forecast, not a plan, and past forms ("as planned", "was planned") are facts.
     */
    private static final Pattern PLANS = Pattern.compile("(?i)\\b("
            + "(will|shall|(is|are) going to)\\s+(?!(not\\s+)?(fall|rise|drop|decline|grow|increase|decrease|remain"
            + "|be|stay|hurt|cost|lose|slip|shrink|weaken|worsen|improve|continue|need|take|reach|recover)\\b)\\w+"
            + "|plans? to|(is|are) (planned|scheduled) (for|to)|intends? to|aims? to|by the end of"
            + ")\\b");

    /** A conditional outcome ("If the increase holds, margin will fall") is a risk, never an action. */
    private static final Pattern CONDITIONAL = Pattern.compile("(?i)^(if|unless|should)\\b.*\\b(will|would|could|may)\\b.*");

    private static final Pattern RISK = Pattern.compile("(?i)\\b("
            + "risks?|risky|threat\\w*|concern\\w*|uncertain\\w*|exposure|exposed|vulnerab\\w*|headwinds?"
            + "|jeopardi\\w*|shortfall|(could|may|might) (fall|drop|slip|hurt|delay|lose|miss|fail|rise)"
            + ")\\b");

    private static final Pattern CAUSE = Pattern.compile("(?i)\\b("
            + "because|due to|driven by|drove|drivers?|helped by|thanks to|came (mainly |largely |mostly )?from"
            + "|as a result|led by|result of|contributed|reasons?"
            + ")\\b");

    private static final Pattern CHANGE = Pattern.compile("(?i)\\b("
            + "moved|rose|fell|grew|increased|decreased|dropped|declined|slipped|delayed|postponed|missed|exceeded"
            + "|reached|went live|closed|launched|doubled|halved|failed|above plan|below plan"
            + ")\\b");

    /** Standing against a plan is news for a status reader even without a figure ("Spending is above plan"). */
    private static final Pattern AGAINST_PLAN = Pattern.compile("(?i)\\b((above|below|over|under|ahead of|behind)"
            + " (the )?(plan|budget|target|schedule|forecast)|on track|off track)\\b");

    private static final Pattern FIGURE = Pattern.compile("(?i)\\d|percent|\\b(january|february|march|april|may"
            + "|june|july|august|september|october|november|december)\\b");

    /**
     * A sentence whose subject points back to the one before: personal pronouns, "this/these/those" (but not
     * "this year"), definite references such as "The extra cost", and bare quantifiers as subjects ("Both said",
     * "Several said", "Only two added").
     */
    private static final Pattern DEPENDS = Pattern.compile("^("
            + "(They|Them|Their|Theirs|It|Its|He|She|His|Her|Such|The (latter|former|extra|additional|same"
            + "|remaining|resulting))\\b"
            + "|(This|That|These|Those)\\b(?!\\s+(year|quarter|month|week|morning|spring|summer|autumn|fall|winter"
            + "|season|time|year's|quarter's)\\b)"
            + "|(Only\\s+)?(Both|Neither|Either|Several|Many|Most|Some|Others|All|Few|One|Two|Three|Four|Five)"
            + "(\\s+of\\s+(them|these|those))?\\s+(said|say|says|told|reported|added|noted|mentioned|agreed|did|do"
            + "|were|are|had|have|found|chose|bought|wanted|want|asked|knew|felt|preferred)\\b"
            + ")");

    private SentenceCues() {
    }

    /** Recommends, asks for a decision, or announces a planned action: material for "Next steps". */
    static boolean callsForAction(String text) {
        if (CONDITIONAL.matcher(text).matches()) {
            return false;
        }
        return RECOMMENDS.matcher(text).find() || PLANS.matcher(text).find();
    }

    /** Recommends or asks for a decision (stronger than a planned action). */
    static boolean recommends(String text) {
        return !CONDITIONAL.matcher(text).matches() && RECOMMENDS.matcher(text).find();
    }

    static boolean flagsRisk(String text) {
        return RISK.matcher(text).find() || CONDITIONAL.matcher(text).matches();
    }

    static boolean explainsCause(String text) {
        return CAUSE.matcher(text).find();
    }

    /** Reports a dated or quantified change, or where things stand against plan: what a summary leads with. */
    static boolean reportsChange(String text) {
        return CHANGE.matcher(text).find() && FIGURE.matcher(text).find() || AGAINST_PLAN.matcher(text).find();
    }

    /** Opens with a pronoun or demonstrative whose antecedent is in the sentence before. */
    static boolean dependsOnPrevious(String text) {
        return DEPENDS.matcher(text).find();
    }
}
