package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allcds.facts.Input;
import org.allcds.facts.InputWords;
import org.allcds.hooks.Card;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How every card of every author scenario and worked example reads, as a clinician sees it: no HTML entities, and
 * data-quality lines in clinical words (the element paths stay in the extension).
 */
class CardTextTest {

    private static final Pattern HTML_ENTITY = Pattern.compile("&(#\\d+|#x\\p{XDigit}+|[A-Za-z][A-Za-z0-9]*);");
    /** A FHIR element path or a request path: "Observation.value[x]", "Condition.code", "context.draftOrders". */
    private static final Pattern ELEMENT_PATH = Pattern.compile(
            "\\b(Observation|Condition|Procedure|Patient|MedicationRequest|ServiceRequest|context)\\.[a-zA-Z]|\\\\?\\[x\\\\?]");
    private static final Pattern NOT_USED_LINE = Pattern.compile("(?m)^(- )?Not used: .*$");
    private static final Pattern MISSING_LINE = Pattern.compile("(?m)^\\*\\*Missing:\\*\\* (.*)\\.$");
    private static final Pattern DATED_AFTER_COUNT = Pattern.compile("^(\\d+) records? (is|are) dated after");
    /** Why a record holding an input cannot be used, as a "Missing" item or a summary gives it after the input. */
    private static final String UNUSABLE = "records conflict|results conflict|contradicted by its work-up|code not recognised"
            + "|codes disagree|not a number|not yet final";
    /**
     * Data-quality codes of a record that is held but cannot be used for what a clinician corrects or dates in it; not
     * another patient's, copies, a result not yet final, nor one dated after the evaluation time or at another time than
     * the one it is read for (before the diagnosis or relapse it must follow, or after a relapse): that may be another
     * time's result.
     */
    private static final Set<String> CORRECTED_OR_DATED = Set.of("unit-not-convertible", "imprecise-date", "missing-date",
            "diagnosis-before-birth", "evaluation-before-birth", "specimen-contradicts-timepoint", "value-out-of-range",
            "invalid-value", "conflicting-results", "code-not-recognised", "value-not-a-quantity",
            "relapse-before-diagnosis");
    /**
     * Data-quality codes of a record held but not used for a reason a clinician acts on (corrects, dates, or awaits the
     * final result of): a summary must not say that a decision is pending that input as if it were not recorded.
     */
    private static final Set<String> HELD_TO_ACT_ON = Stream.concat(CORRECTED_OR_DATED.stream(),
            Stream.of("preliminary-result")).collect(Collectors.toUnmodifiableSet());
    /** A record not used because it may be another time's, or was not yet known: its input may still be to come. */
    private static final Pattern MAY_BE_TO_COME = Pattern.compile("dated after the evaluation time|dated (on or )?before");
    /** A summary that says what a decision waits for: "COG risk group pending end-of-induction MRD (…)". */
    private static final Pattern PENDING_ON = Pattern.compile("\\bpending\\b");
    /**
     * A "Not used" line: the part of a record not used ("the relapse number of Relapse (…)", "the birth date, …"), then
     * the record by its name (a result measured in another specimen than its timepoint's: "Day-8 MRD in bone marrow").
     */
    private static final Pattern NOT_USED_RECORD = Pattern.compile(
            "^(?:the (?<part>[^,]+?)(?: of |,))?(?:an? )?(?:(?<record>[A-Z][^,:(]*?)(?: in [a-z ]+)?(?: \\(|, |: |$))?");
    /** Parts of a record that are its whole value: the input the record holds is what was not used. */
    private static final Set<String> WHOLE_VALUE = Set.of("value", "value code", "coded value", "code", "unit", "date",
            "result");

    /** A card and the scenario or request it answers. */
    private record Shown(String source, Card card) {
        AllCdsExtension extension() {
            return (AllCdsExtension) card.extension().get(AllCdsExtension.KEY);
        }
    }

    private static List<Shown> cards;

    @BeforeAll
    static void load() {
        cards = CardCorpus.shared().stream()
                .flatMap(e -> e.response().cards().stream().map(c -> new Shown(e.name(), c))).toList();
    }

    private static Card firstCardOf(String scenario) {
        return cards.stream().filter(s -> s.source().endsWith(scenario)).findFirst().orElseThrow().card();
    }

    /**
     * An isolated extramedullary relapse at two sites asks for local therapy to both, and lists the work-up result the
     * second site was read from: a CNS3 beside a testicular relapse, testicular involvement beside a CNS relapse.
     */
    @Test
    void anIsolatedExtramedullaryRelapseAtTwoSites_asksForLocalTherapyToBoth_andNamesTheResultItWasReadFrom() {
        Card cnsBesideTestis = firstCardOf("iem-two-sites/late-testicular-and-cns3-marrow-m1.yaml");
        Card testisBesideCns = firstCardOf("iem-two-sites/late-cns-and-testicular-involvement-marrow-m1.yaml");

        assertThat(List.of(cnsBesideTestis, testisBesideCns)).allSatisfy(card -> assertThat(card.summary())
                .startsWith("Late first isolated CNS and testicular relapse (COG low risk)")
                .contains("local therapy to both sites"));
        assertThat(cnsBesideTestis.detail()).contains("- CNS status at relapse: CNS3 (2019-08-23)");
        assertThat(testisBesideCns.detail()).contains("- Testicular involvement at relapse: present (2019-08-23)");
    }

    /**
     * A card's "Because" lists what its "Not applicable" lines rest on too: "Stratum (COG): Ph+ ALL" beside the BCR::ABL1
     * result that says so, "Down syndrome" beside the Down syndrome record.
     */
    @Test
    void aNotApplicableLine_hasWhatItRestsOn_inTheBecauseList() {
        String phPositive = firstCardOf("tests/relapse/ph-positive-first-relapse.yaml").detail();
        assertThat(phPositive).contains("Stratum (COG): Ph+ ALL");
        assertThat(phPositive.substring(phPositive.indexOf("**Because:**"))).contains("- Genetics: BCR::ABL1 (");
    }

    /**
     * A "Not applicable" entry whose only reason is the relapse number: the CAR-T label at a first relapse that is not
     * refractory, the first-relapse strata at a second or later relapse. An entry starts the line or follows another
     * ("; Stratum (", "; CAR-T label (") and ends the line or the next entry starts; a reason among others is no entry.
     */
    private static final Pattern ROUTINE_NOT_APPLICABLE = Pattern.compile("(?m)(?:^\\*\\*Not applicable:\\*\\* |; )"
            + "((?:Stratum|CAR-T label) \\([^)]*\\): (?:first relapse, not refractory"
            + "|second or later relapse \\(first-relapse strata only\\)))(?=\\.$|; (?:Stratum|CAR-T label) \\()");

    /**
     * What the relapse number alone rules out says nothing a clinician acts on: no card of the patient-view services
     * lists it as not applicable, while its finding stays in the extension and its rule on the "Rules:" line. A draft
     * order's card whose check rests on it (a CAR-T order, the label not met by one profile) keeps it.
     */
    @Test
    void noCard_listsAsNotApplicableWhatTheRelapseNumberAloneRulesOut_itsFindingAndRuleStay() {
        int withCartNotMet = 0;
        for (Shown s : cards) {
            boolean orderCard = s.extension().findings().stream().anyMatch(f -> f.type().equals("order-check"));
            Matcher routine = ROUTINE_NOT_APPLICABLE.matcher(s.card().detail());
            if (!orderCard) {
                assertThat(routine.find() ? routine.group(1) : null).as("%s: '%s'", s.source(), s.card().summary())
                        .isNull();
            }
            if (s.extension().findings().stream().anyMatch(f -> f.type().equals("cart-eligibility")
                    && f.value().equals("NOT_MET") && (f.missing() == null || f.missing().isEmpty()))) {
                withCartNotMet++;
                assertThat(s.card().detail()).as(s.source()).containsPattern("(?m)^Rules: .*R-TX-CART-01");
            }
            if (s.extension().rules().stream().anyMatch(r -> r.id().equals("R-REL-06"))) {
                assertThat(s.card().detail()).as(s.source()).containsPattern("(?m)^Rules: .*R-REL-06");
            }
        }
        assertThat(withCartNotMet).as("cards with a CAR-T label not met").isGreaterThan(150);
        assertThat(firstCardOf("tests/orders/cart-post-hsct-first-relapse-lineage-not-recorded.yaml").detail())
                .contains("**Not applicable:** CAR-T label (FDA): first relapse, not refractory.");
    }

    /**
     * Beside a routine entry, every other reason a stratum or label does not apply stays on the card's line: relapse
     * after HSCT, Ph+ ALL or Down syndrome outside AALL1331, CD19-negative disease, an age outside a label.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cart-ema-under-2.yaml            | CAR-T label (EMA): age 1 year: the EMA-style label starts at 2 years.
            ph-positive-first-relapse.yaml   | Stratum (COG): Ph+ ALL (outside AALL1331 eligibility).
            down-syndrome-first-relapse.yaml | Stratum (COG): Down syndrome (outside AALL1331 eligibility).
            post-hsct-first-relapse.yaml     | Stratum (COG, BFM): relapse after allogeneic HSCT.
            cart-cd19-negative.yaml          | CAR-T label (EMA, FDA): CD19-negative disease: a CD19-directed CAR-T cannot work.
            """)
    void theOtherNotApplicableReasons_stayOnTheLine_withoutTheRoutineOne(String scenario, String line) {
        assertThat(cards.stream().filter(s -> s.source().endsWith("/" + scenario)).map(s -> s.card().detail()))
                .as(scenario).anyMatch(detail -> detail.contains("**Not applicable:** " + line));
    }

    /**
     * A card that the strata not applicable at a second relapse lead (nothing else to say) leads with what follows from
     * the relapse (LaterRelapseCardsTest), and no table repeats what the relapse number alone rules out.
     */
    @Test
    void aCardLedByTheStrataNotApplicable_leadsWithWhatFollows_withoutATableOfThem() {
        Card card = firstCardOf("tests/relapse/t-all/t-all-second-relapse.yaml");

        assertThat(card.summary()).startsWith("Second relapse: CAR-T label not met (T-lineage disease)");
        assertThat(card.detail()).startsWith("No CD19-directed therapy applies (blinatumomab, CAR-T).")
                .doesNotContain("| Stratum |", "not applicable");
    }

