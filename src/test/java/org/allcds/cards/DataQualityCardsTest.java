package org.allcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.allcds.hooks.Card;
import org.allcds.hooks.CdsResponse;
import org.junit.jupiter.api.Test;

/**
 * Silence is a feature: a record the service does not use by design (an MRD at a timepoint the contract does not list,
 * an identical copy of a record) changes nothing a clinician reads. Its data-quality finding stays in the extension,
 * for machines and rule authors; the cards are those of the record without it. Where the card asks for a result that
 * record may be, it is named. Checked on the rendered cards of the author scenarios.
 */
class DataQualityCardsTest {

    private static final String WORKED_EXAMPLE_C = "tests/relapse/worked-example-c.yaml";
    private static List<Card> cards(String file) {
        return response(file).cards();
    }

    private static CdsResponse response(String file) {
        return CardCorpus.responseTo(file);
    }

    /** What a clinician sees first: each card's indicator and summary, in order. */
    private static List<String> faces(String file) {
        return cards(file).stream().map(c -> c.indicator() + " " + c.summary()).toList();
    }

    /** The union of the findings in the cards' extensions ("data-quality - duplicate-resource"). */
    private static Set<String> extensionFindings(String file) {
        return FindingsContractTest.union(response(file));
    }

    private static String details(String file) {
        return String.join("\n", cards(file).stream().map(Card::detail).toList());
    }

    @Test
    void aConsolidationMrdInASiteTimepointCode_changesNoCard_andStaysInTheExtension() {
        String file = "tests/relapse/silence/consolidation-mrd-site-timepoint.yaml";

        assertThat(faces(file)).isEqualTo(faces(WORKED_EXAMPLE_C));
        assertThat(details(file)).doesNotContain("timepoint code", "consolidation-mrd");
        assertThat(extensionFindings(file)).contains("data-quality - code-not-recognised");
    }

    @Test
    void aPreHsctMrdInASiteTimepointCode_makesNoCard_atASecondRelapse() {
        String file = "tests/relapse/silence/second-relapse-pre-hsct-mrd-site-timepoint.yaml";

        assertThat(faces(file)).noneMatch(face -> face.contains("Data quality"));
        assertThat(faces(file).get(0)).contains("CAR-T");
        assertThat(details(file)).doesNotContain("timepoint code");
        assertThat(extensionFindings(file)).contains("data-quality - code-not-recognised");
    }

    @Test
    void anEndOfInductionMrdMissing_namesTheMrdItCouldNotPlace() {
        String detail = cards("tests/risk/missing-data/eoi-mrd-missing-mrd-of-a-site-timepoint.yaml").get(0).detail();

        assertThat(detail).contains("end-of-induction MRD", "Not used: the timepoint code of MRD (2015-03-10), not recognised");
    }

    @Test
    void identicalCopies_changeNoCard() {
        String file = "tests/relapse/integrity/d3-block1-mrd-sent-twice-identical.yaml";

        assertThat(faces(file)).isEqualTo(faces(WORKED_EXAMPLE_C));
        assertThat(details(file)).doesNotContain("extra copy");
        assertThat(extensionFindings(file)).contains("data-quality - duplicate-resource");
        assertThat(details("tests/relapse/integrity/d3-duplicate-relapse.yaml")).doesNotContain("extra copy");
    }

    @Test
    void copiesThatDiffer_keepTheirLine_asInformation() {
        String file = "tests/risk/integrity/d3-patient-twice-different-birth-dates.yaml";

        assertThat(details(file)).contains("1 extra copy of", "the copies differ: the last updated was used");
    }

    /** A diagnosis date the record contradicts is there to correct: the card says so rather than ask to record one. */
    @Test
    void aContradictedDiagnosisDate_isToBeCorrected_notRecorded() {
        Card card = cards("tests/relapse/integrity/"
                + "only-c91-02-in-relapse-condition-dated-at-relapse-front-line-records-years-earlier.yaml").get(0);

        assertThat(card.summary()).startsWith("ALL diagnosis date contradicted by the record");
        assertThat(card.detail()).startsWith("Correct the diagnosis date").contains("contradicted by Front-line therapy");
    }
}
