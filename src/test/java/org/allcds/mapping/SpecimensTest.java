package org.allcds.mapping;

import static org.allcds.mapping.Fhir.blasts;
import static org.allcds.mapping.Fhir.concept;
import static org.allcds.mapping.Fhir.ctx;
import static org.allcds.mapping.Fhir.mrd;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.MarrowBlasts;
import org.allcds.facts.Mrd;
import org.allcds.facts.MrdTimepoint;
import org.allcds.facts.Relapse;
import org.allcds.facts.RelapseSite;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * I8, I9: a result whose record codes another specimen than its timepoint's (blood at the end of induction or of
 * block 1, marrow at day 8) does not stand for that timepoint; one coded as its timepoint's, or not coded, does.
 */
class SpecimensTest {

    private static final String V2 = "http://terminology.hl7.org/CodeSystem/v2-0487";
    private static final List<Code> BLOOD = List.of(Codes.snomed("119297000"), Codes.snomed("122555007"),
            Codes.snomed("87612001"), new Code(V2, "BLD"));
    private static final List<Code> MARROW = List.of(Codes.snomed("119359002"), Codes.snomed("14016003"),
            new Code(V2, "MAR"));

    private static Observation withSpecimenType(Observation result, Code type) {
        Specimen specimen = new Specimen().setType(concept(type));
        specimen.setId("s");
        result.addContained(specimen);
        return result.setSpecimen(new Reference("#s"));
    }

    private static Observation atSite(Observation result, Code site) {
        return result.setBodySite(concept(site));
    }

    private static List<Mrd> mrds(MappingContext ctx, Observation... results) {
        return MrdMapper.map(List.of(results), Optional.empty(), ctx);
    }

    private static DataQualityIssue issue(String detail, String reference) {
        return new DataQualityIssue(Specimens.CONTRADICTS_TIMEPOINT, detail, reference);
    }

    @Test
    void anEndOfInductionMrdCodedAsBlood_isNotPlaced_andIsNamed() {
        for (Code blood : BLOOD) {
            MappingContext ctx = ctx();

            assertThat(mrds(ctx, withSpecimenType(mrd("eoi", "end-of-induction", "2020-04-07", "0.005", "%"), blood)))
                    .as("%s", blood).isEmpty();
            assertThat(ctx.issues()).containsExactly(issue("Observation.specimen: blood", "Observation/eoi"));
        }
    }

    @Test
    void anEndOfInductionMrdCodedAsMarrow_isReadAsOneWithoutASpecimen() {
        for (Code marrow : MARROW) {
            MappingContext ctx = ctx();
            Observation bySite = atSite(mrd("site", "end-of-induction", "2020-04-07", "0.005", "%"), marrow);
            Observation byType = withSpecimenType(mrd("type", "relapse-end-block1", "2023-03-01", "0.02", "%"), marrow);

            assertThat(mrds(ctx, bySite, byType)).extracting(Mrd::timepoint).as("%s", marrow)
                    .containsExactly(MrdTimepoint.END_OF_INDUCTION, MrdTimepoint.RELAPSE_END_BLOCK1);
            assertThat(ctx.issues()).isEmpty();
        }
    }

    /** Day 8 is read from peripheral blood: a marrow result is not it, a blood one is. */
    @Test
    void aDay8MrdCodedAsMarrow_isNotPlaced_whileOneCodedAsBloodIs() {
        MappingContext ctx = ctx();
        Observation marrow = mrd("marrow", "day8-pb", "2020-03-10", "0.5", "%");
        Specimen collected = new Specimen();
        collected.getCollection().setBodySite(concept(Codes.snomed("14016003")));
        collected.setId("bm");
        marrow.addContained(collected);
        marrow.setSpecimen(new Reference("#bm"));

        assertThat(mrds(ctx, marrow)).isEmpty();
        assertThat(ctx.issues()).containsExactly(issue("Observation.specimen: bone marrow", "Observation/marrow"));
        assertThat(mrds(ctx(), atSite(mrd("blood", "day8-pb", "2020-03-10", "0.5", "%"), BLOOD.get(0))))
                .extracting(Mrd::timepoint).containsExactly(MrdTimepoint.DAY8_PB);
    }