    @Test
    void noCard_showsAnHtmlEntity_inSummaryOrDetail() {
        assertNoCardText(HTML_ENTITY);
    }

    /** No card's summary or detail has a match of {@code pattern}; the first one found is named. */
    private static void assertNoCardText(Pattern pattern) {
        for (Shown s : cards) {
            for (String text : List.of(s.card().summary(), s.card().detail())) {
                Matcher found = pattern.matcher(text);
                assertThat(found.find() ? found.group() : null).as("%s: '%s'", s.source(), s.card().summary()).isNull();
            }
        }
    }

    /** Inputs are named in words ("WBC at diagnosis"), never by the code the findings carry ("wbc-at-diagnosis"). */
    @Test
    void noCard_namesAnInputByItsCode() {
        List<String> codes = Arrays.stream(Input.values()).map(Input::code).filter(code -> code.contains("-")).toList();
        for (Shown s : cards) {
            for (String text : List.of(s.card().summary(), s.card().detail())) {
                assertThat(codes.stream().filter(text::contains).toList()).as("%s: '%s'", s.source(), s.card().summary())
                        .isEmpty();
            }
        }
    }

    /** A note that explains results reported only as a bound belongs on a card whose reasons show one ("< 0.5 %"). */
    /** A genetic subtype or a scheme reads as a clinician writes it ("BCR::ABL1", "COG AALL08B1"), never as its code. */
    @Test
    void noCard_namesASubtypeOrASchemeByItsCode() {
        List<String> subtypes = Arrays.stream(org.allcds.facts.GeneticSubtype.values())
                .map(org.allcds.facts.GeneticSubtype::code).toList();
        for (Shown s : cards) {
            for (String text : List.of(s.card().summary(), s.card().detail())) {
                assertThat(subtypes.stream().filter(code -> text.contains("(" + code + ")")).toList())
                        .as("%s: '%s'", s.source(), s.card().summary()).isEmpty();
            }
            assertThat(s.card().suggestions()).as(s.source()).allSatisfy(suggestion -> assertThat(suggestion.label())
                    .doesNotContainPattern("[A-Z]_[A-Z0-9]"));
        }
    }

    @Test
    void aNoteAboutBounds_isOnlyOnACardThatShowsABound() {
        int explained = 0;
        for (Shown s : cards) {
            if (s.card().detail().contains("reported only as a bound across the cut-off")) {
                explained++;
                assertThat(s.card().detail()).as("%s: '%s'", s.source(), s.card().summary())
                        .containsPattern("(?m)^- .*[<>≤≥] ?\\d");
            }
        }
        assertThat(explained).as("cards explaining a bound across a cut-off").isPositive();
    }

    /** A draft order without an id is "draft order 1 (no id)" on its card, not its place in the request. */
    /** HSCT in first remission and the front-line arm are past once the record holds a relapse and a transplant. */
    @Test
    void theRiskCardAfterARelapse_givesTheGroupAtDiagnosis_noFrontLineAdvice() {
        Card risk = firstCardOf("very-high-risk-after-a-relapse.yaml");

        assertThat(risk.summary()).startsWith("COG very high risk: the group at diagnosis; relapsed since")
                .doesNotContain("CR1").doesNotContain("donor search").doesNotContain("treat on");
        assertThat(risk.detail()).doesNotContain("first remission");
    }

    /**
     * A stratum not applicable (second relapse, after HSCT, refractory) is about the relapse: its card names the relapse
     * among its inputs (contract §4), as every classified relapse's card does.
     */
    @Test
    void aStratumNotApplicable_namesTheRelapseAmongItsInputs() {
        List<Shown> notApplicable = cards.stream().filter(s -> s.extension().findings().stream()
                .anyMatch(f -> f.type().equals("relapse-stratum") && f.value().equals("NOT_APPLICABLE"))).toList();

        assertThat(notApplicable).isNotEmpty().allSatisfy(s -> assertThat(s.extension().inputs())
                .as("%s: '%s'", s.source(), s.card().summary()).extracting(AllCdsExtension.InputView::name)
                .contains("relapseDate"));
    }

    /** A remission or CD19 status the record does not show is no part of a summary that says the indication is present. */
    @Test
    void aBlinatumomabSummary_neverStatesARemissionOrCd19StatusTheRecordLacks() {
        List<Shown> blinatumomab = cards.stream().filter(s -> s.card().summary().contains("blinatumomab indication"))
                .toList();

        assertThat(blinatumomab).isNotEmpty().allSatisfy(s -> {
            String summary = s.card().summary();
            String detail = s.card().detail();
            if (detail.contains("assumed")) {
                assertThat(summary).as(s.source()).doesNotContain("remission:").doesNotContain("present");
            }
            if (detail.contains("CD19 status is not recorded")) {
                assertThat(summary).as(s.source()).contains("if").contains("CD19-positive").doesNotContain("present");
            }
        });
    }

    /** What raised the group is said as the record shows it, not as the rule's two possibilities. */
    @Test
    void aGroupRaisedToHighRisk_namesWhatRaisedIt() {
        assertThat(firstCardOf("risk/cns3-raises-to-high.yaml").detail()).contains("raised to high risk by CNS3")
                .doesNotContain("testicular");
        assertThat(firstCardOf("risk/testicular-involvement-raises-to-high.yaml").detail())
                .contains("raised to high risk by testicular involvement").doesNotContain("CNS3 or");
    }

    /** A card says which of a rule's possibilities the record shows (T-ALL, CD19-negative, infant), never both. */
    @Test
    void noCard_namesBothPossibilities_whereTheRecordShowsWhich() {
        assertNoCardText(Pattern.compile("T-lineage or CD19-negative|T-ALL or infant|by CNS3 or testicular"));
    }

    @Test
    void noCard_showsAnElementOrRequestPath() {
        assertNoCardText(ELEMENT_PATH);
    }

    @Test
    void anOrderWithoutAnId_isCheckedAndNamedAsAClinicianCountsTheDrafts() {
        List<Card> order = cards.stream().filter(s -> s.source().endsWith("cart-order-without-id.yaml")).map(Shown::card)
                .toList();

        // one card for one order: "no usable id" is its own card's line, not a second warning card at order time
        assertThat(order).singleElement().extracting(Card::detail).satisfies(detail -> assertThat(detail)
                .contains("- Checked: Draft order 1 (MedicationRequest), no usable id").doesNotContain("Not used")
                .doesNotContain("Data quality: a draft order has no usable id"));
        assertThat(order).extracting(Card::detail).anySatisfy(detail -> assertThat(detail)
                .startsWith("Tisagenlecleucel (CAR-T) order (draft order 1, no id) does not meet the label")
                .contains("- Draft order: tisagenlecleucel (CAR-T), draft order 1 (no id)"));
    }

    @Test
    void notUsedLines_nameRecordsInWords_neverAnElementPath() {
        int lines = 0;
        for (Shown s : cards) {
            Matcher line = NOT_USED_LINE.matcher(s.card().detail());
            while (line.find()) {
                lines++;
                assertThat(ELEMENT_PATH.matcher(line.group()).find()).as("%s: %s", s.source(), line.group()).isFalse();
            }
        }
        assertThat(lines).as("data-quality lines in the corpus").isGreaterThan(20);
    }

    /**
     * One line per record: a record with two problems ("Genetics (2019-08-22)": a value code not recognised beside
     * another result of its day) is named by one data-quality line that says both, never by two lines a clinician
     * must put together. The extension keeps every issue.
     */
    @Test
    void noCard_namesARecordOnTwoDataQualityLines() {
        Pattern dataQualityLine = Pattern.compile("(?m)^- (Not used|Read together): (.*)$");
        Pattern record = Pattern.compile("([A-Z][^(,:]*?) \\(\\d{4}(-\\d{2}){0,2}\\)");
        int lines = 0;
        List<String> twice = new ArrayList<>();
        for (Shown s : cards) {
            Map<String, List<String>> linesByRecord = new HashMap<>();
            Matcher line = dataQualityLine.matcher(s.card().detail());
            while (line.find()) {
                Matcher named = record.matcher(line.group(2));
                if (named.find()) {
                    lines++;
                    // "the CD19 result of Immunophenotype (2015-02-11)" names the Immunophenotype
                    String name = named.group().substring(named.group().lastIndexOf(" of ") + 1).replaceFirst("^of ", "");
                    linesByRecord.computeIfAbsent(name, r -> new ArrayList<>()).add(line.group());
                }
            }
            linesByRecord.values().stream().filter(naming -> naming.size() > 1)
                    .forEach(naming -> twice.add(s.source() + ": " + naming));
        }
        assertThat(lines).as("data-quality lines naming a dated record").isGreaterThan(20);
        assertThat(twice).as("records named by two lines of one card").isEmpty();
    }

