package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allcds.prefetch.PrimitiveCheck;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Convention C-06 over the whole scenario corpus: the unit a result is written in never changes a finding. Every
 * author scenario's record is evaluated again with each white cell count in {@code /uL} and each percentage as a
 * fraction ({@code 1}), and again with counts in {@code 10*3/uL} and fractions as percentages: the findings,
 * data-quality ones aside, are those of the record as written. The threshold scenarios sit exactly on the cut-offs, so a
 * conversion that rounds would show; the same records with the units changed and the values not (what a missing
 * conversion does) change many findings.
 */
class UnitInvarianceTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String UCUM = "http://unitsofmeasure.org";

    /** UCUM units the contract accepts (I4, I8), each with its power of ten against the family's first unit. */
    private static final Map<String, Integer> COUNTS = Map.of("10*9/L", 0, "10*3/uL", 0, "/uL", 3, "/mm3", 3);
    private static final Map<String, Integer> FRACTIONS = Map.of("%", 0, "1", -2);

    /** A way to write every count and every fraction: the target unit of each family, and whether values follow. */
    private record Writing(String count, String fraction, boolean converted) {
    }

    @Test
    void everyScenario_givesTheSameFindings_inEveryAcceptedUnit() {
        ScenarioRecords records = ScenarioRecords.bundled();
        List<String> changed = new ArrayList<>();
        int rewritten = 0;
        int changedUnconverted = 0;
        for (ScenarioRecords.Record record : records.records()) {
            List<Resource> asWritten = record.data().resources();
            List<String> findings = ScenarioRecords.clinical(record.findings());
            for (Writing writing : List.of(new Writing("/uL", "1", true), new Writing("10*3/uL", "%", true))) {
                List<Resource> rewrittenRecord = rewrite(asWritten, writing);
                if (rewrittenRecord.equals(asWritten)) {
                    continue; // no count and no fraction in this record
                }
                rewritten++;
                List<String> now = records.clinical(record, rewrittenRecord);
                if (!now.equals(findings)) {
                    changed.add(record.file() + " in " + writing.count() + " and " + writing.fraction() + ": " + findings
                            + " became " + now);
                }
            }
            List<Resource> unconverted = rewrite(asWritten, new Writing("/uL", "1", false));
            if (!unconverted.equals(asWritten) && !records.clinical(record, unconverted).equals(findings)) {
                changedUnconverted++;
            }
        }
        assertThat(rewritten).as("records rewritten in other units").isGreaterThan(100);
        assertThat(changed).as("records whose findings depend on the unit").isEmpty();
        assertThat(changedUnconverted).as("records whose findings change when only the unit changes").isGreaterThan(30);
    }

    /** The resources with every UCUM count and fraction written as {@code writing} says; the same list if none is. */
    private static List<Resource> rewrite(List<Resource> resources, Writing writing) {
        List<Resource> out = new ArrayList<>();
        boolean any = false;
        for (Resource resource : resources) {
            Resource copy = PrimitiveCheck.copyOf(resource); // a status not valid FHIR still leaves it out
            boolean changedHere = false;
            for (Quantity quantity : FHIR.newTerser().getAllPopulatedChildElementsOfType(copy, Quantity.class)) {
                changedHere |= rewrite(quantity, COUNTS, writing.count(), writing.converted())
                        || rewrite(quantity, FRACTIONS, writing.fraction(), writing.converted());
            }
            out.add(changedHere ? copy : resource);
            any |= changedHere;
        }
        return any ? out : resources;
    }

    /** Writes a quantity of {@code family} in {@code target}, its value scaled exactly when {@code converted}. */
    private static boolean rewrite(Quantity quantity, Map<String, Integer> family, String target, boolean converted) {
        String code = quantity.getCode();
        if (!quantity.hasValue() || code == null || !family.containsKey(code) || code.equals(target)
                || !(UCUM.equals(quantity.getSystem()) || !quantity.hasSystem())) {
            return false;
        }
        int shift = family.get(target) - family.get(code);
        if (converted) {
            quantity.setValue(quantity.getValue().movePointRight(shift));
        }
        quantity.setCode(target).setUnit(target);
        return true;
    }
}