    /** Which sample was measured cannot be told: not read as the marrow result either. */
    @Test
    void aResultCodedAsBloodAndAsMarrow_isNotPlaced() {
        MappingContext ctx = ctx();
        Observation both = withSpecimenType(atSite(mrd("both", "end-of-induction", "2020-04-07", "0.005", "%"),
                MARROW.get(1)), BLOOD.get(1));

        assertThat(mrds(ctx, both)).isEmpty();
        assertThat(ctx.issues()).containsExactly(issue("Observation.specimen: blood and bone marrow", "Observation/both"));
    }

    @Test
    void textUnknownCodesAndASpecimenNotSent_sayNothing_theTimepointDecides() {
        Observation display = mrd("display", "end-of-induction", "2020-04-07", "0.005", "%")
                .setSpecimen(new Reference().setDisplay("peripheral blood"));
        display.setBodySite(new CodeableConcept().setText("peripheral blood"));
        Observation unknown = atSite(mrd("unknown", "day8-pb", "2020-03-10", "0.5", "%"),
                new Code("http://lab.example.org/sites", "BM"));
        Observation notSent = mrd("not-sent", "relapse-end-block1", "2023-03-01", "0.02", "%")
                .setSpecimen(new Reference("Specimen/elsewhere"));
        MappingContext ctx = ctx();

        assertThat(mrds(ctx, display, unknown, notSent)).hasSize(3);
        assertThat(ctx.issues()).isEmpty();
    }

    /** A site's own specimen codes count once its ConceptMap maps them onto a listed code. */
    @Test
    void aSiteCodeTranslatedToBlood_isBlood() {
        Code local = new Code("http://lab.example.org/specimens", "PB");
        ConceptTranslator siteMap = (system, code) -> local.equals(new Code(system, code))
                ? List.of(local, BLOOD.get(0)) : ConceptTranslator.IDENTITY.translate(system, code);
        MappingContext ctx = new MappingContext(siteMap);

        assertThat(mrds(ctx, withSpecimenType(mrd("eoi", "end-of-induction", "2020-04-07", "0.005", "%"), local)))
                .isEmpty();
        assertThat(ctx.issues()).extracting(DataQualityIssue::code).containsExactly(Specimens.CONTRADICTS_TIMEPOINT);
    }

    /** Paired samples of one day: the blood result neither conflicts with the marrow one nor replaces it. */
    @Test
    void aBloodResultBesideTheMarrowResultOfItsDay_leavesTheMarrowResult() {
        MappingContext ctx = ctx();
        Observation marrow = mrd("marrow", "end-of-induction", "2020-04-07", "0.004", "%");
        Observation blood = atSite(mrd("blood", "end-of-induction", "2020-04-07", "0.5", "%"), BLOOD.get(2));

        assertThat(mrds(ctx, marrow, blood)).extracting(Mrd::reference).containsExactly("Observation/marrow");
        assertThat(ctx.issues()).containsExactly(issue("Observation.bodySite: blood", "Observation/blood"));
    }

    /**
     * A blast count coded as blood is still read at a marrow timepoint: blasts in the blood are no remission, and left
     * out the count would read as no induction failure and as a second remission.
     */
    @Test
    void marrowBlastsCodedAsBlood_areStillRead() {
        MappingContext ctx = ctx();
        Optional<Relapse> relapse = Optional.of(new Relapse(LocalDate.parse("2023-01-10"), RelapseSite.ISOLATED_MARROW,
                1, false, "Observation/r"));
        List<Observation> results = List.of(atSite(blasts("eoi", "end-of-induction", "2020-04-07", "30"), BLOOD.get(2)),
                withSpecimenType(blasts("block1", "relapse-end-block1", "2023-02-01", "7"), BLOOD.get(3)));

        assertThat(MarrowBlastsMapper.map(results, relapse, ctx)).extracting(MarrowBlasts::reference)
                .containsExactlyInAnyOrder("Observation/eoi", "Observation/block1");
        assertThat(ctx.issues()).isEmpty();
    }