    /** The summary of an order check names what was not read: a relapse's marrow blasts, not the relapse. */
    @Test
    void anOrderCheckLackingARelapsesMarrowBlasts_namesTheCountNotRead_inItsSummary() {
        Card card = firstCardOf("blinatumomab-low-risk-no-site-marrow-count-unit-not-convertible.yaml");

        assertThat(card.summary()).isEqualTo("Blinatumomab order could not be checked: marrow blasts of relapse "
                + "(2019-08-20) with a unit that cannot be converted (relapse site)");
        assertThat(card.detail()).contains("- Not used: the marrow blasts of Relapse (2019-08-20), unit cannot be converted");
    }

    /**
     * An end-of-block-1 MRD without a date at a first relapse is the result the stratum waits for: the card names it and
     * asks for its date, as for one of a month only, instead of asking for an MRD as if none had been recorded.
     */
    @Test
    void anUndatedEndOfBlock1Mrd_isNamed_andTheStratumWaitsForItsDate() {
        Card card = firstCardOf("edge-cases/block1-mrd-undated.yaml");

        assertThat(card.summary()).isEqualTo("Late first relapse: COG stratum pending, end-of-block-1 MRD without a full"
                + " date (low or intermediate risk); add the full date to its record");
        assertThat(card.detail()).contains("Not used: End-of-block-1 MRD, no date");
    }

    /**
     * An end-of-block-1 result of a month is named on the relapse card only: a relapse block's response, and its date,
     * are no input of the group at diagnosis, so no risk card has a line about it.
     */
    @Test
    void aBlock1ResultOfAMonth_isNamedOnTheRelapseCard_notOnTheRiskCard() {
        List<Card> risk = cards.stream().filter(s -> s.source().contains("risk/relapse-only/block1-")
                && s.source().endsWith("-of-a-month.yaml")).map(Shown::card).toList();

        assertThat(risk).hasSize(2).allSatisfy(card -> assertThat(card.detail()).doesNotContain("Not used")
                .doesNotContain("End-of-block-1"));
        assertThat(firstCardOf("relapse/edge-cases/block1-blasts-of-a-month.yaml").detail())
                .contains("Not used: End-of-block-1 marrow blasts");
    }

    /** A bound a rule read ("blasts > 2 %" may be 5 % or more) is an input of the card, not a record left unused. */
    @Test
    void aBoundTheCardShowsAsAnInput_isNeverCalledNotUsed() {
        List<Shown> withUsedBound = cards.stream().filter(CardTextTest::showsABoundItAlsoReports).toList();

        assertThat(withUsedBound).as("cards with a bound the rules used").isNotEmpty();
        withUsedBound.forEach(s -> assertThat(s.card().detail()).as(s.source())
                .doesNotContain("only as a bound, not as a value", "could not be used"));
    }

    private static boolean showsABoundItAlsoReports(Shown s) {
        List<AllCdsExtension.InputView> inputs = s.extension().inputs();
        Set<String> used = inputs.stream().filter(i -> !i.name().equals("dataQuality"))
                .map(AllCdsExtension.InputView::reference).collect(Collectors.toSet());
        return inputs.stream().anyMatch(i -> i.name().equals("dataQuality") && i.value().startsWith("censored-value")
                && used.contains(i.reference()));
    }

    /**
     * A record a "Because" line shows as used ("End-of-block-1 marrow blasts: ≥ 3 % (2019-09-24)", a diagnosis an
     * interval is counted from) is never "Not used"; a line names the part of it that was not (its onset given as an age).
     */
    @Test
    void aRecordTheCardShowsAsUsed_isNeverCalledNotUsed() {
        Pattern notUsedRecord = Pattern.compile("(?m)^- Not used: ([A-Z][^(,]*?) \\((\\d{4}-\\d{2}-\\d{2})\\)");
        int checked = 0;
        for (Shown s : cards) {
            Matcher line = notUsedRecord.matcher(s.card().detail());
            while (line.find()) {
                checked++;
                String used = "(?m)^- " + Pattern.quote(line.group(1)) + ": .*\\(" + line.group(2) + "\\)$";
                // an age at diagnosis or a relapse interval uses the diagnosis it names by its date
                String usedDiagnosis = "(?m)^- .*(Age at|from) diagnosis \\(" + line.group(2) + "\\)";
                assertThat(s.card().detail()).as("%s: %s", s.source(), line.group()).doesNotContainPattern(used);
                if (line.group(1).equals("ALL diagnosis")) {
                    assertThat(s.card().detail()).as("%s: %s", s.source(), line.group())
                            .doesNotContainPattern(usedDiagnosis);
                }
            }
        }
        assertThat(checked).as("records called not used").isGreaterThan(20);
    }

    /**
     * An input the record holds only in a code outside its value set (a genetic subtype, a CNS status) is asked for "in
     * a recognised code", never as if nothing had been sent ("record genetic subtype", "Missing: CNS status"); the
     * "Missing" line names it alone only where the card's summary says why ("genetic subtype code not recognised").
     */
    @Test
    void anInputHeldInAnUnrecognisedCode_isNeverAskedForAsIfNotRecorded() {
        Pattern asIfNotRecorded = Pattern.compile(
                "(record|Missing:\\*\\*)[^.\n]*(genetic subtype|CNS status)(?! in a recognised code| code not recognised| \\(records conflict\\)| records conflict| not read)");
        List<Shown> unread = cards.stream().filter(s -> Stream.of("code of Genetics", "code of CNS status",
                "value of Genetics", "value of CNS status").anyMatch(s.card().detail()::contains)).toList();

        assertThat(unread).as("cards naming a genetics or CNS code not recognised").hasSizeGreaterThanOrEqualTo(8);
        Pattern summarySaysWhy = Pattern.compile("(genetic subtype|CNS status) (code not recognised|records conflict)");
        unread.forEach(s -> {
            String detail = summarySaysWhy.matcher(s.card().summary()).find()
                    ? s.card().detail().replaceAll("(?m)^\\*\\*Missing:\\*\\*.*$", "") : s.card().detail();
            assertThat(s.card().summary() + "\n" + detail).as(s.source()).doesNotContainPattern(asIfNotRecorded);
        });
        // where the summary says the code is not recognised, the "Missing" line names the input alone
        assertThat(firstCardOf("only-subtype-not-recognised.yaml").detail()).contains("**Missing:** genetic subtype.");
        assertThat(firstCardOf("ph-possible/indeterminate-bcr-abl1-fish-beside-a-negative-one.yaml").detail())
                .contains("**Missing:** genetic subtype in a recognised code.");
        assertThat(firstCardOf("subtype-not-recognised-beside-etv6-runx1.yaml").summary())
                .isEqualTo("COG risk group undetermined (low or very high risk): genetic subtype code not recognised");
        assertThat(firstCardOf("cns-status-code-not-recognised.yaml").summary())
                .isEqualTo("COG risk group undetermined (low or high risk): CNS status code not recognised");
        assertThat(firstCardOf("subtype-not-recognised-eoi-mrd-pending.yaml").detail())
                .contains("It may hold a very-high-risk subtype.");
        assertThat(firstCardOf("subtype-as-text-beside-etv6-runx1.yaml").detail())
                .contains("the value of Genetics (2024-05-08), not a code").contains("It may hold a very-high-risk subtype.");
        assertThat(firstCardOf("cns-status-latest-as-text.yaml").detail()).contains("**Missing:** CNS status.");
        assertThat(firstCardOf("boy-testicular-result-a-code-not-a-boolean.yaml").detail())
                .contains("**Missing:** testicular involvement.")
                .contains("Not used: the value code of Testicular involvement (2024-05-06), not recognised");
        // the record's line says what was wrong; the data-quality finding's general line would say it again
        assertThat(firstCardOf("site-codings-disagree.yaml").detail())
                .contains("Not used: the site of Relapse (2016-10-12), codes that disagree")
                .doesNotContain("Data quality:");
        assertThat(firstCardOf("site-components-disagree.yaml").detail())
                .contains("Not used: the site of Relapse (2016-10-12), codes that disagree");
        assertThat(firstCardOf("site-as-text.yaml").detail())
                .contains("Not used: the site of Relapse (2016-10-12), not a code").doesNotContain("Data quality:");
        assertThat(firstCardOf("relapse-number-as-text.yaml").detail())
                .contains("Not used: the relapse number of Relapse (2019-08-20), not a whole number above 0")
                .doesNotContain("Data quality:");
        assertThat(firstCardOf("lineage-codings-disagree.yaml").detail())
                .contains("Not used: the value of Immunophenotype (2024-05-07), codes that disagree");
        // a relapse site in a local code: the relapse card and an order check both say so, in the summary
        assertThat(firstCardOf("site-not-recorded/late-site-code-not-recognised.yaml").detail())
                .contains("**Missing:** relapse site.");
        assertThat(firstCardOf("blinatumomab-relapse-site-code-not-recognised.yaml").summary())
                .isEqualTo("Blinatumomab order could not be checked: relapse site code not recognised");
        // a summary names a site the relapse lacks as the record holds it: not sent, in a code not read, or in conflict
        assertThat(firstCardOf("site-not-recorded/late-site-code-not-recognised.yaml").summary())
                .startsWith("Late first relapse, site code not recognised (COG low risk)");
        assertThat(firstCardOf("site-not-recorded/site-as-text.yaml").summary()).startsWith(
                "First relapse, site code not recognised: COG stratum undecided").endsWith("; correct the site");
        assertThat(firstCardOf("integrity/one-relapse-two-sites.yaml").summary()).contains("site records conflict");
        assertThat(firstCardOf("integrity/site-codings-disagree.yaml").summary()).startsWith(
                "First relapse, site codes disagree: COG stratum undecided").endsWith("; correct the site");
        assertThat(firstCardOf("site-not-recorded/between-18-and-36-months.yaml").summary()).startsWith(
                "First relapse, site not recorded: COG stratum undecided").endsWith("; record the site");
        assertThat(firstCardOf("ph-possible/site-code-not-recognised-negative-fish-of-the-relapse-marrow.yaml").summary())
                .isEqualTo("First relapse, site code not recognised: COG stratum undecided, BCR::ABL1 (Ph+) not ruled out;"
                        + " correct the site");
    }

