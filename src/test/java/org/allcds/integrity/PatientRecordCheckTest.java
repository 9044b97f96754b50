package org.allcds.integrity;

import static org.allcds.integrity.Records.ME;
import static org.allcds.integrity.Records.OTHER;
import static org.allcds.integrity.Records.bcrAbl1;
import static org.allcds.integrity.Records.concept;
import static org.allcds.integrity.Records.data;
import static org.allcds.integrity.Records.diagnosis;
import static org.allcds.integrity.Records.entry;
import static org.allcds.integrity.Records.hsct;
import static org.allcds.integrity.Records.mrd;
import static org.allcds.integrity.Records.observation;
import static org.allcds.integrity.Records.patient;
import static org.allcds.integrity.Records.relapse;
import static org.allcds.integrity.Records.wbc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.facts.DataQualityIssue;
import org.allcds.facts.EvaluationTime;
import org.allcds.facts.GeneticFinding;
import org.allcds.facts.Hsct;
import org.allcds.facts.Mrd;
import org.allcds.facts.Relapse;
import org.allcds.facts.WbcAtDiagnosis;
import org.allcds.mapping.CalendarZone;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** D1–D5 of data contract §2a, each with the case it must leave alone. */
class PatientRecordCheckTest {

    private static final LocalDate EVALUATION = LocalDate.parse("2022-06-01");
    private static final String SERVER = "https://ehr.example.org/fhir";
    private static final CalendarZone NEW_YORK = CalendarZone.of(ZoneId.of("America/New_York"));
    private static final CalendarZone TOKYO = CalendarZone.of(ZoneId.of("Asia/Tokyo"));
    private final PatientRecordCheck check = new PatientRecordCheck();
    private final FactMapper mapper = new FactMapper();

    private CheckedRecord checked(PatientData data) {
        return check.check(data, "p1", SERVER, EVALUATION);
    }

    /** The facts the rules would see, without the step's own issues: what another patient's data must not change. */
    private List<Object> clinicalFacts(PatientData data) {
        return checked(data).facts(mapper, EVALUATION).stream().filter(f -> !(f instanceof DataQualityIssue)).toList();
    }

    private static List<DataQualityIssue> issues(CheckedRecord record, String code) {
        return record.issues().stream().filter(i -> i.code().equals(code)).toList();
    }

