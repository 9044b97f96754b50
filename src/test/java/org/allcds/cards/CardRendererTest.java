package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleInfo;
import org.allcds.facts.ClinicalInput;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.DiagnosisGap;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.Finding;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.GeneticSubtype;
import org.allcds.facts.Indicator;
import org.allcds.facts.MarrowBlasts;
import org.allcds.facts.Mrd;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.NotApplicableReason;
import org.allcds.facts.Relapse;
import org.allcds.facts.RelapseSite;
import org.allcds.facts.UnclassifiedRelapse;
import org.allcds.facts.ValueBound;
import org.allcds.facts.WbcAtDiagnosis;
import org.allcds.fixtures.ThisBuild;
import org.allcds.hooks.Card;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CardRendererTest {

    private static final String HASH = "ab".repeat(32);
    private final CardRenderer renderer = new CardRenderer(new CardProperties("ALL-CDS", "https://all-cds.org"), SuggestionFactory.NONE);
    private final CardRenderer.Context context = new CardRenderer.Context("1.2.3", HASH,
            new EvaluationTime(LocalDate.of(2024, 7, 18), "2024-07-18"), "p1");

    private static final RuleInfo NCI = new RuleInfo("R-DX-03", "1.0.0", "NCI PDQ", "https://www.cancer.gov/x", null,
            "R-DX-03 NCI high risk by WBC", "org.allcds.rules.risk", "risk/nci.drl");
    private static final WbcAtDiagnosis WBC = new WbcAtDiagnosis(new BigDecimal("50.0"), LocalDate.of(2024, 5, 6), "Observation/<b>wbc|1");

    private static ExplainedFinding explained(Finding f) {
        return new ExplainedFinding(f, List.of(NCI), List.of(WBC));
    }

    private static AllCdsExtension ext(Card card) {
        return (AllCdsExtension) card.extension().get(AllCdsExtension.KEY);
    }

    @Test
    void findingsOfOneCardKey_shareOneCard_withTheHighestPrioritySummary() {
        List<Card> cards = renderer.render(List.of(
                explained(Finding.of("nci-risk", "NCI", "HIGH").onCard("risk").withSummary("NCI high risk", 1)),
                explained(Finding.of("risk-group", "COG_AALL08B1", "HIGH").onCard("risk").withSummary("COG high risk: intensify", 5))), context);

        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.summary()).isEqualTo("COG high risk: intensify");
            assertThat(ext(card).findings()).extracting(AllCdsExtension.FindingView::type).containsExactly("risk-group", "nci-risk");
            assertThat(card.source().label()).isEqualTo("ALL-CDS rules 1.2.3 (COG AALL08B1, NCI/Rome)");
            assertThat(card.source().url()).isEqualTo("https://www.cancer.gov/x");
        });
    }

    @Test
    void everyCard_carriesTheContractExtension_andAUuid() {
        Card card = renderer.render(List.of(explained(Finding.of("nci-risk", "NCI", "HIGH"))), context).get(0);

        assertThat(UUID.fromString(card.uuid())).isNotNull();
        AllCdsExtension ext = ext(card);
        assertThat(ext.rules()).containsExactly(new AllCdsExtension.RuleView("R-DX-03", "1.0.0", "NCI PDQ"));
        assertThat(ext.ruleSet()).isEqualTo(new AllCdsExtension.RuleSetView("1.2.3", HASH));
        assertThat(ext.inputs()).containsExactly(new AllCdsExtension.InputView("wbcAtDiagnosis", "50.0 x10^9/L", "2024-05-06", "Observation/<b>wbc|1"));
        assertThat(ext.evaluationTime()).isEqualTo("2024-07-18");
    }

    /** Findings depend on the service's code too, not only on the rule set: every card names the build that made it. */
    @Test
    void everyCard_namesTheServiceVersionAndBuild_inItsExtension() {
        Card card = renderer.render(List.of(explained(Finding.of("nci-risk", "NCI", "HIGH"))), context).get(0);

        JsonNode extension = JsonMapper.builder().build().valueToTree(card).path("extension").path("org.allcds");
        ThisBuild.assertNamedBy(extension.path("serviceBuild"));
    }

    @Test
    void becauseLines_sayCodesInClinicalWords_theExtensionKeepsTheCodes() {
        Relapse relapse = new Relapse(LocalDate.of(2019, 8, 20), RelapseSite.ISOLATED_CNS, 1, false, "Observation/r");
        GeneticFinding genetics = new GeneticFinding(GeneticSubtype.ETV6_RUNX1, true, LocalDate.of(2015, 2, 12), "Observation/g");
        DataQualityIssue conflict = new DataQualityIssue("conflicting-results", "Condition.code", "Condition/c");
        Card card = renderer.render(List.of(new ExplainedFinding(Finding.of("relapse-stratum", "COG_AALL1331", "LOW")
                .withSummary("COG low"), List.of(NCI), List.of(relapse, genetics, conflict))), context).get(0);

        assertThat(card.detail()).contains("- Relapse: 2019-08-20, isolated CNS, relapse 1")
                .contains("- Genetics: ETV6::RUNX1 (2015-02-12)").contains("- Not used: Condition, conflicting codes")
                .doesNotContain("isolated-cns", "etv6-runx1", "conflicting-results", "Condition.code");
        assertThat(ext(card).inputs()).extracting(AllCdsExtension.InputView::value)
                .contains("2019-08-20, isolated-cns, relapse 1", "etv6-runx1", "conflicting-results: Condition.code");
    }

    @Test
    void summary_isCutBelow140Characters() {
        Card card = renderer.render(List.of(explained(Finding.of("nci-risk", "NCI", "HIGH").withSummary("x".repeat(300)))), context).get(0);
        assertThat(card.summary()).hasSizeLessThan(140).endsWith("…");
    }

    /**
     * The "Missing" line names the ALL diagnosis record, not its date, by what the rule set on its finding, never by the
     * summary's words: a summary reworded keeps the line, one that only happens to say those words changes nothing.
     */
    @Test
    void theMissingLine_namesTheDiagnosisRecordByTheFindingsGap_notByTheSummarysWords() {
        Finding missing = Finding.of("missing-data", "diagnosis-date").withSummary("No ALL diagnosis on the chart", 8);

        assertThat(detailOf(missing.withDiagnosisGap(DiagnosisGap.NOT_RECORDED))).contains("**Missing:** ALL diagnosis.");
        assertThat(detailOf(missing.withDiagnosisGap(DiagnosisGap.NOT_CONFIRMED)))
                .contains("**Missing:** confirmed ALL diagnosis.");
        assertThat(detailOf(missing.withSummary(DiagnosisGap.NOT_RECORDED.words() + ": no timing", 8)))
                .contains("**Missing:** diagnosis date.");
    }

    private String detailOf(Finding f) {
        return renderer.render(List.of(explained(f)), context).get(0).detail();
    }

    @Test
    void detail_leadsWithTheConclusion_thenBecauseInputs_rulesOnce_ruleSetTimeAndDisclaimer() {
        RuleInfo sameIdOtherPart = new RuleInfo("R-DX-03", "1.0.0", "NCI PDQ: report", "https://www.cancer.gov/x", null,
                "R-DX-03 report NCI high risk", "org.allcds.rules.risk", "risk/nci.drl");
        Card card = renderer.render(List.of(new ExplainedFinding(Finding.of("nci-risk", "NCI", "HIGH")
                .withSummary("NCI high risk").withNote("Treat as <b>high</b> *risk*."), List.of(NCI, sameIdOtherPart), List.of(WBC))), context).get(0);

        assertThat(card.detail()).isEqualTo("""
                Treat as \\<b>high\\</b> \\*risk\\*.

                **Because:**
                - WBC at diagnosis: 50.0 x10^9/L (2024-05-06)

                Rules: R-DX-03 · rule set 1.2.3 · evaluated 2024-07-18.

                _%s_""".formatted(CardDetail.DISCLAIMER));
        // the rule's source is named by the card's link, not again on the line
        assertThat(card.links()).extracting(org.allcds.hooks.Link::label).containsExactly("NCI PDQ");
    }

    @Test
    void notApplicableFindings_joinTheMainCardsExtension_neverItsSummaryOrIndicator() {
        List<Card> cards = renderer.render(List.of(
                explained(Finding.of("relapse-stratum", "COG_AALL1331", "HIGH").withSummary("COG high risk relapse", 20)),
                explained(Finding.of("cart-eligibility", "FDA", "NOT_MET").withIndicator(Indicator.WARNING)
                        .withSummary("CAR-T label criteria not met: first relapse", 30).withReasonWords("first relapse"))),
                context);

        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.summary()).isEqualTo("COG high risk relapse");
            assertThat(card.indicator()).isEqualTo("info");
            assertThat(ext(card).findings()).extracting(AllCdsExtension.FindingView::value).containsExactly("HIGH", "NOT_MET");
            assertThat(card.detail()).contains("**Not applicable:** CAR-T label (FDA): first relapse.");
            assertThat(card.source().topic().code()).isEqualTo("relapse-classification");
        });
    }

    @Test
    void anExtensionOnlyFinding_isInTheHostsExtension_withItsInputs_butNeverInItsText() {
        DataQualityIssue copy = new DataQualityIssue("duplicate-resource", "2 copies, counted once", "Observation/m",
                "End-of-block-1 MRD (2019-09-24)");
        List<Card> cards = renderer.render(List.of(
                explained(Finding.of("relapse-stratum", "COG_AALL1331", "LOW").withSummary("COG low risk relapse", 20)),
                new ExplainedFinding(Finding.of("data-quality", "duplicate-resource").withIndicator(Indicator.WARNING)
                        .withSummary("Data quality: a record sent more than once", 60).inExtensionOnly(),
                        List.of(rule("R-DATA-03", null)), List.of(copy))), context);

        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.summary()).isEqualTo("COG low risk relapse");
            assertThat(card.indicator()).isEqualTo("info");
            assertThat(card.detail()).doesNotContain("copy", "R-DATA-03", "Not applicable", "Data quality");
            assertThat(ext(card).findings()).extracting(AllCdsExtension.FindingView::value)
                    .containsExactly("LOW", "duplicate-resource");
            assertThat(ext(card).inputs()).extracting(AllCdsExtension.InputView::reference).contains("Observation/m");
            assertThat(ext(card).rules()).extracting(AllCdsExtension.RuleView::id).contains("R-DATA-03");
        });
    }

    @Test
    void extensionOnlyFindings_makeNoCardAlone_andRideWithNotApplicableOnes() {
        ExplainedFinding quiet = explained(Finding.of("data-quality", "code-not-recognised")
                .withSummary("Data quality: a value not in a recognised code was not used", 6).inExtensionOnly());

        assertThat(renderer.render(List.of(quiet), context)).isEmpty();
        assertThat(renderer.render(List.of(quiet, explained(Finding.of("relapse-stratum", "BFM_ALLREZ2002",
                "NOT_APPLICABLE").withSummary("BFM stratum not applicable"))), context)).singleElement().satisfies(card -> {
                    assertThat(card.summary()).isEqualTo("BFM stratum not applicable");
                    assertThat(ext(card).findings()).extracting(AllCdsExtension.FindingView::value)
                            .containsExactly("NOT_APPLICABLE", "code-not-recognised");
                });
    }

    @Test
    void aDecisionOfItsOwn_getsItsOwnCard_andHostsNotApplicableFindingsWhenThereIsNoMainCard() {
        List<Card> cards = renderer.render(List.of(
                explained(Finding.of("cart-eligibility", "FDA", "MET").onCard("cart").withIndicator(Indicator.WARNING).withSummary("CAR-T met")),
                explained(Finding.of("relapse-stratum", "COG_AALL1331", "NOT_APPLICABLE").withSummary("COG stratum n/a"))), context);

        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.summary()).isEqualTo("CAR-T met");
            assertThat(card.source().topic().code()).isEqualTo("cart-label");
            assertThat(ext(card).findings()).extracting(AllCdsExtension.FindingView::value).containsExactly("MET", "NOT_APPLICABLE");
        });
    }

    @Test
    void onlyNotApplicableFindings_stillReachTheEhrOnTheMainCard() {
        assertThat(renderer.render(List.of(explained(Finding.of("relapse-stratum", "BFM_ALLREZ2002", "NOT_APPLICABLE")
                .withSummary("BFM stratum not applicable"))), context))
                .singleElement().extracting(Card::summary).isEqualTo("BFM stratum not applicable");
    }

    @Test
    void twoSchemesOnTheMainCard_standSideBySide_primaryFirst() {
        Card card = renderer.render(List.of(
                explained(Finding.of("relapse-stratum", "COG_AALL1331", "HIGH").withSummary("COG high", 21)),
                explained(Finding.of("relapse-stratum", "BFM_ALLREZ2002", "S2").withSummary("BFM S2", 20)),
                explained(Finding.of("hsct-indication", "BFM_ALLREZ2002", "NOT_INDICATED").withSummary("no HSCT", 10)),
                explained(Finding.of("relapse-timing", "COG", "EARLY"))), context).get(0);

        assertThat(card.detail()).contains("""
                | | COG (primary) | BFM |
                |---|---|---|
                | Timing | early | – |
                | Stratum | high | S2 |
                | HSCT | – | not indicated |""");
    }

    @Test
    void aDraftOrdersCheck_isNotATableColumn_theRelapseSchemesAre() {
        Card card = renderer.render(List.of(
                explained(Finding.of("order-check", "HSCT_REFERRAL", "NOT_INDICATED").onCard("order:ServiceRequest/h")
                        .withSummary("HSCT referral: HSCT not indicated by BFM and COG", 30)),
                explained(Finding.of("hsct-indication", "COG_AALL1331", "NOT_INDICATED").onCard("order:ServiceRequest/h")
                        .withSummary("no HSCT (COG)", 21)),
                explained(Finding.of("hsct-indication", "BFM_ALLREZ2002", "NOT_INDICATED").onCard("order:ServiceRequest/h")
                        .withSummary("no HSCT (BFM)", 20))), context).get(0);

        assertThat(card.detail()).contains("""
                | | COG (primary) | BFM |
                |---|---|---|
                | HSCT | not indicated | not indicated |""").doesNotContain("Order check");
        assertThat(card.source().topic().code()).isEqualTo("hsct-referral-check");
    }

    private static final String AGE_26 = "age 26 years: the label covers patients up to 25 years";

    @Test
    void aNotMetInTheTable_keepsItsReason_butTheCardsOwnIsNotRepeated() {
        // a second relapse at 26: both strata "not applicable" (the card's note says why), CAR-T "not met" in the table
        Card card = renderer.render(List.of(
                explained(Finding.of("relapse-stratum", "COG_AALL1331", "NOT_APPLICABLE")
                        .withSummary("COG first-relapse stratum not applicable: second or later relapse", 21).withNote("Second relapse.")),
                explained(Finding.of("relapse-stratum", "BFM_ALLREZ2002", "NOT_APPLICABLE")
                        .withSummary("BFM first-relapse stratum not applicable: second or later relapse", 20)),
                explained(Finding.of("cart-eligibility", "FDA", "NOT_MET")
                        .withSummary("CAR-T label criteria not met: " + AGE_26, 2).withReasonWords(AGE_26)),
                explained(Finding.of("cart-eligibility", "EMA", "NOT_MET")
                        .withSummary("CAR-T label criteria not met: " + AGE_26, 2).withReasonWords(AGE_26))),
                context).get(0);

        assertThat(card.detail()).contains("| CAR-T label |")
                .contains("**Not applicable:** CAR-T label (EMA, FDA): age 26 years: the label covers patients up to 25 years.")
                .doesNotContain("Stratum (BFM)");
    }

    @Test
    void aCheckThatLacksAnInput_isNotChecked_notNotApplicable() {
        RuleInfo cart = new RuleInfo("R-TX-CART-01", "1.0.0", "FDA approval summary", null, null,
                "R-TX-CART-01 label criteria not checked: age not known", "org.allcds.rules.eligibility", "eligibility/cart-label.drl");
        Card card = renderer.render(List.of(
                explained(Finding.of("missing-data", "birth-date").withSummary("Birth date missing", 5)),
                new ExplainedFinding(Finding.of("cart-eligibility", "FDA", "NOT_MET").withMissing("birth-date")
                        .withSummary("CAR-T label not checked: birth date not recorded", 2)
                        .withReasonWords("birth date not recorded"), List.of(cart), List.of())),
                context).get(0);

        assertThat(card.detail()).contains("**Not checked:** CAR-T label (FDA): birth date not recorded.")
                .doesNotContain("Not applicable");
    }

    @Test
    void anInputTheRecordHasButCannotUse_isAskedForAsWhatIsWrongWithIt_neverAsMissing() {
        DataQualityIssue misdated = new DataQualityIssue("relapse-before-diagnosis", "Observation.effective[x]", "Observation/r1");
        Card card = renderer.render(List.of(new ExplainedFinding(Finding.of("order-check", "BLINATUMOMAB", "INDETERMINATE")
                .withMissing("relapse-date", "relapse-end-block1-blasts").withSummary("Blinatumomab order could not be checked", 30),
                List.of(), List.of(misdated))), context).get(0);

        assertThat(card.detail()).contains("**Missing:** plausible relapse date, exact end-of-block-1 marrow blasts.");
    }

    @Test
    void theRulesLine_namesTheRulesOfNotApplicableLinesToo() {
        RuleInfo stratum = new RuleInfo("R-RR-C2", "1.0.0", "COG AALL1331", null, null,
                "R-RR-C2 early relapse high risk", "org.allcds.rules.relapse", "relapse/cog-stratum.drl");
        RuleInfo cart = new RuleInfo("R-TX-CART-01", "1.0.0", "FDA approval summary", null, null,
                "R-TX-CART-01 label not met: first relapse", "org.allcds.rules.eligibility", "eligibility/cart-label.drl");
        Card card = renderer.render(List.of(
                new ExplainedFinding(Finding.of("relapse-stratum", "COG_AALL1331", "HIGH").withSummary("COG high risk relapse", 20),
                        List.of(stratum), List.of()),
                new ExplainedFinding(Finding.of("cart-eligibility", "FDA", "NOT_MET")
                        .withSummary("CAR-T label criteria not met: first relapse", 2).withReasonWords("first relapse"),
                        List.of(cart), List.of())),
                context).get(0);

        assertThat(card.detail()).contains("**Not applicable:** CAR-T label (FDA): first relapse.")
                .contains("Rules: R-RR-C2 (COG AALL1331); R-TX-CART-01 (FDA approval summary) · rule set 1.2.3");
    }

    private static final RuleInfo CART = new RuleInfo("R-TX-CART-01", "1.0.0", "FDA approval summary", null, null,
            "R-TX-CART-01 label criteria not met: disease course", "org.allcds.rules.eligibility", "eligibility/cart-label.drl");
    private static final RuleInfo STRATA = new RuleInfo("R-REL-07", "1.0.0", "Brown PA et al.", null, null,
            "R-REL-07 report strata not applicable", "org.allcds.rules.relapse", "relapse/relapse-stratum.drl");

    private static ExplainedFinding cartNotMet(String scheme, String reason, NotApplicableReason... why) {
        return new ExplainedFinding(Finding.of("cart-eligibility", scheme, "NOT_MET").because(List.of(why), reason)
                .withSummary("CAR-T label criteria not met: " + reason, 2), List.of(CART), List.of());
    }

    private static ExplainedFinding strataNotApplicable(String scheme, String reason, NotApplicableReason... why) {
        return new ExplainedFinding(Finding.of("relapse-stratum", scheme, "NOT_APPLICABLE").because(List.of(why), reason)
                .withSummary(scheme + " first-relapse stratum not applicable: " + reason, 20), List.of(STRATA), List.of());
    }

    /**
     * A "not met" whose rule gives no words for its reasons is said by its value: its summary, which may lead with
     * anything, is never read back for them.
     */
    @Test
    void aNotMetEntry_withoutReasonWords_isSaidByItsValue_neverByItsSummary() {
        Card card = renderer.render(List.of(
                explained(Finding.of("refractory", "PRESENT").withSummary("Refractory relapse", 30)),
                new ExplainedFinding(Finding.of("cart-eligibility", "FDA", "NOT_MET")
                        .withSummary("A headline of its own: other words", 2), List.of(CART), List.of())), context).get(0);

        assertThat(card.detail()).contains("**Not applicable:** CAR-T label (FDA): not met.").doesNotContain("other words");
    }

    /**
     * What the relapse number alone rules out (the CAR-T label at a first relapse that is not refractory) is no entry of
     * the "Not applicable" line, which keeps every other reason; its finding stays in the extension and its rule on the
     * "Rules:" line.
     */
    @Test
    void aNotApplicableEntry_whoseOnlyReasonIsTheRelapseNumber_isLeftOut_itsFindingAndRuleStay() {
        Card card = renderer.render(List.of(
                explained(Finding.of("relapse-timing", "COG", "LATE").withSummary("Late first relapse", 20)),
                strataNotApplicable("COG_AALL1331", "relapse after allogeneic HSCT", NotApplicableReason.POST_HSCT),
                cartNotMet("FDA", "first relapse, not refractory", NotApplicableReason.RELAPSE_NUMBER)), context).get(0);

        assertThat(card.detail()).contains("**Not applicable:** Stratum (COG): relapse after allogeneic HSCT.")
                .doesNotContain("first relapse, not refractory").containsPattern("(?m)^Rules: .*R-TX-CART-01");
        assertThat(ext(card).findings()).extracting(AllCdsExtension.FindingView::type, AllCdsExtension.FindingView::value)
                .contains(org.assertj.core.groups.Tuple.tuple("cart-eligibility", "NOT_MET"));
        assertThat(ext(card).rules()).extracting(AllCdsExtension.RuleView::id).contains("R-TX-CART-01");
    }

    /** The same words without the typed reason are listed: the card decides by the reason, never by the words. */
    @Test
    void theRoutineEntry_isDecidedByItsTypedReason_notByItsWords() {
        Card card = renderer.render(List.of(
                explained(Finding.of("relapse-timing", "COG", "LATE").withSummary("Late first relapse", 20)),
                cartNotMet("FDA", "first relapse, not refractory")), context).get(0);

        assertThat(card.detail()).contains("**Not applicable:** CAR-T label (FDA): first relapse, not refractory.");
    }

    /** A second relapse after HSCT: the relapse number is one reason among others, and the entry stays whole. */
    @Test
    void aNotApplicableEntry_withAReasonBesideTheRelapseNumber_stays() {
        Card card = renderer.render(List.of(
                explained(Finding.of("cart-eligibility", "FDA", "MET").onCard("cart").withSummary("CAR-T met", 12)),
                strataNotApplicable("COG_AALL1331", "relapse after allogeneic HSCT; second or later relapse",
                        NotApplicableReason.POST_HSCT, NotApplicableReason.RELAPSE_NUMBER),
                strataNotApplicable("BFM_ALLREZ2002", "second or later relapse", NotApplicableReason.RELAPSE_NUMBER)),
                context).get(0);

        assertThat(card.detail())
                .contains("**Not applicable:** Stratum (COG): relapse after allogeneic HSCT; second or later relapse.")
                .doesNotContain("Stratum (BFM)").containsPattern("(?m)^Rules: .*R-REL-07");
    }

    /**
     * A card whose headline is the routine finding (a second relapse: both first-relapse strata not applicable, nothing
     * else to say) keeps it: its summary and note say the reason, no table row says it again; only other reasons join
     * the line.
     */
    @Test
    void aCardWhoseHeadlineIsTheRoutineFinding_keepsItsReason() {
        Card card = renderer.render(List.of(
                new ExplainedFinding(Finding.of("relapse-stratum", "COG_AALL1331", "NOT_APPLICABLE")
                        .because(NotApplicableReason.RELAPSE_NUMBER)
                        .withSummary("COG first-relapse stratum not applicable: second or later relapse", 21)
                        .withNote("Not applicable: second or later relapse."), List.of(STRATA), List.of()),
                strataNotApplicable("BFM_ALLREZ2002", "second or later relapse", NotApplicableReason.RELAPSE_NUMBER),
                cartNotMet("FDA", "CD19-negative disease", NotApplicableReason.CD19_NEGATIVE)), context).get(0);

        assertThat(card.summary()).isEqualTo("COG first-relapse stratum not applicable: second or later relapse");
        assertThat(card.detail()).startsWith("Not applicable: second or later relapse.")
                .doesNotContain("| Stratum |")
                .contains("**Not applicable:** CAR-T label (FDA): CD19-negative disease.");
    }

    /**
     * A not-applicable finding whose summary is a headline of its own (a later relapse's "Second relapse: CAR-T label not
     * met …") gives the words of its reasons apart: where it is an entry of another card's line, the line says those.
     */
    @Test
    void aNotApplicableEntry_saysTheReasonWordsItsRuleGives_notItsHeadline() {
        Card card = renderer.render(List.of(
                explained(Finding.of("refractory", "PRESENT").withSummary("Refractory relapse", 30)),
                new ExplainedFinding(Finding.of("relapse-stratum", "COG_AALL1331", "NOT_APPLICABLE")
                        .because(List.of(NotApplicableReason.RELAPSE_NUMBER, NotApplicableReason.REFRACTORY),
                                "second or later relapse; refractory relapse")
                        .withSummary("Second relapse: CAR-T label not met (age 26 years); discuss with a centre", 21),
                        List.of(STRATA), List.of())), context).get(0);

        assertThat(card.detail()).contains("**Not applicable:** Stratum (COG): second or later relapse; refractory relapse.")
                .doesNotContain("CAR-T label not met");
    }

    /**
     * A CAR-T order's card rests on the label checks a rule put on it: there the label not met at a first relapse is
     * what the card is about, and stays on its line.
     */
    @Test
    void aRoutineEntry_thatARulePutOnACardOfItsOwn_stays() {
        String orderCard = "order:MedicationRequest/cart-1";
        Card card = renderer.render(List.of(
                explained(Finding.of("order-check", "CART_PRODUCT", "INDETERMINATE").onCard(orderCard)
                        .withMissing("lineage").withSummary("CAR-T order could not be checked: lineage not recorded", 30)),
                new ExplainedFinding(Finding.of("cart-eligibility", "FDA", "NOT_MET").onCard(orderCard)
                        .because(List.of(NotApplicableReason.RELAPSE_NUMBER), "first relapse, not refractory")
                        .withSummary("CAR-T label criteria not met: first relapse, not refractory", 2), List.of(CART), List.of())),
                context).get(0);

        assertThat(card.detail()).contains("**Not applicable:** CAR-T label (FDA): first relapse, not refractory.");
    }

    /**
     * A source is named once: by the card's link, or on the "Rules:" line. The ids of linked sources lead the line
     * without it; the data contract, which the card's data-quality lines already speak for, is not a clinical source
     * and stays in the extension. Every rule id, the rule set and the evaluation time stay on the line.
     */
    @Test
    void theRulesLine_namesASourceOnce_byItsLinkOrOnTheLine_andEveryRuleId() {
        RuleInfo stratum = new RuleInfo("R-RR-C4", "1.0.0", "ASH table 'Risk stratification schemes' (COG): late relapse",
                "https://ash.example", null, "R-RR-C4 late low", "org.allcds.rules.relapse", "relapse/cog-stratum.drl");
        RuleInfo timing = new RuleInfo("R-REL-02", "1.0.0", "COG; CCG-1952 (Blood 2004;104(11):520)", null, null,
                "R-REL-02 late", "org.allcds.rules.relapse", "relapse/timing.drl");
        RuleInfo site = new RuleInfo("R-REL-01", "1.0.0", "Blood 2007;110(12):4022 (isolated extramedullary)",
                "https://blood.example", null, "R-REL-01 site", "org.allcds.rules.relapse", "relapse/site.drl");
        RuleInfo dataQuality = new RuleInfo("R-DATA-03", "1.0.0", "ALL-CDS data contract §4 (data-quality findings)",
                null, null, "R-DATA-03 relapse", "org.allcds.rules.common", "common/data-quality.drl");
        Card card = renderer.render(List.of(
                new ExplainedFinding(Finding.of("relapse-stratum", "COG_AALL1331", "LOW").withSummary("COG low risk", 20),
                        List.of(stratum, site, timing), List.of()),
                new ExplainedFinding(Finding.of("data-quality", "code-not-recognised").withSummary("Code not recognised", 1),
                        List.of(dataQuality), List.of())), context).get(0);

        assertThat(card.links()).extracting(org.allcds.hooks.Link::label).containsExactly("ASH table", "Blood 2007");
        assertThat(card.detail()).contains(
                "Rules: R-DATA-03, R-REL-01, R-RR-C4; R-REL-02 (COG, CCG-1952) · rule set 1.2.3 · evaluated 2024-07-18.")
                .doesNotContain("data contract");
        assertThat(ext(card).rules()).extracting(AllCdsExtension.RuleView::source)
                .contains("ALL-CDS data contract §4 (data-quality findings)");
    }

    @Test
    void atMostTwoLinks_andTheServicesOverrideReasons() {
        List<ExplainedFinding> threeSources = List.of(new ExplainedFinding(Finding.of("nci-risk", "NCI", "HIGH"),
                List.of(NCI, rule("R-A", "https://a.example"), rule("R-B", "https://b.example")), List.of()));
        CardRenderer.Context withReasons = new CardRenderer.Context("1.2.3", HASH, context.evaluationTime(), "p1",
                List.of(new org.allcds.hooks.Coding("https://all-cds.org/fhir/CodeSystem/override-reason", "record-incomplete", "Record incomplete")));

        Card card = renderer.render(threeSources, withReasons).get(0);

        // the top finding's rules in the order the evaluation gives them (its deciding rule first), two links at most
        assertThat(card.links()).extracting(org.allcds.hooks.Link::url)
                .containsExactly("https://www.cancer.gov/x", "https://a.example");
        assertThat(card.source().url()).isEqualTo("https://www.cancer.gov/x");
        assertThat(card.overrideReasons()).containsExactly(new org.allcds.hooks.Coding(
                "https://all-cds.org/fhir/CodeSystem/override-reason", "record-incomplete", "Record incomplete"));
    }

    private static RuleInfo rule(String id, String url) {
        return new RuleInfo(id, "1.0.0", "Source of " + id, url, null, id, "org.allcds.rules.risk", "risk/x.drl");
    }

    @Test
    void cards_areOrderedMostUrgentFirst() {
        List<Card> cards = renderer.render(List.of(
                explained(Finding.of("nci-risk", "NCI", "STANDARD")),
                explained(Finding.of("missing-data", "wbc-at-diagnosis").onCard("missing").withIndicator(Indicator.WARNING)),
                explained(Finding.of("refractory", "PRESENT").onCard("refractory").withIndicator(Indicator.CRITICAL))), context);
        assertThat(cards).extracting(Card::indicator).containsExactly("critical", "warning", "info");
    }

    @Test
    void aSuggestionTwoCardsWouldOffer_isOfferedOnceOnTheMoreUrgentCard() {
        SuggestionFactory referral = (findings, ctx) -> List.of(new org.allcds.hooks.Suggestion("Refer for HSCT evaluation",
                UUID.randomUUID().toString(), null, List.of()));
        CardRenderer withReferral = new CardRenderer(new CardProperties("ALL-CDS", "https://all-cds.org"), referral);

        List<Card> cards = withReferral.render(List.of(
                explained(Finding.of("hsct-indication", "BFM_ALLREZ2002", "INDICATED").onCard("bfm")),
                explained(Finding.of("hsct-indication", "COG_AALL1331", "INDICATED").onCard("cog").withIndicator(Indicator.WARNING))), context);

        assertThat(cards).extracting(Card::indicator).containsExactly("warning", "info");
        assertThat(cards.get(0).suggestions()).hasSize(1);
        assertThat(cards.get(0).selectionBehavior()).isEqualTo("any");
        assertThat(cards.get(1).suggestions()).isEmpty();
        assertThat(cards.get(1).selectionBehavior()).isNull();
    }

    @Test
    void noFindings_noCards() {
        assertThat(renderer.render(List.of(), context)).isEmpty();
    }

    @Test
    void rulesOfOneIdAndVersion_areOneEntry_withTheDistinctSourcesOfTheirParts() {
        RuleInfo byWbc = new RuleInfo("R-DX-10", "1.0.0", "NCI PDQ; WBC", null, null, "R-DX-10 a by WBC", "p", "risk/a.drl");
        RuleInfo byAge = new RuleInfo("R-DX-10", "1.0.0", "Smith M et al., JCO 1996", null, null, "R-DX-10 b by age", "p", "risk/a.drl");
        RuleInfo sameSource = new RuleInfo("R-DX-10", "1.0.0", "NCI PDQ; WBC", null, null, "R-DX-10 c infant", "p", "risk/a.drl");
        Card card = renderer.render(List.of(
                new ExplainedFinding(Finding.of("nci-risk", "NCI", "HIGH").withSummary("NCI high risk", 2),
                        List.of(byAge, sameSource), List.of(WBC)),
                new ExplainedFinding(Finding.of("infant", null, "PRESENT").withSummary("Infant", 1),
                        List.of(byWbc, NCI), List.of(WBC))), context).get(0);

        assertThat(ext(card).rules()).containsExactly(
                new AllCdsExtension.RuleView("R-DX-03", "1.0.0", "NCI PDQ"),
                new AllCdsExtension.RuleView("R-DX-10", "1.0.0", "NCI PDQ; WBC; Smith M et al., JCO 1996"));
        // both first sources are "NCI PDQ", which the card's link names
        assertThat(card.detail()).contains("Rules: R-DX-03, R-DX-10 · rule set 1.2.3");
    }

    @Test
    void aCardlessFindingPutOnACardOfItsOwn_travelsWithThatCard_notWithTheFirst() {
        Finding hsct = Finding.of("order-check", "HSCT_REFERRAL", "NOT_INDICATED").onCard("order:ServiceRequest/h")
                .withIndicator(Indicator.CRITICAL).withSummary("HSCT referral: HSCT not indicated", 30);
        Finding cart = Finding.of("order-check", "CART_PRODUCT", "LABEL_NOT_MET").onCard("order:MedicationRequest/c")
                .withIndicator(Indicator.WARNING).withSummary("CAR-T order: label criteria not met: first relapse", 30)
                .withNote("CAR-T order does not meet the label: first relapse.");
        Finding label = Finding.of("cart-eligibility", "FDA", "NOT_MET").onCard("order:MedicationRequest/c")
                .withSummary("CAR-T label criteria not met: first relapse").withReasonWords("first relapse");
        List<Card> cards = renderer.render(List.of(explained(hsct), explained(cart), explained(label)), context);

        assertThat(cards).extracting(c -> ext(c).findings().stream().map(AllCdsExtension.FindingView::type).toList())
                .containsExactly(List.of("order-check"), List.of("order-check", "cart-eligibility"));
        // the note says it already: no "Not applicable" line repeats it
        assertThat(cards.get(1).detail()).doesNotContain("Not applicable");
    }

    @Test
    void dataQualityLines_nameTheRecordInWords_oncePerRecordAndDefect_theExtensionKeepsTheElements() {
        // one invalid quantity is reported at the quantity and at its number; two records of one day contradict
        List<DataQualityIssue> issues = List.of(
                new DataQualityIssue("invalid-value", "Observation.value[x]", "Observation/w", "WBC (2024-05-06)"),
                new DataQualityIssue("invalid-value", "Observation.value[x].value", "Observation/w", "WBC (2024-05-06)"),
                new DataQualityIssue("conflicting-results", "Observation.valueQuantity", "Observation/b1",
                        "End-of-induction marrow blasts (2024-06-03)"),
                new DataQualityIssue("conflicting-results", "Observation.valueQuantity", "Observation/b2",
                        "End-of-induction marrow blasts (2024-06-03)"),
                new DataQualityIssue("invalid-value", "Observation.code.coding", "Observation/x"),
                new DataQualityIssue("invalid-value", "Observation.code.coding.code", "Observation/x"));
        Card card = renderer.render(List.of(new ExplainedFinding(Finding.of("data-quality", "invalid-value")
                .withSummary("Data quality: a value that is not valid FHIR was not used", 6), List.of(NCI),
                List.copyOf(issues))), context).get(0);

        assertThat(card.detail()).contains("""
                - Not used: End-of-induction marrow blasts (2024-06-03), conflicting values (2 records)
                - Not used: the value of WBC (2024-05-06), not valid FHIR
                - Not used: the code of an Observation, not valid FHIR
                """.strip()).doesNotContain("value\\[x\\]", "Observation.", "coding");
        assertThat(ext(card).inputs()).extracting(AllCdsExtension.InputView::value).containsExactlyInAnyOrder(
                "invalid-value: Observation.value[x]", "invalid-value: Observation.value[x].value",
                "conflicting-results: Observation.valueQuantity", "conflicting-results: Observation.valueQuantity",
                "invalid-value: Observation.code.coding", "invalid-value: Observation.code.coding.code");
    }

    @Test
    void recordsOfAnotherPatient_areNeverCountedAmongMoreLikeThose_datedAfterTheEvaluationTime() {
        List<ClinicalInput> issues = new ArrayList<>();
        for (int day = 1; day <= 6; day++) {
            issues.add(new DataQualityIssue("dated-after-evaluation-time", "Observation.effective[x]", "Observation/o" + day,
                    "WBC (2031-01-0" + day + ")"));
        }
        DataQualityIssue foreign = new DataQualityIssue("foreign-subject-excluded",
                "1 record of another patient, or naming no patient, ignored", null);
        Card card = renderer.render(List.of(
                new ExplainedFinding(Finding.of("data-quality", "dated-after-evaluation-time")
                        .withSummary("No ALL result: the ALL records are dated after the evaluation time", 6),
                        List.of(NCI), List.copyOf(issues)),
                new ExplainedFinding(Finding.of("data-quality", "foreign-subject-excluded")
                        .withSummary("Data quality: records of another patient were ignored", 6),
                        List.of(NCI), List.of(foreign))), context).get(0);

        assertThat(card.detail()).contains("- Not used: 1 record of another patient, or naming no patient",
                "- … and 3 more like these");
    }

    /**
     * The line naming the result a relapse site waits for, which the card's "Missing" line points to ("relapse site (CNS
     * status not yet final)"), is never counted among "more like these", however many other results of its kind are not
     * yet final: whether the result has a line of its own or the site's line names it.
     */
    @Test
    void theResultASiteWaitsFor_isNeverCountedAmongMoreLikeThese() {
        Relapse relapse = new Relapse(LocalDate.of(2019, 8, 20), null, 1, false, "Observation/relapse");
        DataQualityIssue site = new DataQualityIssue("preliminary-result",
                "Observation.component:relapse-site open beside CNS status (2019-08-22)", "Observation/relapse",
                "Relapse (2019-08-20)", true, "Observation/cns-relapse");
        DataQualityIssue result = new DataQualityIssue("preliminary-result", "Observation.status preliminary",
                "Observation/cns-relapse", "CNS status (2019-08-22)");
        List<ClinicalInput> others = new ArrayList<>();
        for (int day = 1; day <= 4; day++) {
            others.add(new DataQualityIssue("preliminary-result", "Observation.status preliminary",
                    "Observation/b" + day, "Genetics (2019-08-2" + day + ")"));
        }
        Finding asking = Finding.of("relapse-stratum", "BFM_ALLREZ2002", "INDETERMINATE").withMissing("relapse-site")
                .withSummary("BFM stratum open: relapse site", 20);
        List<ClinicalInput> withItsLine = new ArrayList<>(others);
        withItsLine.add(result);

        String siteLine = renderer.render(List.of(new ExplainedFinding(asking, List.of(NCI), List.of(site, relapse)),
                new ExplainedFinding(Finding.of("data-quality", "preliminary-result"), List.of(NCI), others)), context)
                .get(0).detail();
        String ownLine = renderer.render(List.of(new ExplainedFinding(asking, List.of(NCI), List.of(site, relapse)),
                new ExplainedFinding(Finding.of("data-quality", "preliminary-result"), List.of(NCI), withItsLine)),
                context).get(0).detail();

        assertThat(siteLine).contains("**Missing:** relapse site (CNS status not yet final).",
                "- Not used: CNS status (2019-08-22), not yet final\n", "- … and 2 more like these");
        assertThat(ownLine).contains("- Not used: CNS status (2019-08-22), not yet final (preliminary)\n",
                "- … and 2 more like these");
    }

    /**
     * A record an order card's summary names as not used keeps its line, however many other records of its kind the
     * card's other findings bring.
     */
    @Test
    void aRecordTheSummaryNames_isNeverCountedAmongMoreLikeThese() {
        String card = "order:MedicationRequest/blina-1";
        DataQualityIssue named = new DataQualityIssue("unit-not-convertible", "Observation.valueQuantity",
                "Observation/block1-mrd", "End-of-block-1 MRD (2019-09-24)", true);
        List<ClinicalInput> others = new ArrayList<>();
        for (int day = 1; day <= 4; day++) {
            others.add(new DataQualityIssue("unit-not-convertible", "Observation.valueQuantity", "Observation/a" + day,
                    "WBC (2019-09-0" + day + ")"));
        }
        Finding check = Finding.of("order-check", "BLINATUMOMAB", "INDETERMINATE").onCard(card)
                .withMissing("relapse-end-block1-mrd").withSummary("Blinatumomab order could not be checked:"
                        + " end-of-block-1 MRD (2019-09-24) with a unit that cannot be converted", 30);

        String detail = renderer.render(List.of(new ExplainedFinding(check, List.of(NCI), List.of(named)),
                new ExplainedFinding(Finding.of("data-quality", "unit-not-convertible").onCard(card), List.of(NCI),
                        others)), context).get(0).detail();

        assertThat(detail).contains("- Not used: End-of-block-1 MRD (2019-09-24), unit cannot be converted\n",
                "- … and 2 more like these");
    }

    @Test
    void aRelapseDateThatCouldNotBeRead_isOneLine_notAlsoARelapseWithoutAFullDate() {
        UnclassifiedRelapse undated = new UnclassifiedRelapse(UnclassifiedRelapse.DATE, "Observation/r");
        DataQualityIssue unreadable = new DataQualityIssue("invalid-value", "Observation.effective[x]", "Observation/r",
                "Relapse");
        Finding check = Finding.of("order-check", "HSCT_REFERRAL", "INDETERMINATE").withMissing("relapse-date")
                .withIndicator(Indicator.INFO).withSummary("HSCT referral could not be checked: relapse date", 30);

        Card card = renderer.render(List.of(new ExplainedFinding(check, List.of(NCI), List.of(undated, unreadable))),
                context).get(0);

        assertThat(card.detail()).contains("- Not used: the date of Relapse, not valid FHIR").doesNotContain("no full date");
    }

    /**
     * A relapse whose site the service does not know (not recorded, in a code it does not read, or records that
     * conflict) says so once: where the card asks for the site, its "Missing" line names it and the relapse line only
     * dates and counts the relapse; elsewhere the relapse line says the site is unknown, never "not recorded" for a
     * site that may have been sent. The extension keeps its value as it was.
     */
    @Test
    void aRelapseSiteNotKnown_isSaidOnce_byTheMissingLineWhereTheCardAsksForIt() {
        Finding notAsking = Finding.of("blinatumomab-mrd-indication", "FDA", "MET").withSummary("Blinatumomab label", 20);

        Card asks = askingForTheSite("Observation.component:relapse-site.value[x]");
        Card doesNotAsk = renderer.render(List.of(new ExplainedFinding(notAsking, List.of(NCI),
                List.of(relapseWithoutSite()))), context).get(0);

        assertThat(asks.detail()).contains("**Missing:** relapse site in a recognised code.")
                .contains("- Relapse: 2019-08-20, relapse 1\n").doesNotContain("site not recorded", "site unknown");
        assertThat(doesNotAsk.detail()).contains("- Relapse: 2019-08-20, site unknown, relapse 1")
                .doesNotContain("site not recorded", "Missing");
        assertThat(ext(asks).inputs()).extracting(AllCdsExtension.InputView::value)
                .as("the site was sent, in a code not recognised: the extension does not say it was not recorded")
                .contains("2019-08-20, site unknown, relapse 1");
    }

    /**
     * A relapse site sent as codings that disagree was recognised: where the card's summary does not say why, the
     * "Missing" line asks for the site with that reason, never "in a recognised code".
     */
    @Test
    void aRelapseSiteWhoseCodesDisagree_isAskedForWithThatReason() {
        Card card = askingForTheSite("Observation.component:relapse-site.coding");

        assertThat(card.detail()).contains("**Missing:** relapse site (codes disagree).")
                .doesNotContain("in a recognised code");
    }

    /** The card of a stratum that asks for the site of a relapse whose site element ({@code siteElement}) was not read. */
    private Card askingForTheSite(String siteElement) {
        DataQualityIssue siteCode = new DataQualityIssue("code-not-recognised", siteElement, "Observation/r", "Relapse");
        Finding asking = Finding.of("relapse-stratum", "BFM_ALLREZ2002", "INDETERMINATE").withMissing("relapse-site")
                .withSummary("BFM stratum open: relapse site", 20);
        return renderer.render(List.of(new ExplainedFinding(asking, List.of(NCI), List.of(relapseWithoutSite(), siteCode))),
                context).get(0);
    }

    private static Relapse relapseWithoutSite() {
        return new Relapse(LocalDate.of(2019, 8, 20), null, 1, false, "Observation/r");
    }

    /**
     * A relapse site left open beside a result of its work-up not read is said once where the card asks for the site:
     * the "Missing" line says why, and the result is named once, by its own line or, without one, by the site's line
     * naming the result alone, once for the relapse's two records; a card that does not ask keeps the site's line, which
     * names the result. The extension keeps every issue, and names the result the site waits for once.
     */
    @Test
    void aSiteOpenBesideAResult_isSaidOnce_theResultNamedOnce() {
        Relapse relapse = new Relapse(LocalDate.of(2019, 8, 20), null, 1, false, "Observation/r1");
        String open = "Observation.component:relapse-site open beside CNS status (2019-08-22)";
        List<ClinicalInput> sites = List.of(
                new DataQualityIssue("preliminary-result", open, "Observation/r1", "Relapse (2019-08-20)", true, "Observation/lp"),
                new DataQualityIssue("preliminary-result", open, "Observation/r2", "Relapse (2019-08-20)", true, "Observation/lp"));
        DataQualityIssue result = new DataQualityIssue("preliminary-result", "Observation.status preliminary",
                "Observation/lp", "CNS status (2019-08-22)");
        Finding asking = Finding.of("relapse-stratum", "BFM_ALLREZ2002", "INDETERMINATE").withMissing("relapse-site")
                .withSummary("BFM stratum open: relapse site", 20);
        Finding notAsking = Finding.of("blinatumomab-mrd-indication", "FDA", "MET").withSummary("Blinatumomab label", 20);
        List<ClinicalInput> withResult = new java.util.ArrayList<>(sites);
        withResult.addAll(List.of(relapse, result));

        String alone = renderer.render(List.of(new ExplainedFinding(asking, List.of(NCI),
                java.util.stream.Stream.concat(sites.stream(), java.util.stream.Stream.of(relapse)).toList())), context)
                .get(0).detail();
        Card besideItsLine = renderer.render(List.of(new ExplainedFinding(asking, List.of(NCI), withResult)), context)
                .get(0);
        String notAsked = renderer.render(List.of(new ExplainedFinding(notAsking, List.of(NCI), withResult)), context)
                .get(0).detail();

        assertThat(alone).contains("**Missing:** relapse site (CNS status not yet final).")
                .contains("- Not used: CNS status (2019-08-22), not yet final\n").doesNotContain("open:", "records)");
        assertThat(besideItsLine.detail()).contains("- Not used: CNS status (2019-08-22), not yet final (preliminary)")
                .doesNotContain("open:", "not yet final\n");
        assertThat(ext(besideItsLine).inputs()).hasSize(5).filteredOn(i -> i.value().contains("open beside"))
                .as("the site's issue of each relapse record, and once with the result it waits for")
                .extracting(AllCdsExtension.InputView::reference)
                .containsExactly("Observation/r1", "Observation/lp", "Observation/r2");
        assertThat(notAsked).contains("- Not used: the site of Relapse (2019-08-20), open: CNS status (2019-08-22) not"
                + " yet final (2 records)").doesNotContain("Missing", "(preliminary)");
    }

    /** Without a line about its date (none, or one about its site code), the relapse's own line says it. */
    @Test
    void aRelapseWithoutAFullDate_andNoLineAboutItsDate_isStillSaid() {
        UnclassifiedRelapse undated = new UnclassifiedRelapse(UnclassifiedRelapse.DATE, "Observation/r");
        DataQualityIssue siteCode = new DataQualityIssue("code-not-recognised", "Observation.component.value[x]",
                "Observation/r", "Relapse");
        Finding check = Finding.of("order-check", "HSCT_REFERRAL", "INDETERMINATE").withMissing("relapse-date")
                .withIndicator(Indicator.INFO).withSummary("HSCT referral could not be checked: relapse date", 30);

        for (List<ClinicalInput> inputs : List.<List<ClinicalInput>>of(List.of(undated), List.of(undated, siteCode))) {
            Card card = renderer.render(List.of(new ExplainedFinding(check, List.of(NCI), inputs)), context).get(0);

            assertThat(card.detail()).as("%s", inputs).contains("no full date");
        }
    }

    @Test
    void anMrdRecordedOnlyAsABound_isAskedForAsExact_byEveryFindingOfTheCard() {
        Mrd bound = new Mrd(MrdTimepoint.RELAPSE_END_BLOCK1, new BigDecimal("0.5"), ValueBound.LESS_THAN,
                LocalDate.of(2019, 9, 24), "Observation/eob1");
        Finding stratum = Finding.of("relapse-stratum", "COG_AALL1331", "PENDING").withIndicator(Indicator.WARNING)
                .withSummary("Late first relapse, COG low or intermediate risk: end-of-block-1 MRD < 0.5 % cannot decide", 20);
        Finding hsct = Finding.of("hsct-indication", "COG_AALL1331", "PENDING").withMissing("relapse-end-block1-mrd")
                .withSummary("HSCT indication pending: end-of-block-1 MRD", 10);
        Card card = renderer.render(List.of(new ExplainedFinding(stratum, List.of(NCI), List.of(bound)),
                new ExplainedFinding(hsct, List.of(NCI), List.of())), context).get(0);

        assertThat(card.detail()).contains("**Missing:** exact end-of-block-1 MRD.", "- End-of-block-1 MRD: < 0.5 %");
    }

    @Test
    void aBoundTheRulesUsed_showsItsComparatorAsWritten_andIsNeverCalledNotUsed() {
        MarrowBlasts blasts = new MarrowBlasts(MrdTimepoint.RELAPSE_END_BLOCK1, new BigDecimal("5"), ValueBound.AT_LEAST,
                LocalDate.of(2019, 9, 24), "Observation/block1-blasts");
        DataQualityIssue bound = new DataQualityIssue("censored-value", "Observation.valueQuantity.comparator",
                "Observation/block1-blasts");
        Card card = renderer.render(List.of(
                new ExplainedFinding(Finding.of("refractory", "PRESENT").withIndicator(Indicator.CRITICAL)
                        .withSummary("No second remission after block 1 (marrow blasts >= 5 %)", 30)
                        .withNote("End-of-block-1 marrow blasts >= 5 %: treatment failure."), List.of(NCI), List.of(blasts)),
                new ExplainedFinding(Finding.of("data-quality", "censored-value").withSummary(
                        "Data quality: a result was reported only as a bound (< x, > x), not as an exact value", 6),
                        List.of(NCI), List.of(bound))), context).get(0);

        assertThat(card.summary()).isEqualTo("No second remission after block 1 (marrow blasts ≥ 5 %)");
        assertThat(card.detail()).startsWith("End-of-block-1 marrow blasts ≥ 5 %: treatment failure.")
                .contains("- End-of-block-1 marrow blasts: ≥ 5 % (2019-09-24)")
                .doesNotContain("Not used", "not used", "&gt;", "&lt;", ">=");
        assertThat(ext(card).inputs()).extracting(AllCdsExtension.InputView::value)
                .contains(">= 5 %", "censored-value: Observation.valueQuantity.comparator");
    }

    /**
     * "No usable id" joins the card of the one order it names; naming two orders, it keeps its own card, since either
     * order's card would show the other's line.
     */
    @Test
    void anOrderWithoutAnId_isSaidOnItsOwnCard_butTwoOrdersKeepTheFindingsOwnCard() {
        ExplainedFinding cart = orderCheck("CART_PRODUCT", "LABEL_NOT_MET", "context.draftOrders.entry[0]");
        ExplainedFinding hsct = orderCheck("HSCT_REFERRAL", "NOT_INDICATED", "context.draftOrders.entry[2]");
        DataQualityIssue first = new DataQualityIssue("draft-order-without-id",
                "MedicationRequest.id at context.draftOrders.entry[0]", null);
        DataQualityIssue third = new DataQualityIssue("draft-order-without-id",
                "ServiceRequest.id at context.draftOrders.entry[2]", null);
        Finding noId = Finding.of("data-quality", "draft-order-without-id").withIndicator(Indicator.WARNING)
                .withSummary("Data quality: a draft order has no usable id", 6);

        List<Card> one = renderer.render(List.of(cart, hsct, new ExplainedFinding(noId, List.of(), List.of(first))), context);
        List<Card> two = renderer.render(List.of(cart, hsct,
                new ExplainedFinding(noId, List.of(), List.of(first, third))), context);

        assertThat(one).hasSize(2).anySatisfy(card -> assertThat(ext(card).findings())
                .extracting(AllCdsExtension.FindingView::type).containsExactly("order-check", "data-quality"));
        assertThat(two).hasSize(3);
    }

    /** The source label names clinical schemes in words; an order check's scheme is the kind of order, not a scheme. */
    @Test
    void anOrderCard_sourceLabelNamesNoOrderKind() {
        ExplainedFinding cart = orderCheck("CART_PRODUCT", "LABEL_NOT_MET", "context.draftOrders.entry[0]");
        ExplainedFinding hsct = orderCheck("HSCT_REFERRAL", "NOT_INDICATED", "context.draftOrders.entry[2]");

        assertThat(renderer.render(List.of(cart, hsct), context)).hasSize(2)
                .allSatisfy(card -> assertThat(card.source().label()).doesNotContain("CART", "HSCT", "_")
                        .startsWith("ALL-CDS rules "));
    }

    private static ExplainedFinding orderCheck(String kind, String value, String where) {
        return new ExplainedFinding(Finding.of("order-check", kind, value).onCard("order:" + where + " (no usable id)")
                .withIndicator(Indicator.WARNING).withSummary(kind + " order: " + value, 20), List.of(), List.of());
    }
}