    /**
     * A site recorded beside a result of its work-up that is not read (a code not recognised, a result not yet final):
     * open, saying why and what to do, never "not recorded", "correct the site" or its code unread.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "integrity/isolated-marrow-site-beside-cns-status-not-recognised-at-the-relapse-work-up.yaml|CNS status not"
                    + " read|check the CNS status|the value code of CNS status (2016-10-16), not recognised|CNS status"
                    + " (2016-10-16) not read",
            "preliminary-results/isolated-marrow-preliminary-cns3-no-marrow-count-site-open.yaml|CNS status not yet final"
                    + "|await the final result|CNS status (2016-10-19), not yet final (preliminary)|CNS status"
                    + " (2016-10-19) not yet final",
            "integrity/isolated-marrow-site-beside-testicular-result-as-text-at-the-relapse-work-up.yaml|testis result"
                    + " not read|check the testis result|the value of Testicular involvement (2016-10-15), not a code"
                    + "|testis result (2016-10-15) not read"})
    void aSiteOpenBesideAWorkUpResultNotRead_saysWhyAndWhatToDo(String scenario, String why, String ask, String result,
                                                                String site) {
        Card open = firstCardOf(scenario);

        assertThat(open.summary()).isEqualTo("First relapse, site open (" + why + "): COG stratum undecided (low or"
                + " high risk); " + ask);
        // the summary says why: the "Missing" line names the site alone
        assertThat(open.detail()).contains("**Missing:** relapse site.").contains("Not used: " + result)
                .doesNotContain("open: " + site);
        assertThat(((AllCdsExtension) open.extension().get(AllCdsExtension.KEY)).inputs()).extracting(AllCdsExtension.InputView::value)
                .anySatisfy(v -> assertThat(v).endsWith("relapse-site open beside " + site.replaceFirst(" not .*$", "")));
    }

    /**
     * A relapse site left open beside a result of its work-up not read is said once, with why (by the summary, else by
     * the "Missing" line that asks for the site: "relapse site (CNS status not read)"), and the result with its date
     * once: by its own "Not used"
     * line, or where the card has none, by the site's line naming the result alone. The extension keeps both issues.
     */
    @Test
    void aSiteOpenBesideAResult_isSaidOnce_andTheResultNamedOnce() {
        Pattern openBeside = Pattern.compile("relapse-site open beside (.+) \\((\\d{4}-\\d{2}-\\d{2})\\)$");
        int open = 0;
        for (Shown s : cards) {
            for (AllCdsExtension.InputView input : s.extension().inputs()) {
                Matcher result = openBeside.matcher(String.valueOf(input.value()));
                if (!result.find()) {
                    continue;
                }
                open++;
                String detail = s.card().detail();
                String why = Pattern.quote(result.group(1)) + " not ";
                assertThat(s.card().summary() + "\n" + detail).as(s.source()).containsPattern("(site|\\*\\*Missing:\\*\\*"
                        + "[^\\n]*relapse site)( open)? \\(" + why).doesNotContain(", open: ");
                assertThat((s.card().summary() + "\n" + detail).split(why, -1)).as("%s: why the site is open, said once",
                        s.source()).hasSize(2);
                List<String> naming = NOT_USED_LINE.matcher(detail).results().map(MatchResult::group)
                        .filter(line -> line.contains("(" + result.group(2) + ")")).toList();
                assertThat(naming).as("%s: lines naming the result", s.source()).hasSize(1);
            }
        }
        assertThat(open).as("cards with a relapse site open beside a result").isGreaterThanOrEqualTo(5);
    }

    /**
     * The extension ties a relapse site left open to the result of its work-up that keeps it open: beside the entry of
     * the relapse record, the same entry with the result's reference, so that a harness knows which record to fix,
     * whether or not the card has a line of that result's own. Another patient's result in the same days is named
     * nowhere.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "orders/blinatumomab-relapse-site-open-beside-cns-status-not-yet-final.yaml|Observation/cns-relapse",
            "orders/blinatumomab-relapse-site-open-beside-cns-status-not-yet-final-another-patients-lp-earlier.yaml"
                    + "|Observation/cns-relapse",
            "integrity/isolated-marrow-site-beside-cns-status-not-recognised-at-the-relapse-work-up.yaml"
                    + "|Observation/cns-relapse",
            "integrity/isolated-marrow-site-beside-testicular-result-as-text-at-the-relapse-work-up.yaml"
                    + "|Observation/testis-relapse",
            "preliminary-results/isolated-marrow-preliminary-cns3-no-marrow-count-site-open.yaml|Observation/cns-relapse",
            "preliminary-results/testicular-relapse-marrow-1-preliminary-cns3-site-open.yaml|Observation/cns-relapse"})
    void aSiteOpenBesideAResult_isTiedToThatResultInTheExtension(String scenario, String result) {
        List<AllCdsExtension.InputView> inputs = cards.stream().filter(s -> s.source().endsWith(scenario))
                .flatMap(s -> s.extension().inputs().stream()).toList();
        List<AllCdsExtension.InputView> open = inputs.stream()
                .filter(i -> String.valueOf(i.value()).contains("relapse-site open beside ")).toList();

        assertThat(open).extracting(AllCdsExtension.InputView::reference)
                .containsExactlyInAnyOrder("Observation/relapse", result);
        assertThat(open).extracting(AllCdsExtension.InputView::value).containsOnly(open.get(0).value());
        assertThat(inputs).extracting(AllCdsExtension.InputView::reference).doesNotContain("Observation/other-cns");
    }

    /** An order check that needs a site left open beside a result not yet final says so, and asks to await it. */
    @Test
    void anOrderCheckNeedingASiteOpenBesideAResultNotYetFinal_awaitsIt() {
        Card order = firstCardOf("orders/blinatumomab-relapse-site-open-beside-cns-status-not-yet-final.yaml");

        assertThat(order.summary())
                .isEqualTo("Blinatumomab order could not be checked: relapse site (CNS status not yet final)");
        assertThat(order.detail()).contains("Await the final result, or sign MedicationRequest/blina-1 with the reason.");
    }

    /**
     * A relapse site its own work-up contradicts (a CNS3, testicular involvement, the relapse's marrow count) is said to
     * be contradicted, on the relapse card and on an order card alike: "records conflict" would send a clinician looking
     * for a second relapse record that does not exist. The "Because" line alone says what contradicts it, so the card
     * says that once. Two relapse records of one date that give different sites still conflict.
     */
    @Test
    void aRelapseSiteItsOwnWorkUpContradicts_isSaidContradicted_notInConflictWithOtherRecords() {
        String contradicted = "contradicted by its work-up";
        Card relapse = firstCardOf("integrity/isolated-marrow-site-beside-cns3-at-the-relapse-work-up.yaml");
        assertThat(relapse.summary()).isEqualTo("First relapse, site " + contradicted
                + ": COG stratum undecided (low or high risk); correct the site");
        assertThat(relapse.detail()).contains("**Missing:** relapse site.").doesNotContain("records conflict");
        assertThat(firstCardOf("site-narrowing/early-testicular-marrow-30-contradicts-site.yaml").summary())
                .startsWith("Early first relapse, site " + contradicted + " (COG high risk)");
        Card order = firstCardOf("orders/blinatumomab-low-risk-isolated-marrow-contradicted-by-cns3.yaml");
        assertThat(order.summary()).isEqualTo("Blinatumomab order could not be checked: relapse site " + contradicted
                + " (combined or isolated extramedullary)");
        assertThat(order.detail()).contains("**Missing:** relapse site.").doesNotContain("records conflict");
        for (Card card : List.of(relapse, order)) {
            assertThat(card.detail().split("contradicted by CNS3", -1)).as("what contradicts the site, said once")
                    .hasSize(2);
        }
        Card twoRecords = firstCardOf("integrity/one-relapse-two-sites.yaml");
        assertThat(twoRecords.summary()).contains("site records conflict").doesNotContain(contradicted);
        assertThat(twoRecords.detail()).contains("**Missing:** relapse site.");
    }