    /** The card names the record by what it was measured in, apart from the marrow result of its day. */
    @Test
    void aResultOfTheOtherSpecimen_isNamedByWhatItWasMeasuredIn() {
        Observation blood = withSpecimenType(mrd("eoi", "end-of-induction", "2020-04-07", "0.5", "%"), BLOOD.get(0));
        Observation marrow = atSite(mrd("d8", "day8-pb", "2020-03-10", "0.5", "%"), MARROW.get(1));

        assertThat(Fhir.mapped(DataQualityIssue.class, LocalDate.parse("2020-05-01"), blood, marrow))
                .extracting(DataQualityIssue::recordName)
                .containsExactly("Day-8 MRD in bone marrow (2020-03-10)", "End-of-induction MRD in blood (2020-04-07)");
    }

    /** A Specimen sent in the record is found by {@code Specimen/id} (also of a version) or by its entry's fullUrl. */
    @Test
    void aSpecimenSentInTheRecord_isFoundByIdOrByFullUrl() throws Exception {
        PatientData data = new PatientData(new LocalPrefetch().resources(JsonMapper.builder().build().readTree("""
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"fullUrl": "urn:uuid:6a7e0c1e-2f3b-4c5d-9e8f-0a1b2c3d4e5f",
                   "resource": {"resourceType": "Specimen",
                     "type": {"coding": [{"system": "http://snomed.info/sct", "code": "119297000"}]}}},
                  {"resource": {"resourceType": "Specimen", "id": "pb",
                     "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0487", "code": "BLD"}]}}},
                  {"resource": {"resourceType": "Specimen", "id": "bm",
                     "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0487", "code": "MAR"}]}}}
                ]}"""), "test"));
        MappingContext ctx = new MappingContext(ConceptTranslator.IDENTITY, Specimens.in(data));
        Observation byUrl = mrd("by-url", "end-of-induction", "2020-04-07", "0.005", "%")
                .setSpecimen(new Reference("urn:uuid:6a7e0c1e-2f3b-4c5d-9e8f-0a1b2c3d4e5f"));
        Observation byVersion = mrd("by-version", "relapse-end-block1", "2023-03-01", "0.02", "%")
                .setSpecimen(new Reference("Specimen/pb/_history/2"));
        Observation marrow = mrd("marrow", "end-of-induction", "2020-04-07", "0.004", "%")
                .setSpecimen(new Reference("Specimen/bm"));

        assertThat(mrds(ctx, byUrl, byVersion, marrow)).extracting(Mrd::reference).containsExactly("Observation/marrow");
        assertThat(ctx.issues()).extracting(DataQualityIssue::reference)
                .containsExactly("Observation/by-url", "Observation/by-version");
    }

    /** A contained Specimen as an EHR sends it: parsed from JSON, the local reference resolved. */
    @Test
    void aContainedSpecimenFromJson_isRead() throws Exception {
        PatientData data = new PatientData(new LocalPrefetch().resources(JsonMapper.builder().build().readTree("""
                {"resourceType": "Observation", "id": "eoi", "status": "final",
                 "contained": [{"resourceType": "Specimen", "id": "pb",
                   "type": {"coding": [{"system": "http://snomed.info/sct", "code": "122555007"}]}}],
                 "code": {"coding": [{"system": "https://all-cds.org/fhir/CodeSystem/all-cds", "code": "mrd"}]},
                 "specimen": {"reference": "#pb"},
                 "effectiveDateTime": "2020-04-07",
                 "valueQuantity": {"value": 0.005, "system": "http://unitsofmeasure.org", "code": "%"},
                 "component": [{"code": {"coding": [{"system": "https://all-cds.org/fhir/CodeSystem/all-cds",
                     "code": "timepoint"}]}, "valueCodeableConcept": {"coding": [{"system":
                     "https://all-cds.org/fhir/CodeSystem/all-cds", "code": "end-of-induction"}]}}]}"""), "test"));
        MappingContext ctx = ctx();

        assertThat(MrdMapper.map(data.ofType(Observation.class), Optional.empty(), ctx)).isEmpty();
        assertThat(ctx.issues()).containsExactly(issue("Observation.specimen: blood", "Observation/eoi"));
    }
}