    private static <T> List<T> facts(List<Object> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The patient and {@code records} as the resolver reads JSON, {@code member} added to {@code hostile}'s JSON. */
    private static PatientData fromJson(Patient patient, List<Resource> records, Resource hostile, String member) {
        IParser encoder = FhirContext.forR4Cached().newJsonParser();
        StringBuilder entries = new StringBuilder("{\"resource\": " + encoder.encodeResourceToString(patient) + "}");
        for (Resource resource : records) {
            String json = encoder.encodeResourceToString(resource);
            entries.append(", {\"resource\": ").append(resource == hostile ? "{" + member + ", " + json.substring(1) : json)
                    .append('}');
        }
        String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" + entries + "]}";
        return new PatientData(new LocalPrefetch().resources(JsonMapper.builder().build().readTree(bundle), "test"));
    }

    @Nested
    class D1ThePatientInContext {

        @Test
        void anotherPatient_isA400NamingWhereItStood_neverItsId() {
            assertThatThrownBy(() -> checked(data(patient("p2"), diagnosis("dx", OTHER, "2020-01-10"))))
                    .isInstanceOf(InvalidCdsRequestException.class)
                    .satisfies(e -> {
                        InvalidCdsRequestException error = (InvalidCdsRequestException) e;
                        assertThat(error.status()).isEqualTo(400);
                        assertThat(error.diagnostics()).startsWith("test.entry[0].resource is not the patient in context")
                                .doesNotContain("p2");
                    });
        }

        @Test
        void anotherPatientInsideTheObservationsBundle_isA400NamingItsEntry_notPrefetchPatient() {
            JsonNode prefetch = JsonMapper.builder().build().readTree("""
                    {"patient": {"resourceType": "Patient", "id": "p1"},
                     "observations": {"resourceType": "Bundle", "type": "searchset", "entry": [
                       {"resource": {"resourceType": "Observation", "id": "o1", "status": "final",
                                     "subject": {"reference": "Patient/p1"}, "code": {"text": "x"}}},
                       {"resource": {"resourceType": "Patient", "id": "p2"}}]}}""");
            PatientData data = new PatientData(new LocalPrefetch().prefetch(prefetch));

            assertThatThrownBy(() -> checked(data)).isInstanceOf(InvalidCdsRequestException.class)
                    .satisfies(e -> assertThat(((InvalidCdsRequestException) e).diagnostics())
                            .startsWith("prefetch.observations.entry[1].resource is not the patient in context")
                            .doesNotContain("prefetch.patient", "p2"));
        }

        @Test
        void thePatientInContext_isKept() {
            CheckedRecord record = checked(data(patient("p1")));

            assertThat(record.data().resources()).hasSize(1);
            assertThat(record.issues()).isEmpty();
        }

        @Test
        void localData_takesItsOwnPatientAsThePatient() {
            CheckedRecord record = check.check(data(patient("p9"), wbc("w", "Patient/p9", "2020-01-10", "3")), null,
                    null, EVALUATION);

            assertThat(record.data().resources()).hasSize(2);
        }
    }

    @Nested
    class D2OnlyThisPatientsData {

        private final PatientData mine = data(patient("p1"), diagnosis("dx", ME, "2020-01-10"),
                wbc("w1", ME, "2020-01-10", "8.0"));

        @Test
        void foreignWbcAndBcrAbl1_changeNoFactAndAreCounted() {
            PatientData withForeign = data(patient("p1"), diagnosis("dx", ME, "2020-01-10"),
                    wbc("w1", ME, "2020-01-10", "8.0"), wbc("w2", OTHER, "2020-01-09", "120"), bcrAbl1("g", OTHER, "2020-01-11"));

            assertThat(clinicalFacts(withForeign)).isEqualTo(clinicalFacts(mine));
            assertThat(facts(clinicalFacts(withForeign), WbcAtDiagnosis.class)).singleElement()
                    .satisfies(w -> assertThat(w.per10e9L()).isEqualByComparingTo("8.0"));
            assertThat(facts(clinicalFacts(withForeign), GeneticFinding.class)).isEmpty();
            assertThat(issues(checked(withForeign), PatientRecordCheck.FOREIGN_SUBJECT)).singleElement()
                    .satisfies(i -> assertThat(i.detail()).startsWith("2 records").doesNotContain("p2"));
        }

        /**
         * A subject or focus cleared as not FHIR ({@code PrimitiveCheck}): whose record it is cannot be told. Left out,
         * and named with the element, not counted among another patient's records: it may be the child's own relapse.
         */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "\"subject\": 7                                   | Observation.subject",
                "\"subject\": {\"reference\": {\"value\": \"Patient/p1\"}} | Observation.subject.reference",
                "\"focus\": [{\"reference\": 5}]                    | Observation.focus.reference"})
        void aSubjectOrFocusThatCannotBeRead_leavesTheRecordOut_andNamesTheElement(String member, String element) {
            Observation relapse = relapse("r", null, "2021-06-01");
            if (member.contains("focus")) {
                relapse.setSubject(new Reference(ME));
            }

            CheckedRecord record = checked(fromJson(patient("p1"), List.of(diagnosis("dx", ME, "2020-01-10"), relapse),
                    relapse, member));

            assertThat(record.data().resources()).extracting(Resource::getIdPart).doesNotContain("r").hasSize(2);
            assertThat(record.excluded().resources()).extracting(Resource::getIdPart).containsExactly("r");
            assertThat(issues(record, "invalid-value")).containsExactly(new DataQualityIssue("invalid-value", element,
                    "Observation/r"));
            assertThat(issues(record, PatientRecordCheck.FOREIGN_SUBJECT)).isEmpty();
        }

        @Test
        void ownDataOnly_givesNoFinding() {
            assertThat(checked(mine).issues()).isEmpty();
            assertThat(checked(mine).data().resources()).hasSize(3);
        }

        @Test
        void aForeignLaterRelapse_leavesTheRelapseCountUnchanged() {
            PatientData withForeign = data(patient("p1"), diagnosis("dx", ME, "2018-01-10"),
                    relapse("r1", ME, "2021-01-05"), relapse("r2", OTHER, "2022-03-01"));

            assertThat(facts(clinicalFacts(withForeign), Relapse.class)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.number()).isEqualTo(1);
                        assertThat(r.reference()).isEqualTo("Observation/r1");
                    });
        }

        @Test
        void absoluteReferenceUnderFhirServer_isThisPatient() {
            CheckedRecord record = checked(data(patient("p1"), wbc("w", SERVER + "/Patient/p1", "2020-01-10", "3"),
                    wbc("v", SERVER + "/Patient/p1/_history/2", "2020-01-11", "3")));

            assertThat(record.data().resources()).hasSize(3);
            assertThat(record.issues()).isEmpty();
        }

        @Test
        void absoluteReferenceUnderAnotherServer_isExcluded() {
            CheckedRecord record = checked(data(patient("p1"),
                    wbc("w", "https://elsewhere.example.org/fhir/Patient/p1", "2020-01-10", "3")));

            assertThat(record.data().ofType(Observation.class)).isEmpty();
            assertThat(issues(record, PatientRecordCheck.FOREIGN_SUBJECT)).hasSize(1);
        }

        @Test
        void absoluteReference_withoutAFhirServer_isExcluded() {
            CheckedRecord record = check.check(data(patient("p1"), wbc("w", SERVER + "/Patient/p1", "2020-01-10", "3")),
                    "p1", null, EVALUATION);

            assertThat(record.data().ofType(Observation.class)).isEmpty();
        }

        @Test
        void versionSpecificRelativeReference_isThisPatient() {
            assertThat(checked(data(patient("p1"), wbc("w", "Patient/p1/_history/2", "2020-01-10", "3")))
                    .data().ofType(Observation.class)).hasSize(1);
        }

        @Test
        void urnUuidResolvedToThePatientEntry_isThisPatient() {
            CheckedRecord record = checked(data(entry("urn:uuid:7f0c", patient("p1")),
                    wbc("w", "urn:uuid:7f0c", "2020-01-10", "3"), wbc("v", "urn:uuid:0000", "2020-01-10", "3")));

            assertThat(record.data().ofType(Observation.class)).extracting(o -> o.getIdElement().getIdPart())
                    .containsExactly("w");
        }

        @Test
        void aSubjectlessObservation_isExcludedAndCounted() {
            CheckedRecord record = checked(data(patient("p1"), wbc("w", null, "2020-01-10", "3")));

            assertThat(record.data().ofType(Observation.class)).isEmpty();
            assertThat(issues(record, PatientRecordCheck.FOREIGN_SUBJECT)).singleElement()
                    .satisfies(i -> assertThat(i.detail()).startsWith("1 record"));
        }

        /**
         * FHIR's focus: "the actual focus of an observation when it is not the patient of record". A focus known to be
         * another person is counted with another patient's records; one whose type cannot be told (a display only, a
         * contained resource not there) leaves the result out too, but named, since it may be the patient's own.
         */
        @ParameterizedTest
        @CsvSource(nullValues = "-", value = {
            "Patient/p2, -, true, false", "https://other.example/fhir/Patient/p2, -, true, false",
            "RelatedPerson/mother, -, true, false", "-, -, true, true", "#donor, -, true, false", "-, Group, true, false",
            "Patient/p1, -, false, false", "Condition/dx, -, false, false", "Specimen/s1/_history/2, -, false, false",
            "-, BodyStructure, false, false", "#dx, -, false, false", "#unknown, -, true, true",
            "#donor, Condition, true, false"})
        void aResultWhoseFocusMayBeAnotherPerson_isExcluded_countedOrNamed(String focus, String type, boolean excluded,
                                                                          boolean named) {
            Observation count = wbc("w", ME, "2020-01-10", "120");
            count.addFocus(new Reference(focus).setType(type).setDisplay("focus"));
            // contained: the diagnosis the catalogue's profiles (P7, P12) focus on, and a donor
            Condition dx = diagnosis("dx", ME, "2020-01-01");
            dx.setId("#dx");
            count.addContained(dx);
            Patient donor = patient("donor");
            donor.setId("#donor");
            count.addContained(donor);

            CheckedRecord record = checked(data(patient("p1"), count));

            assertThat(record.data().resources()).hasSize(excluded ? 1 : 2);
            assertThat(issues(record, PatientRecordCheck.FOREIGN_SUBJECT)).hasSize(excluded ? 1 : 0)
                    .allSatisfy(i -> assertThat(i.reference()).isEqualTo(named ? "Observation/w" : null));
        }

        @Test
        void anotherPatientsConditionAndProcedure_areExcluded() {
            CheckedRecord record = checked(data(patient("p1"), diagnosis("dx", OTHER, "2020-01-10"),
                    hsct("h", OTHER, "2021-01-01")));

            assertThat(record.data().resources()).hasSize(1);
        }
    }

    @Nested
    class D3OneResourceIsOneResource {

        @Test
        void aDuplicateRelapse_leavesTheFirstRelapseFirst() {
            PatientData twice = data(patient("p1"), diagnosis("dx", ME, "2018-01-10"),
                    relapse("r1", ME, "2021-01-05"), relapse("r1", ME, "2021-01-05"));

            CheckedRecord record = checked(twice);

            assertThat(facts(record.facts(mapper, EVALUATION), Relapse.class)).singleElement()
                    .extracting(Relapse::number).isEqualTo(1);
            assertThat(issues(record, PatientRecordCheck.DUPLICATE)).singleElement()
                    .satisfies(i -> assertThat(i.reference()).isEqualTo("Observation/r1"));
        }

        @Test
        void differingCopies_theLatestLastUpdatedWins() {
            Observation older = mrd("m", ME, "2020-02-10", "0.5");
            older.getMeta().setLastUpdated(Date.from(java.time.Instant.parse("2020-02-11T10:00:00Z")));
            Observation newer = mrd("m", ME, "2020-02-10", "0.005");
            newer.getMeta().setLastUpdated(Date.from(java.time.Instant.parse("2020-02-12T10:00:00Z")));

            CheckedRecord record = checked(data(patient("p1"), newer, older));

            assertThat(facts(record.facts(mapper, EVALUATION), Mrd.class)).singleElement()
                    .satisfies(m -> assertThat(m.percent()).isEqualByComparingTo("0.005"));
            assertThat(issues(record, PatientRecordCheck.DUPLICATE).get(0).detail()).contains("differ");
        }

        @Test
        void thePatientTwiceWithDifferentBirthDates_isOneAndReportedAsDiffering() {
            Patient other = patient("p1").setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2010-02-10"));

            CheckedRecord record = checked(data(patient("p1"), other));

            assertThat(record.data().resources()).singleElement().isInstanceOf(Patient.class);
            assertThat(issues(record, PatientRecordCheck.DUPLICATE)).singleElement().satisfies(i -> {
                assertThat(i.reference()).isEqualTo("Patient/p1");
                assertThat(i.detail()).contains("differ");
            });
            assertThat(checked(data(patient("p1"), patient("p1"))).issues()).as("identical copies").isEmpty();
        }

        @Test
        void differingCopiesWithoutLastUpdated_theFirstWins() {
            CheckedRecord record = checked(data(patient("p1"), mrd("m", ME, "2020-02-10", "0.5"),
                    mrd("m", ME, "2020-02-10", "0.005")));

            assertThat(facts(record.facts(mapper, EVALUATION), Mrd.class)).singleElement()
                    .satisfies(m -> assertThat(m.percent()).isEqualByComparingTo("0.5"));
        }

        @Test
        void withoutIds_theSameFullUrlIsOneResource() {
            Observation first = relapse(null, ME, "2021-01-05");
            Observation second = relapse(null, ME, "2021-01-05");

            CheckedRecord record = checked(data(patient("p1"), entry("urn:uuid:aa", first), entry("urn:uuid:aa", second),
                    entry("urn:uuid:bb", relapse(null, ME, "2021-09-05"))));

            assertThat(record.data().ofType(Observation.class)).hasSize(2);
            assertThat(issues(record, PatientRecordCheck.DUPLICATE)).hasSize(1);
        }

        @Test
        void differentIds_areDifferentResources() {
            CheckedRecord record = checked(data(patient("p1"), relapse("r1", ME, "2019-01-05"),
                    relapse("r2", ME, "2021-01-05")));

            assertThat(record.data().ofType(Observation.class)).hasSize(2);
            assertThat(record.issues()).isEmpty();
        }

        @Test
        void aLaterCopyOfAnotherPatient_isNotUsed() {
            Observation mine = wbc("w", ME, "2020-01-10", "3");
            mine.getMeta().setLastUpdated(Date.from(java.time.Instant.parse("2020-01-10T10:00:00Z")));
            Observation moved = wbc("w", OTHER, "2020-01-10", "3");
            moved.getMeta().setLastUpdated(Date.from(java.time.Instant.parse("2020-01-11T10:00:00Z")));

            CheckedRecord record = checked(data(patient("p1"), mine, moved));

            assertThat(record.data().ofType(Observation.class)).isEmpty();
            assertThat(issues(record, PatientRecordCheck.DUPLICATE)).isEmpty();
        }
    }

    @Nested
    class D4AsKnownAtTheEvaluationTime {

        @Test
        void anMrdDatedAfterTheEvaluationTime_isNotUsedAndNamed() {
            CheckedRecord record = checked(data(patient("p1"), mrd("m2", ME, "2022-06-02", "0.001")));

            assertThat(facts(record.facts(mapper, EVALUATION), Mrd.class)).isEmpty();
            assertThat(issues(record, PatientRecordCheck.DATED_AFTER)).singleElement().satisfies(i -> {
                assertThat(i.reference()).isEqualTo("Observation/m2");
                assertThat(i.detail()).contains("Observation.effective[x]").contains("2022-06-02");
            });
        }

        @Test
        void whatD2AndD4LeaveOut_isKeptApart_soThatALeftOutAllRecordStillShows_butVoidRecordsAreNot() {
            Observation voided = mrd("m3", ME, "2022-05-01", "0.2");
            voided.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
            CheckedRecord record = checked(data(patient("p1"), mrd("m2", ME, "2022-06-02", "0.001"),
                    diagnosis("dx", "Patient/p2", "2021-01-01"), voided));

            assertThat(record.excluded().resources()).extracting(r -> r.getIdElement().getIdPart())
                    .containsExactlyInAnyOrder("m2", "dx");
            assertThat(mapper.allEvidence(record.data())).isEmpty();
            assertThat(mapper.allEvidence(record.excluded())).containsExactly("all-diagnosis", "mrd");
        }

        /** Only what was known at the evaluation time counts: a result issued after it was not known, whenever drawn. */
        @Test
        void anMrdIssuedAfterTheEvaluationTime_isNotUsedAndNamed_oneIssuedThatDayIs() {
            Observation late = mrd("m2", ME, "2022-05-20", "0.001");
            late.getIssuedElement().setValueAsString("2022-06-03T09:00:00Z");
            Observation sameDay = mrd("m3", ME, "2022-05-20", "0.001");
            sameDay.getIssuedElement().setValueAsString("2022-06-01T09:00:00Z");

            CheckedRecord record = checked(data(patient("p1"), late, sameDay));

            assertThat(record.data().resources()).extracting(r -> r.getIdElement().getIdPart())
                    .containsExactlyInAnyOrder("p1", "m3");
            assertThat(issues(record, PatientRecordCheck.DATED_AFTER)).singleElement()
                    .satisfies(i -> assertThat(i.detail()).startsWith("Observation.issued 2022-06-03"));
        }

        /**
         * An instant is compared as one: issued in UTC after midnight but before an evening evaluation time in the
         * Americas is known at it; issued later the same day than a morning evaluation time is not. A date as the
         * evaluation time means its whole day, anywhere.
         */
        @ParameterizedTest
        @CsvSource({"2024-06-10T23:30:00-05:00, 2024-06-11T03:00:00Z, false",
            "2024-06-10T08:00:00+02:00, 2024-06-10T15:00:00+02:00, true",
            "2024-06-10, 2024-06-11T03:00:00Z, false", "2024-06-10, 2024-06-12T00:00:00Z, true"})
        void issued_isComparedAsAnInstant_withTheEvaluationTimeAsGiven(String evaluationTime, String issued,
                                                                      boolean leftOut) {
            Observation mrd = mrd("m", ME, "2024-06-03", "0.001");
            mrd.getIssuedElement().setValueAsString(issued);
            EvaluationTime at = new EvaluationTime(LocalDate.parse(evaluationTime.substring(0, 10)), evaluationTime);

            CheckedRecord record = check.check(data(patient("p1"), mrd), "p1", SERVER, at);

            assertThat(issues(record, PatientRecordCheck.DATED_AFTER)).hasSize(leftOut ? 1 : 0);
        }

        /**
         * The date checked is the one the mapping uses (I2): a month-only assertedDate gives no day, so an onset within
         * that month is the diagnosis date, and after the evaluation time it is not used; one outside the month does not
         * replace it, and the month is not after the evaluation time. An onsetPeriod counts by its start.
         */
        @Test
        void aDiagnosisAssertedByMonthWithAnOnsetAfterTheEvaluationTime_isNotUsed() {
            Condition dx = diagnosis("dx", ME, "2022-06");
            dx.setOnset(new org.hl7.fhir.r4.model.DateTimeType("2022-06-03"));
            Condition onsetOutsideTheMonth = diagnosis("dx", ME, "2022-05");
            onsetOutsideTheMonth.setOnset(new org.hl7.fhir.r4.model.DateTimeType("2022-06-03"));
            Condition onsetPeriod = diagnosis("dx", ME, "2022");
            onsetPeriod.setOnset(new org.hl7.fhir.r4.model.Period().setStartElement(
                    new org.hl7.fhir.r4.model.DateTimeType("2022-06-03")));

            CheckedRecord record = checked(data(patient("p1"), dx));

            assertThat(issues(record, PatientRecordCheck.DATED_AFTER)).singleElement()
                    .satisfies(i -> assertThat(i.detail()).startsWith("Condition.onsetDateTime 2022-06-03"));
            assertThat(issues(checked(data(patient("p1"), onsetPeriod)), PatientRecordCheck.DATED_AFTER)).singleElement()
                    .satisfies(i -> assertThat(i.detail()).startsWith("Condition.onsetPeriod.start 2022-06-03"));
            assertThat(checked(data(patient("p1"), onsetOutsideTheMonth)).issues()).isEmpty();
            assertThat(checked(data(patient("p1"), diagnosis("dx", ME, "2022-05"))).issues()).isEmpty();
        }

        /**
         * E9: with the site's zone set, a record's dateTime is dated on that zone's calendar. A result drawn on the
         * evening of the evaluation date in New York, written in UTC on the next day, is of the evaluation date; one of
         * the early morning after it in Tokyo, written in UTC on the evaluation date, is dated after it. Read as written
         * (no zone set) each is of the day it was written on.
         */
        @Test
        void aDateTimeWrittenInUtc_isDatedOnTheSiteZonesCalendar() {
            PatientData eveningInNewYork = data(patient("p1"), mrd("m", ME, "2022-06-02T01:00:00Z", "0.001"));
            PatientData morningInTokyo = data(patient("p1"), mrd("m", ME, "2022-06-01T22:00:00Z", "0.001"));
            EvaluationTime at = new EvaluationTime(EVALUATION, EVALUATION.toString());

            assertThat(issues(check.check(eveningInNewYork, "p1", SERVER, at, NEW_YORK), PatientRecordCheck.DATED_AFTER))
                    .isEmpty();
            assertThat(issues(check.check(morningInTokyo, "p1", SERVER, at, TOKYO), PatientRecordCheck.DATED_AFTER))
                    .singleElement().satisfies(i -> assertThat(i.detail())
                            .isEqualTo("Observation.effective[x] 2022-06-01T22:00:00Z is after the evaluation time 2022-06-01"));
            assertThat(issues(checked(eveningInNewYork), PatientRecordCheck.DATED_AFTER)).as("as written").hasSize(1);
            assertThat(issues(checked(morningInTokyo), PatientRecordCheck.DATED_AFTER)).as("as written").isEmpty();
        }

        /** A date as the evaluation time is that day in the site's zone: a result issued after its end there was not known. */
        @Test
        void issuedAfterTheEvaluationDay_isJudgedByTheDaysEndInTheSiteZone() {
            Observation mrd = mrd("m", ME, "2024-06-03", "0.001");
            mrd.getIssuedElement().setValueAsString("2024-06-11T05:00:00Z"); // 01:00 on the 11th in New York
            EvaluationTime at = new EvaluationTime(LocalDate.parse("2024-06-10"), "2024-06-10");

            assertThat(issues(check.check(data(patient("p1"), mrd), "p1", SERVER, at, NEW_YORK),
                    PatientRecordCheck.DATED_AFTER)).hasSize(1);
            assertThat(issues(check.check(data(patient("p1"), mrd), "p1", SERVER, at), PatientRecordCheck.DATED_AFTER))
                    .as("without a zone: the day's end anywhere").isEmpty();
        }

        @Test
        void anMrdOnTheEvaluationDay_isUsed() {
            CheckedRecord record = checked(data(patient("p1"), mrd("m2", ME, "2022-06-01T23:30:00-05:00", "0.001")));

            assertThat(facts(record.facts(mapper, EVALUATION), Mrd.class)).hasSize(1);
            assertThat(record.issues()).isEmpty();
        }

        @Test
        void aDiagnosisAndAnHsctAfterTheEvaluationTime_areNotUsed() {
            CheckedRecord record = checked(data(patient("p1"), diagnosis("dx", ME, "2022-07-01"), hsct("h", ME, "2023-01-01")));

            assertThat(record.data().resources()).hasSize(1);
            assertThat(issues(record, PatientRecordCheck.DATED_AFTER)).extracting(DataQualityIssue::reference)
                    .containsExactlyInAnyOrder("Condition/dx", "Procedure/h");
            assertThat(facts(record.facts(mapper, EVALUATION), Hsct.class)).isEmpty();
        }

        @Test
        void aYearOnlyDateOfTheSameYear_isLeftToTheMapping() {
            assertThat(checked(data(patient("p1"), wbc("w", ME, "2022", "3"))).data().ofType(Observation.class)).hasSize(1);
            assertThat(checked(data(patient("p1"), wbc("w", ME, "2023", "3"))).data().ofType(Observation.class)).isEmpty();
        }
    }

    @Nested
    class D5Statuses {

        @Test
        void voidObservationsConditionsAndProcedures_areNeverUsed() {
            Observation wrong = wbc("w", ME, "2020-01-10", "55").setStatus(ObservationStatus.ENTEREDINERROR);
            Observation cancelled = mrd("m", ME, "2020-02-10", "0.5").setStatus(ObservationStatus.CANCELLED);
            Condition refuted = diagnosis("dx1", ME, "2019-01-01").setVerificationStatus(
                    concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted"));
            Condition erroneous = diagnosis("dx2", ME, "2019-01-01").setVerificationStatus(
                    concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error"));
            Procedure notDone = hsct("h", ME, "2021-01-01").setStatus(Procedure.ProcedureStatus.NOTDONE);

            CheckedRecord record = checked(data(patient("p1"), wrong, cancelled, refuted, erroneous, notDone));

            assertThat(record.data().resources()).hasSize(1);
            assertThat(record.issues()).isEmpty();
        }

        @Test
        void finalAndConfirmedRecords_areUsed() {
            Condition confirmed = diagnosis("dx", ME, "2019-01-01").setVerificationStatus(
                    concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));

            CheckedRecord record = checked(data(patient("p1"), confirmed, wbc("w", ME, "2019-01-01", "5"),
                    hsct("h", ME, "2021-01-01")));

            assertThat(record.data().resources()).hasSize(4);
        }

        /** A status cleared as not FHIR ({@code PrimitiveCheck}) may have said entered-in-error: it is not guessed. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "w  | \"status\": {\"value\": \"entered-in-error\"}                         | Observation.status",
                "w  | \"status\": [\"final\", \"entered-in-error\"]                          | Observation.status",
                "w  | \"status\": \" entered-in-error\"                                     | Observation.status",
                "w  | \"status\": {}                                                       | Observation.status",
                "dx | \"verificationStatus\": \"entered-in-error\"                            | Condition.verificationStatus",
                "dx | \"verificationStatus\": {\"coding\": {\"code\": \"refuted\"}}                | Condition.verificationStatus.coding",
                "h  | \"status\": {\"value\": \"not-done\"}                                 | Procedure.status",
                "h  | \"status\": 1                                                        | Procedure.status"})
        void aStatusThatCannotBeRead_leavesTheRecordOut_andNamesTheElement(String id, String status, String element) {
            List<Resource> records = List.of(wbc("w", ME, "2020-01-10", "55").setStatus(null),
                    diagnosis("dx", ME, "2019-01-01"), hsct("h", ME, "2021-01-01").setStatus(null));
            Resource hostile = records.stream().filter(r -> r.getIdPart().equals(id)).findFirst().orElseThrow();

            CheckedRecord record = checked(fromJson(patient("p1"), records, hostile, status));

            assertThat(record.data().resources()).extracting(Resource::getIdPart).doesNotContain(id).hasSize(3);
            assertThat(issues(record, "invalid-value"))
                    .containsExactly(new DataQualityIssue("invalid-value", element, hostile.fhirType() + "/" + id));
        }

        /** A verificationStatus code outside FHIR's required value set may have meant a void one: it is not guessed. */
        @ParameterizedTest
        @CsvSource({"confirmedd, false", "entered_in_error, false", "Refuted, false", "confirmed, true",
                "unconfirmed, true", "provisional, true", "differential, true"})
        void aVerificationStatusOutsideItsValueSet_leavesTheDiagnosisOut(String code, boolean kept) {
            Condition diagnosis = diagnosis("dx", ME, "2019-01-01");
            diagnosis.getVerificationStatus().getCodingFirstRep()
                    .setSystem("http://terminology.hl7.org/CodeSystem/condition-ver-status").setCode(code);

            CheckedRecord record = checked(new PatientData(List.of(patient("p1"), diagnosis)));

            assertThat(record.data().resources().stream().anyMatch(r -> r.getIdPart().equals("dx"))).isEqualTo(kept);
            assertThat(issues(record, "invalid-value")).hasSize(kept ? 0 : 1).allSatisfy(issue -> assertThat(issue)
                    .isEqualTo(new DataQualityIssue("invalid-value", "Condition.verificationStatus.coding.code",
                            "Condition/dx")));
        }

        /** D5 names a Condition's verificationStatus; its clinicalStatus is informative only (contract I2). */
        @Test
        void anUnreadableClinicalStatus_keepsTheDiagnosis() {
            Condition diagnosis = diagnosis("dx", ME, "2019-01-01");

            CheckedRecord record = checked(fromJson(patient("p1"), List.of(diagnosis), diagnosis,
                    "\"clinicalStatus\": {\"coding\": [{\"code\": {\"value\": \"resolved\"}}]}"));

            assertThat(record.data().resources()).extracting(Resource::getIdPart).contains("dx");
        }

        @Test
        void aLaterCopySayingEnteredInError_withdrawsTheResult() {
            Observation result = wbc("w", ME, "2020-01-10", "55");
            result.getMeta().setLastUpdated(Date.from(java.time.Instant.parse("2020-01-10T10:00:00Z")));
            Observation withdrawn = wbc("w", ME, "2020-01-10", "55").setStatus(ObservationStatus.ENTEREDINERROR);
            withdrawn.getMeta().setLastUpdated(Date.from(java.time.Instant.parse("2020-01-12T10:00:00Z")));

            assertThat(checked(data(patient("p1"), result, withdrawn)).data().ofType(Observation.class)).isEmpty();
        }
    }
}