    /**
     * The reason an input cannot be used is said once per card: a "Missing" line leaves out the qualifier ("records
     * conflict", "contradicted by its work-up", "in a recognised code", "exact", "CNS status not yet final") where the
     * card's summary already gives that reason for that input, and keeps it where the summary does not (a card about
     * something else, a summary that names the input for another reason).
     */
    @Test
    void noMissingLine_repeatsTheReasonItsSummaryGivesForTheSameInput() {
        int qualified = 0;
        List<String> repeated = new ArrayList<>();
        for (Shown s : cards) {
            for (String item : missingItems(s.card())) {
                Qualified q = Qualified.of(item);
                if (q != null) {
                    qualified++;
                    if (q.saidBy(s.card().summary())) {
                        repeated.add(s.source() + ": '" + s.card().summary() + "' / " + item);
                    }
                }
            }
        }
        assertThat(qualified).as("qualified inputs the summary does not give a reason for").isGreaterThan(10);
        assertThat(repeated).as("Missing lines repeating their summary's reason").isEmpty();
        assertThat(firstCardOf("orders/blinatumomab-low-risk-isolated-marrow-contradicted-by-cns3.yaml").detail())
                .contains("**Missing:** relapse site.");
        assertThat(firstCardOf("integrity/isolated-marrow-site-beside-cns3-at-the-relapse-work-up.yaml").detail())
                .contains("**Missing:** relapse site.");
        // another patient's record beside the child's own reason: the summary still leads with that reason
        assertThat(cards.stream().filter(s -> s.source().endsWith("orders/blinatumomab-relapse-site-open-beside-cns-status"
                + "-not-yet-final-another-patients-lp-earlier.yaml") && s.card().summary().startsWith("Blinatumomab order"))
                .findFirst().orElseThrow().card().detail()).contains("**Missing:** relapse site.");
        // the summary gives the reason for the lineage: the line names it alone
        assertThat(firstCardOf("relapse/missing-data/lineage-conflict.yaml").detail())
                .contains("**Missing:** lineage.");
        // a summary that asks for the exact count asks for the exact blasts: the line names them alone
        assertThat(firstCardOf("edge-cases/block1-blasts-bound-early-relapse.yaml").summary()).endsWith(
                "may be 5 % or more (refractory); report the exact count");
        assertThat(firstCardOf("edge-cases/block1-blasts-bound-early-relapse.yaml").detail())
                .contains("**Missing:** end-of-block-1 marrow blasts.");
    }

    /** An item of a "Missing" line with a qualifier, and the words a summary gives the same reason in after the input. */
    private record Qualified(String input, List<String> inSummary, boolean asksForTheExact) {

        private static final Pattern IN_PARENTHESES = Pattern.compile("^(.+) \\((.+)\\)$");

        static Qualified of(String item) {
            if (item.startsWith("exact ")) {
                return new Qualified(item.substring("exact ".length()), List.of("not exact"), true);
            }
            if (item.endsWith(" in a recognised code")) {
                return new Qualified(item.replace(" in a recognised code", ""), List.of("code not recognised"), false);
            }
            if (item.endsWith(" as a number")) {
                return new Qualified(item.replace(" as a number", ""), List.of("not a number"), false);
            }
            Matcher q = IN_PARENTHESES.matcher(item);
            if (!q.matches()) {
                return null;
            }
            return new Qualified(q.group(1), q.group(2).equals("records conflict")
                    ? List.of("records conflict", "results conflict") : List.of(q.group(2)), false);
        }

        /** True when a clause of the summary names the input (a relapse card says "site") and then gives the reason. */
        boolean saidBy(String summary) {
            // a summary names marrow blasts "blasts" too ("end-of-block-1 blasts > 2 %")
            String name = input.equals("relapse site") ? "(relapse )?site"
                    : Pattern.quote(input).replace("marrow blasts", "\\E(marrow )?\\Qblasts");
            String reasons = inSummary.stream().map(Pattern::quote).collect(Collectors.joining("|"));
            return Pattern.compile("\\b" + name + "\\b[^;:]*?(" + reasons + ")").matcher(summary).find()
                    || asksForTheExact && (summary.contains("the exact " + input)
                            || Pattern.compile("\\b" + name + "\\b[^:]*?the exact count").matcher(summary).find());
        }
    }

    /**
     * A relapse site its own work-up contradicts, or relapse records of one day that give different sites, leave the
     * relapse's date and number in use: the record is not "read together" with anything, its site is not used, as a site
     * in a code not read is not ("Not used: the site of …").
     */
    @Test
    void aRelapseSiteContradictedOrInConflictingRecords_isTheSiteNotUsed_neverReadTogether() {
        assertThat(firstCardOf("orders/blinatumomab-low-risk-isolated-marrow-contradicted-by-cns3.yaml").detail())
                .contains("- Not used: the site of Relapse (2019-08-20), contradicted by CNS3 (2019-08-22)\n")
                .contains("- Relapse: 2019-08-20, site combined or isolated extramedullary, relapse 1");
        assertThat(firstCardOf("integrity/one-relapse-two-sites.yaml").detail())
                .contains("- Not used: the site of Relapse (2019-08-20), 2 records conflict\n")
                .contains("- Relapse: 2019-08-20, relapse 1\n");
        assertNoCardText(Pattern.compile("Read together: Relapse"));
    }

    /**
     * A relapse site sent as codings that disagree was recognised: a card says its codes disagree, once, on the relapse
     * card and on a draft order's (the summary says it, the "Missing" line names the site alone), never asking for the
     * site "in a recognised code" or saying its code was not recognised.
     */
    @Test
    void aRelapseSiteWhoseCodesDisagree_isSaidSo_neverAskedForInARecognisedCode() {
        Card order = firstCardOf("orders/blinatumomab-relapse-site-codes-disagree.yaml");
        assertThat(order.summary()).isEqualTo("Blinatumomab order could not be checked: relapse site codes disagree");
        assertThat(order.detail()).contains("**Missing:** relapse site.")
                .contains("- Not used: the site of Relapse (2019-08-20), codes that disagree");
        for (String scenario : List.of("integrity/site-codings-disagree.yaml", "integrity/site-components-disagree.yaml")) {
            assertThat(firstCardOf(scenario).summary()).as(scenario).startsWith("First relapse, site codes disagree");
            assertThat(firstCardOf(scenario).detail()).as(scenario).contains("**Missing:** end-of-block-1 MRD, relapse site.");
        }
        List<String> askedInACode = cards.stream().filter(s -> s.card().detail().contains("codes that disagree")
                        && s.card().detail().contains("site in a recognised code"))
                .map(s -> s.source() + ": '" + s.card().summary() + "'").toList();
        assertThat(askedInACode).as("a site whose codes disagree asked for in a recognised code").isEmpty();
    }

    /** An input held only in records of one day that contradict each other is said to conflict, not asked for as absent. */
    @Test
    void anInputHeldInConflictingRecords_isNeverAskedForAsIfNotRecorded() {
        assertThat(firstCardOf("genetics-none-detected-beside-etv6.yaml").summary()).endsWith(
                ": genetic subtype records conflict");
        // the summary says the records conflict: the "Missing" line names the input alone
        assertThat(firstCardOf("genetics-none-detected-beside-etv6.yaml").detail())
                .contains("**Missing:** genetic subtype.");
        assertThat(firstCardOf("rival-eoi-mrd-same-day.yaml").detail())
                .contains("**Missing:** end-of-induction MRD.");
        assertThat(firstCardOf("rival-block1-mrd-same-day.yaml").detail())
                .contains("**Missing:** end-of-block-1 MRD.");
        assertThat(firstCardOf("rival-eoi-mrd-same-day.yaml").summary())
                .startsWith("COG risk group pending: end-of-induction MRD records conflict");
        assertThat(firstCardOf("rival-block1-mrd-same-day.yaml").summary())
                .contains("end-of-block-1 MRD records conflict");
        // results of a previous relapse never count for this one, so neither does their disagreement
        Card previous = firstCardOf("rival-block1-mrd-of-previous-relapse.yaml");
        assertThat(previous.detail()).contains("**Missing:** end-of-block-1 MRD.").doesNotContain("conflict");
        assertThat(previous.summary()).doesNotContain("conflict");
        assertThat(firstCardOf("rival-wbc-same-day-count-and-bound.yaml").summary()).endsWith(
                ": WBC at diagnosis records conflict");
        Card testis = firstCardOf("testicular-involvement-and-none-at-diagnosis-then-clear.yaml");
        assertThat(testis.summary()).endsWith(": testicular involvement records conflict");
        assertThat(testis.detail()).contains("**Missing:** testicular involvement.");
        // an order check that lacks an input held only in conflicting records says so, and names them
        Card referral = firstCardOf("hsct-referral-bcr-abl1-contradicted-at-relapse.yaml");
        assertThat(referral.summary()).isEqualTo("HSCT referral could not be checked: genetic subtype records conflict");
        assertThat(referral.detail()).contains("**Missing:** genetic subtype.")
                .contains("- Not used: Genetics (2019-08-22), conflicting values (2 records)").doesNotContain("Data quality:");
        // of two records of one day, the one read ("Genetics: None detected") and the one whose code is not recognised
        assertThat(firstCardOf("orders-subtype-not-recognised-beside-none-detected-of-the-relapse-day.yaml").detail())
                .contains("- Genetics: None detected (2019-08-22)\n").contains("- Read together: Genetics (2019-08-22): "
                        + "conflicting values; 1 other not read, value code not recognised (2 records)\n");
        assertThat(firstCardOf("cart-order-cd19-negative-beside-an-undated-cd19-positive.yaml").summary())
                .endsWith("could not be checked: CD19 result records conflict");
        // records in conflict beside one in a code not recognised: the conflict first (correcting the code leaves it)
        assertThat(firstCardOf("orders-bcr-abl1-conflict-beside-a-diagnosis-subtype-not-recognised.yaml").summary())
                .endsWith("could not be checked: genetic subtype records conflict");
        // where only a marrow relapse would let the record's BCR::ABL1 test settle the genetics, the site comes first
        assertThat(firstCardOf("ph-possible/site-not-recorded-negative-fish-of-the-relapse-marrow.yaml").summary()).isEqualTo(
                "First relapse, site not recorded: COG stratum undecided, BCR::ABL1 (Ph+) not ruled out; record the site");
        assertThat(firstCardOf("orders-site-not-recorded-negative-fish-of-the-relapse-marrow.yaml").detail())
                .contains("Correct the genetic subtype, record the relapse site, or sign")
                .doesNotContain("in conflict");
        Pattern notUsedConflict = Pattern.compile("(?m)^- Not used: .*, conflicting values");
        List<Shown> conflicted = cards.stream().filter(s -> notUsedConflict.matcher(s.card().detail()).find()).toList();
        assertThat(conflicted).as("cards with results not used because they conflict").hasSizeGreaterThanOrEqualTo(3);
        conflicted.forEach(s -> assertThat(s.card().summary()).as(s.source()).doesNotContainPattern(
                ": record [^;]*(genetic subtype|end-of-induction MRD|day-8 MRD|WBC at diagnosis|CNS status)"));
    }

    /** An age at diagnosis or a relapse interval names the diagnosis date it was read from, so it can be checked. */
    @Test
    void anAgeAtDiagnosisOrAnInterval_namesTheDiagnosisDateItWasReadFrom() {
        assertThat(firstCardOf("risk/worked-example-a.yaml").detail()).contains("- Age at diagnosis (2024-05-06): 4 y\n");
        assertThat(firstCardOf("relapse/worked-example-c.yaml").detail())
                .contains("- Interval: 54 months from diagnosis (2015-02-10); 30 months after end of front-line therapy");
        Pattern undated = Pattern.compile("(?m)^- (Age at diagnosis(?! \\(\\d{4}-\\d{2}-\\d{2}\\): )"
                + "|Interval: \\d+ months from diagnosis(?! \\(\\d{4}-\\d{2}-\\d{2}\\)))");
        List<Shown> dated = cards.stream().filter(s -> s.card().detail().contains(" diagnosis (")).toList();
        assertThat(dated).as("cards with an age at diagnosis or an interval").hasSizeGreaterThanOrEqualTo(100);
        cards.forEach(s -> assertThat(s.card().detail()).as(s.source()).doesNotContainPattern(undated));
    }

    /** Neutral genetics are a reason for the group like favourable ones: the card shows the result it rests on. */
    @Test
    void neutralGenetics_showTheResultAmongTheReasons() {
        assertThat(firstCardOf("neutral-genetics-eoi-positive.yaml").detail())
                .contains("- Genetics: High hyperdiploidy (2024-05-08)");
    }

    @Test
    void conflictingResultsReadTogetherAsABound_areSaidToBeUsedSo() {
        Card card = firstCardOf("rival-block1-blasts-same-day.yaml");

        assertThat(card.detail()).contains(
                "- Read together: End-of-block-1 marrow blasts (2019-09-24), conflicting values (2 records)",
                "- End-of-block-1 marrow blasts: 3 to 8 % (2019-09-24)");
    }

    /**
     * Marrow counts of one day that differ, read together as their range, settle a threshold they all fall on one side
     * of: a group or stratum decided so rests on them, although no rule behind it matches the count.
     */
    @Test
    void conflictingCountsThatSettleADecidedCard_areSaidToBeReadTogether_notUnused() {
        Map.of("rival-eoi-blasts-same-day-both-below-cutoff.yaml", "End-of-induction marrow blasts (2024-06-03)",
                "rival-block1-blasts-same-day-both-below-5.yaml", "End-of-block-1 marrow blasts (2019-09-24)")
                .forEach((file, record) -> assertThat(firstCardOf(file).detail()).as(file)
                        .contains("- Read together: " + record + ", conflicting values (2 records)")
                        .doesNotContain("Not used"));
    }

    /**
     * A decision that rests on a marrow count below its cut-off (no induction failure below 25 %, a remission below 5 %)
     * names that count among its reasons, as a count at or above the cut-off is named: a single count, or counts of one
     * day read together as their range; so does a card whose words would name induction failure were the count 25 % or
     * more (very high risk by genetics), and a CAR-T or blinatumomab order's card (not refractory, or waiting for an MRD
     * beside a count that is not refractory). {@code topic}: the card's, where the scenario gives more than one.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "risk/thresholds/induction-blasts-24.9.yaml|risk-at-diagnosis|End-of-induction marrow blasts: 24.9 % (2024-06-03)",
            "rival-eoi-blasts-same-day-both-below-cutoff.yaml|risk-at-diagnosis"
                    + "|End-of-induction marrow blasts: 3 to 10 % (2024-06-03)",
            "t-all/t-all-eoi-blasts-10.yaml|risk-at-diagnosis|End-of-induction marrow blasts: 10 % (2024-06-03)",
            "nci-high-eoi-positive-eoi-blasts-10.yaml|risk-at-diagnosis|End-of-induction marrow blasts: 10 % (2024-06-03)",
            "blinatumomab-cr1-eoi-blasts-2.yaml|risk-at-diagnosis|End-of-induction marrow blasts: 2 % (2024-06-03)",
            "blinatumomab-cr1-eoi-blasts-2.yaml|blinatumomab-label|End-of-induction marrow blasts: 2 % (2024-06-03)",
            "relapse/thresholds/block1-blasts-2.yaml|relapse-classification|End-of-block-1 marrow blasts: 2 % (2019-09-24)",
            "relapse/thresholds/block1-blasts-4.9.yaml|relapse-classification"
                    + "|End-of-block-1 marrow blasts: 4.9 % (2019-09-24)",
            "rival-block1-blasts-same-day-both-below-5.yaml|relapse-classification"
                    + "|End-of-block-1 marrow blasts: 2 to 4 % (2019-09-24)",
            "rival-block1-blasts-same-day-both-below-5.yaml|blinatumomab-label"
                    + "|End-of-block-1 marrow blasts: 2 to 4 % (2019-09-24)",
            "risk/hypodiploidy-eoi-blasts-10.yaml|risk-at-diagnosis|End-of-induction marrow blasts: 10 % (2024-06-03)",
            "infant-kmt2a-rearranged-eoi-blasts-10.yaml|risk-at-diagnosis"
                    + "|End-of-induction marrow blasts: 10 % (2024-06-03)",
            "risk/ph-positive-eoi-blasts-10.yaml|risk-at-diagnosis|End-of-induction marrow blasts: 10 % (2024-06-03)",
            "orders/cart-label-not-met-block1-blasts-2.yaml|cart-label|End-of-block-1 marrow blasts: 2 % (2019-09-24)",
            "orders/blinatumomab-cr1-eoi-blasts-2-mrd-below-label.yaml|blinatumomab-label"
                    + "|End-of-induction marrow blasts: 2 % (2024-06-03)",
            "risk/infant-genetics-missing-eoi-blasts-10.yaml|risk-at-diagnosis"
                    + "|End-of-induction marrow blasts: 10 % (2024-06-03)",
            "orders/blinatumomab-cr1-eoi-blasts-2-mrd-not-recorded.yaml|blinatumomab-label"
                    + "|End-of-induction marrow blasts: 2 % (2024-06-03)",
            "orders/blinatumomab-mrd-below-label-block1-blasts-2.yaml|blinatumomab-label"
                    + "|End-of-block-1 marrow blasts: 2 % (2019-09-24)",
            "orders/blinatumomab-mrd-pending-block1-blasts-2.yaml|blinatumomab-label"
                    + "|End-of-block-1 marrow blasts: 2 % (2019-09-24)"})
    void aDecisionRestingOnAMarrowCountBelowItsCutOff_namesTheCount(String scenario, String topic, String line) {
        Shown shown = cards.stream().filter(s -> s.source().endsWith(scenario)
                && s.card().source().topic().code().equals(topic)).findFirst().orElseThrow();
        String detail = shown.card().detail();

        assertThat(detail.substring(detail.indexOf("**Because:**"))).contains("- " + line + "\n");
        assertThat(shown.extension().inputs()).as("the extension's inputs")
                .anyMatch(i -> i.name().startsWith("marrowBlasts") && line.contains(": " + i.value() + " ("));
    }

    /**
     * Induction failure calls for HSCT consideration in first remission whatever the group (R-TX-HSCT-01): an infant
     * whose group waits for KMT2A is told so beside the undetermined group, never given a group; an infant's Ph+ card
     * says it beside the TKI, as a decided child's HSCT card does, after "Infant ALL" as every infant's group card.
     */
    @Test
    void inductionFailure_isSaidOnEveryFrontLineCardThatRestsOnIt() {
        Card undetermined = firstCardOf("infant-induction-failure-genetics-missing.yaml");
        Card ph = firstCardOf("infant-ph-positive-induction-failure.yaml");

        assertThat(undetermined.summary()).startsWith("Infant ALL, induction failure: consider HSCT in CR1;")
                .contains("COG risk group undetermined (high or very high risk)");
        assertThat(ph.summary()).startsWith("Infant ALL, Ph+ (BCR::ABL1), induction failure, COG high risk: add a TKI")
                .contains("consider HSCT in CR1");
        for (Card card : List.of(undetermined, ph)) {
            assertThat(card.summary()).hasSizeLessThan(140);
            assertThat(card.detail()).contains("HSCT in first remission is considered per protocol for induction failure")
                    .contains("- End-of-induction marrow blasts: 30 % (2024-06-03)\n");
        }
    }

    /** A child of one year or more with Ph+ ALL and induction failure: very high risk, a TKI and HSCT consideration. */
    @Test
    void phPositiveWithInductionFailure_namesBothBesideTheTki_andTheCount() {
        Card card = firstCardOf("risk/ph-positive-induction-failure.yaml");

        assertThat(card.summary()).isEqualTo("Ph+ ALL (BCR::ABL1), induction failure, COG very high risk: add a TKI to"
                + " chemotherapy on a Ph+ protocol; consider HSCT in CR1");
        assertThat(card.detail().substring(card.detail().indexOf("**Because:**")))
                .contains("- Genetics: BCR::ABL1 (")
                .contains("- End-of-induction marrow blasts: 30 % (2024-06-03)\n");
    }

    @Test
    void aBlock1BlastsLowerBound_readsAsTheClinicianWroteIt() {
        Card card = firstCardOf("block1-blasts-at-least-5.yaml");

        assertThat(card.summary()).contains("marrow blasts ≥ 5 %");
        assertThat(card.detail()).startsWith("End-of-block-1 marrow blasts ≥ 5 %: treatment failure.")
                .contains("- End-of-block-1 marrow blasts: ≥ 5 % (2019-09-24)").doesNotContain("Not used", ">=");
    }

    /** Data contract D4: the card counts the records left out, as many as its extension lists. */
    @Test
    void recordsDatedAfterTheEvaluationTime_areCountedAsTheExtensionListsThem() {
        List<Shown> counting = cards.stream().filter(s -> DATED_AFTER_COUNT.matcher(s.card().detail()).find()).toList();

        assertThat(counting).as("cards of records dated after the evaluation time").hasSizeGreaterThanOrEqualTo(2);
        for (Shown s : counting) {
            Matcher count = DATED_AFTER_COUNT.matcher(s.card().detail());
            assertThat(count.find()).isTrue();
            long listed = s.extension().inputs().stream()
                    .filter(i -> i.value().startsWith("dated-after-evaluation-time")).count();
            assertThat(Long.parseLong(count.group(1))).as(s.source()).isEqualTo(listed);
        }
    }

    @Test
    void recordsLeftOutByTheIntegrityStep_areNamedAsTheMappingNamesThem() {
        Card card = firstCardOf("d4-all-records-after-evaluation-time.yaml");

        assertThat(card.detail()).startsWith("7 records are dated after the evaluation time and were not used.")
                .contains("- Not used: ALL diagnosis (2024-05-06), dated after the evaluation time",
                        "- Not used: Day-8 MRD (2024-05-14), dated after the evaluation time");
    }

    private static final Pattern RULES_LINE = Pattern.compile("(?m)^Rules: (.*) · rule set (\\S+) · evaluated (\\S+)\\.$");

    /**
     * Every card names its rules by id (those of extension-only findings aside), with the rule set and the evaluation
     * time, and the clinical source of each once: as a link, or on the "Rules:" line, never both (the data contract,
     * no clinical source, only in the extension).
     */
    @Test
    void everyCard_namesEveryRuleId_andEachSourceOnce_byItsLinkOrOnTheRulesLine() {
        for (Shown s : cards) {
            Matcher line = RULES_LINE.matcher(s.card().detail());
            assertThat(line.find()).as("%s: a Rules line", s.source()).isTrue();
            String rules = line.group(1);
            assertThat(line.group(2)).as(s.source()).isEqualTo(s.extension().ruleSet().version());
            assertThat(line.group(3)).as(s.source()).isEqualTo(s.extension().evaluationTime());
            Set<String> linked = s.card().links() == null ? Set.of() : s.card().links().stream()
                    .map(org.allcds.hooks.Link::label).collect(Collectors.toSet());
            Matcher id = CardLimitsTest.RULE_ID.matcher(rules);
            Set<String> named = new java.util.HashSet<>();
            while (id.find()) {
                named.add(id.group());
            }
            assertThat(named).as("%s: rules named", s.source()).isNotEmpty().isSubsetOf(
                    s.extension().rules().stream().map(AllCdsExtension.RuleView::id).toList());
            Set<String> checked = new java.util.HashSet<>();
            for (AllCdsExtension.RuleView rule : s.extension().rules()) {
                if (!named.contains(rule.id()) || !checked.add(rule.id())) {
                    continue; // a rule of an extension-only finding, or another version of an id the line names once
                }
                String source = ClinicalText.shortSource(rule.source());
                if (!source.isEmpty() && !ClinicalText.isDataContract(rule.source())) {
                    assertThat(linked.contains(source) || rules.contains("(" + source + ")"))
                            .as("%s: source of %s, '%s', named", s.source(), rule.id(), source).isTrue();
                }
            }
            assertThat(linked).as("%s: a linked source named again on '%s'", s.source(), rules)
                    .noneMatch(label -> rules.contains("(" + label + ")"));
            assertThat(rules).as(s.source()).doesNotContain("data contract");
        }
    }

    /**
     * A relapse site the service does not know is never "not recorded" (it may have been sent in a code not read, or in
     * records that conflict), and is said once: by the "Missing" line where the card asks for it, which the relapse line
     * then leaves to it, else by the relapse line's "site unknown".
     */
    @Test
    void aRelapseSiteNotKnown_isSaidOnce_neverAsNotRecorded() {
        Pattern withoutSite = Pattern.compile("(?m)^- Relapse: \\d{4}-\\d{2}-\\d{2}, relapse \\d");
        int withoutSiteLine = 0;
        for (Shown s : cards) {
            String detail = s.card().detail();
            assertThat(detail).as(s.source()).doesNotContain("site not recorded");
            boolean asked = detail.matches("(?s).*\\*\\*Missing:\\*\\*[^\\n]*relapse site.*");
            if (withoutSite.matcher(detail).find()) {
                withoutSiteLine++;
                assertThat(asked).as("%s: the site asked for where the relapse line leaves it out", s.source()).isTrue();
            }
            if (detail.contains(", site unknown, ")) {
                assertThat(asked).as("%s: the site said unknown and asked for", s.source()).isFalse();
            }
        }
        assertThat(withoutSiteLine).as("cards asking for a relapse site").isGreaterThan(20);
    }


    /**
     * No card's summary or note asks to record an input that its "Missing" line (or its summary, where that line names
     * the input alone) shows held in records that cannot be used: in conflict, contradicted, in a code not recognised or
     * whose codes disagree, not a number, not yet final. It asks to correct, check or await them, as an order note does.
     */
    @Test
    void noCard_asksToRecordAnInputItsRecordsHoldUnusable() {
        Pattern qualified = Pattern.compile("^(.+?)(?: in a recognised code| as a number| \\((?:[^)]*; )?(?:" + UNUSABLE
                + ")[^)]*\\))$");
        int held = 0;
        List<String> asked = new ArrayList<>();
        for (Shown s : cards) {
            List<String> items = missingItems(s.card());
            String text = s.card().summary() + "\n" + note(s.card());
            for (String item : items) {
                Matcher q = qualified.matcher(item);
                String input = q.matches() ? q.group(1) : item;
                if (!q.matches() && !Pattern.compile("\\b" + Pattern.quote(input) + " (" + UNUSABLE + ")")
                        .matcher(s.card().summary()).find()) {
                    continue;
                }
                held++;
                String it = items.size() == 1 ? "|it\\b" : "";
                if (Pattern.compile("(?i)\\brecord (the )?(" + Pattern.quote(input) + it + ")").matcher(text).find()) {
                    asked.add(s.source() + ": '" + s.card().summary() + "' / " + item);
                }
            }
        }
        assertThat(held).as("inputs held in records that cannot be used").isGreaterThan(20);
        assertThat(asked).as("inputs held in records that cannot be used, asked to be recorded").isEmpty();
        assertThat(firstCardOf("relapse/missing-data/lineage-conflict.yaml").summary()).isEqualTo(
                "First relapse, lineage records conflict: COG stratum undecided (low or high risk); correct the lineage");
        assertThat(firstCardOf("relapse/undated-immunophenotype-not-recognised.yaml").summary())
                .startsWith("Lineage code not recognised: ").endsWith("; correct it");
        Card wbc = firstCardOf("risk/integrity/earliest-wbc-at-diagnosis-as-text.yaml");
        assertThat(wbc.summary()).isEqualTo("COG risk group undetermined (low or high risk): WBC at diagnosis not a number");
        assertThat(wbc.detail()).contains("**Missing:** WBC at diagnosis.");
    }

    /**
     * A card never asks to record an input that its "Not used" lines show held in a record a clinician corrects or dates
     * (a unit that cannot be converted, a date without a day, a birth date after the diagnosis, a marrow specimen for a
     * blood timepoint, a relapse number that is no whole number): it asks for what is wrong with that record.
     */
    @Test
    void noCard_asksToRecordAnInputHeldInARecordToCorrectOrDate() {
        List<Held> held = cards.stream().filter(s -> s.extension().findings().stream()
                        .anyMatch(f -> f.type().equals("data-quality") && CORRECTED_OR_DATED.contains(f.value())))
                .flatMap(Held::in).toList();

        assertThat(held).as("inputs held in records to correct or date").hasSizeGreaterThan(10);
        assertThat(held.stream().filter(Held::askedToBeRecorded).map(Held::toString))
                .as("inputs held in records to correct or date, asked to be recorded").isEmpty();
        // the "Missing" line names the input alone: the summary said what is wrong with it
        assertThat(firstCardOf("risk/edge-cases/cns3-and-cns1-of-two-months.yaml").detail())
                .contains("**Missing:** CNS status.");
        assertThat(firstCardOf("relapse/missing-data/relapse-number-as-text.yaml").detail())
                .contains("**Missing:** relapse number.");
    }

    /**
     * A summary asks for what is wrong with the record that holds an input: the part at fault (its date, unit, specimen,
     * a birth date after the diagnosis), a value out of range by why, a relapse number by why or by the question its
     * records leave open.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            risk/edge-cases/cns3-and-cns1-of-two-months.yaml | ): add the full date to the CNS status record
            risk/integrity/undated-wbc-80-beside-wbc-8-at-diagnosis-nci-not-decided.yaml | ): add the full date to the WBC record
            risk/integrity/t-immunophenotype-beside-an-undated-b-one.yaml | ): add the full date to the immunophenotype record
            risk/edge-cases/e4-wbc-multiplier-in-an-annotation.yaml | ): correct the unit of the WBC at diagnosis
            risk/missing-data/birth-date-after-diagnosis.yaml | ): correct the birth date
            risk/specimen/day8-mrd-in-marrow.yaml | ): check the specimen of the day-8 MRD
            risk/missing-data/wbc-out-of-range.yaml | ): WBC at diagnosis with a value outside the plausible range
            relapse/missing-data/relapse-number-as-text.yaml | Relapse number not a whole number above 0: no relapse classified; correct it
            relapse/missing-data/relapse-numbers-disagree.yaml | Relapse number records conflict: no relapse classified; correct it
            relapse/missing-data/relapse-recorded-twice-days-apart.yaml | (records under 90 days apart): no relapse classified; say whether the records are one relapse or two
            """)
    void aSummary_asksForWhatIsWrongWithTheRecordThatHoldsAnInput(String scenario, String ending) {
        assertThat(firstCardOf(scenario).summary()).endsWith(ending);
    }

    /**
     * A decision waits for an input ("COG risk group pending end-of-induction MRD") only where the child's record lacks
     * it: where the card's data-quality findings show the child's own record of it held but not usable for a reason the
     * clinician can act on (its date, specimen, unit or value, records that conflict, a result not yet final), the
     * summary says why instead. Not where the record is dated after the evaluation time, or before the diagnosis or
     * relapse it should follow: the result may still be to come, or be another time's.
     */
    @Test
    void aPendingSummary_saysWhyTheInputItWaitsForCannotBeUsed_whereTheRecordHoldsIt() {
        List<Shown> pending = cards.stream().filter(s -> PENDING_ON.matcher(s.card().summary()).find()).toList();
        List<String> waitingForWhatIsThere = pending.stream().filter(CardTextTest::waitsForAnInputHeldUnusable)
                .map(s -> s.source() + ": '" + s.card().summary() + "'").toList();

        assertThat(pending).as("cards whose summary says what a decision waits for").hasSizeGreaterThan(15);
        assertThat(waitingForWhatIsThere).as("summaries pending an input the record holds but cannot use").isEmpty();
    }

    /** A summary that says "pending <input>" of an input the card lacks, beside a record of it held but not usable. */
    private static boolean waitsForAnInputHeldUnusable(Shown s) {
        boolean actionable = s.extension().findings().stream()
                .anyMatch(f -> f.type().equals("data-quality") && HELD_TO_ACT_ON.contains(f.value()));
        return actionable && lackedInputs(s).stream()
                .filter(input -> s.card().summary().matches(".*\\bpending " + Pattern.quote(InputWords.of(input)) + "\\b.*"))
                .anyMatch(input -> notUsedLinesOfAnyReason(s.card()).stream()
                        .anyMatch(line -> holds(line, input) && !MAY_BE_TO_COME.matcher(line).find()));
    }

    /**
     * Exact WBC counts of one day that differ conflict, whether or not they lie across the 50 x10^9/L cut-off, as a count
     * and a bound that contradicts it do: the card says so, and asks for no "exact" WBC, which each count already is.
     * Only a WBC reported as a bound across the cut-off is asked for as the exact figure.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            rival-wbc-same-day-across-cutoff.yaml | COG risk group undetermined (low or high risk): WBC at diagnosis records conflict
            rival-wbc-same-day-count-and-bound.yaml | COG risk group undetermined (low or high risk): WBC at diagnosis records conflict
            e4-wbc-greater-than.yaml | COG risk group undetermined (low or high risk): report the exact WBC at diagnosis
            t-all-wbc-bound-across-cutoff.yaml | COG risk group undetermined (standard (average) or high risk): report the exact WBC at diagnosis
            """)
    void wbcCountsOfOneDayThatDiffer_conflict_whileABoundAcrossTheCutOffNeedsTheExactCount(String scenario, String summary) {
        Card card = firstCardOf(scenario);
        assertThat(card.summary()).isEqualTo(summary);
        // the summary gives the reason: the note does not repeat it
        assertThat(note(card)).doesNotContain("contradict");
    }

    /** An input a card lacks that one of its "Not used" lines shows held in a record ({@link #holds}). */
    private record Held(Shown shown, String input, boolean alone) {

        static Stream<Held> in(Shown s) {
            Set<String> lacked = lackedInputs(s);
            return lacked.stream().filter(input -> notUsedLines(s.card()).stream().anyMatch(line -> holds(line, input)))
                    .map(input -> new Held(s, input, lacked.size() == 1));
        }

        /** "record the CNS status", "record or correct the relapse number", "record it" of the one input lacked. */
        boolean askedToBeRecorded() {
            String names = InputWords.namesInSummary(input).stream().map(Pattern::quote).collect(Collectors.joining("|"));
            return Pattern.compile("(?i)\\brecord (or correct )?(the )?(" + names + (alone ? "|it\\b" : "") + ")")
                    .matcher(shown.card().summary() + "\n" + note(shown.card())).find();
        }

        @Override
        public String toString() {
            return shown.source() + ": '" + shown.card().summary() + "' / " + input;
        }
    }

    /** The inputs a card's findings lack: missing-data values and the missing lists, as the extension carries them. */
    private static Set<String> lackedInputs(Shown s) {
        Set<String> lacked = new LinkedHashSet<>();
        for (AllCdsExtension.FindingView f : s.extension().findings()) {
            if (f.type().equals("missing-data")) {
                lacked.add(f.value());
            }
            if (f.missing() != null) {
                lacked.addAll(f.missing());
            }
        }
        return lacked;
    }

    /** The card's "Not used" lines, without the label: "CNS status (2024-05), date without a day". */
    private static List<String> notUsedLines(Card card) {
        return notUsedLinesOfAnyReason(card).stream()
                .filter(line -> !line.contains("dated after the evaluation time") && !line.contains("not yet final"))
                .toList();
    }

    /** The card's "Not used" lines, a result not yet final or dated after the evaluation time too. */
    private static List<String> notUsedLinesOfAnyReason(Card card) {
        return NOT_USED_LINE.matcher(card.detail()).results().map(m -> m.group().replaceFirst("^(- )?Not used: ", ""))
                .toList();
    }

    /**
     * True when a "Not used" line names a record that holds the input, or the part of a record that is the input: "CNS
     * status (2024-05), …" holds the CNS status, "the relapse number of Relapse (…), …" the relapse number (and not the
     * site), "Day-8 MRD in bone marrow (…), …" the day-8 MRD, "the birth date, …" the birth date.
     */
    private static boolean holds(String line, String input) {
        Matcher m = NOT_USED_RECORD.matcher(line);
        if (!m.find()) {
            return false;
        }
        String part = m.group("part");
        String words = InputWords.of(input);
        if (part != null && (part.equalsIgnoreCase(words) || InputWords.namesInSummary(input).contains(part))) {
            return true;
        }
        Set<String> heldThere = m.group("record") == null ? null : InputWords.heldByRecord(m.group("record"));
        return heldThere != null && heldThere.contains(input) && (part == null || WHOLE_VALUE.contains(part));
    }

    /**
     * Lineage codings of one result that disagree were each recognised: the risk card says the codes disagree, as the
     * relapse and order cards do, never that the code was not recognised or the result not coded in its value set.
     */
    @Test
    void lineageCodingsThatDisagree_areSaidToDisagree_notToBeUnrecognised() {
        Card risk = firstCardOf("risk/integrity/lineage-codings-disagree.yaml");
        assertThat(risk.summary()).endsWith(": lineage codes disagree");
        assertThat(risk.detail()).contains("**Missing:** lineage.")
                .contains("Not used: the value of Immunophenotype (2024-05-07), codes that disagree")
                .doesNotContain("not coded in its value set").doesNotContain("not recognised");
    }

    /** The items of the card's "Missing" line, none without one: "genetic subtype", "lineage (records conflict)". */
    private static List<String> missingItems(Card card) {
        Matcher line = MISSING_LINE.matcher(card.detail());
        return line.find() ? List.of(line.group(1).split(", (?![^(]*\\))")) : List.of();
    }

    /** The card's note: the paragraph after the summary, where there is one. */
    private static String note(Card card) {
        String first = card.detail().split("\n\n", 2)[0];
        return first.startsWith("- ") || first.startsWith("**") ? "" : first;
    }
}
