package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.allcds.facts.RelapseSite;
import org.allcds.profiles.ConformanceResources;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relapse site that is not recorded is never guessed (C-08), over the whole scenario corpus: every author scenario with
 * a relapse is run once per relapse site (every relapse record given that site) and once with no site. What the record
 * without a site concludes (a value other than INDETERMINATE or PENDING; for a draft order, also fitting, which is
 * silence) holds at every site; what every site concludes alike is concluded without the site too; where the sites
 * disagree, the record without one gives no such value, names the site in its undecided finding of that kind and asks
 * for the site ({@link InputNotKnownCheck}). The existing boundary scenarios (18 and 36 months, BFM cut-offs, block-1
 * MRD at 0.1 %) thus check the record without a site at every boundary. The check is shown to catch a rule set that
 * takes a missing site as marrow.
 */
class SiteNotRecordedTest {

    private static final String SITE = "relapse-site";

    @TempDir
    Path root;

    @Test
    void everyRelapse_withoutItsSite_givesWhatHoldsAtEverySite_andNamesTheSiteForTheRest() {
        InputNotKnownCheck.Result check = check(ScenarioRecords.bundled(), file -> true);
        assertThat(check.records()).as("scenario records with a relapse, run at every site and without one").isGreaterThan(80);
        assertThat(check.given()).as("conclusions given without the site because every site gives them").isGreaterThan(300);
        assertThat(check.leftOpen()).as("kinds of finding the site decides, left open without it").isGreaterThan(100);
        assertThat(check.problems()).as("guesses, omissions and unnamed sites").isEmpty();
    }

    @Test
    void theCheck_reportsARuleSetThatTakesAMissingSiteAsMarrow() {
        String file = "tests/relapse/site-not-recorded/early-b-lineage.yaml";
        assertThat(InputNotKnownCheck.problemsOfEditedRules(root, "for (RelapseSite s : $r.possibleSites())", "for (RelapseSite s : new RelapseSite[] {RelapseSite.ISOLATED_MARROW})", file,
                SiteNotRecordedTest::check))
                .anySatisfy(p -> assertThat(p).startsWith(file + ": hsct-indication BFM_ALLREZ2002 is INDICATED without the relapse-site"));
    }

    private static InputNotKnownCheck.Result check(ScenarioRecords records, Predicate<String> files) {
        return InputNotKnownCheck.check(records,
                record -> files.test(record.file()) && record.data().resources().stream().anyMatch(SiteNotRecordedTest::isRelapse),
                SITE, new InputNotKnownCheck.Variants() {
                    @Override
                    public List<Resource> without(ScenarioRecords.Record record) {
                        return withSite(record, null);
                    }

                    @Override
                    public Map<String, List<Resource>> known(ScenarioRecords.Record record) {
                        Map<String, List<Resource>> bySite = new LinkedHashMap<>();
                        for (RelapseSite site : RelapseSite.values()) {
                            bySite.put(site.code(), withSite(record, site));
                        }
                        return bySite;
                    }
                });
    }

    /** The record with every relapse record's site set to {@code site}, or left out for null. */
    private static List<Resource> withSite(ScenarioRecords.Record record, RelapseSite site) {
        return InputNotKnownCheck.mapped(record, r -> {
            if (!isRelapse(r)) {
                return r;
            }
            Observation relapse = ((Observation) r).copy();
            relapse.getComponent().removeIf(c -> isLocal(c.getCode(), SITE));
            if (site != null) {
                relapse.addComponent().setCode(local(SITE)).setValue(local(site.code()));
            }
            return relapse;
        });
    }

    static boolean isRelapse(Resource r) {
        return r instanceof Observation o && isLocal(o.getCode(), "relapse");
    }

    static boolean isLocal(CodeableConcept concept, String code) {
        return concept.getCoding().stream()
                .anyMatch(c -> ConformanceResources.LOCAL_SYSTEM.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    static CodeableConcept local(String code) {
        return new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(ConformanceResources.LOCAL_SYSTEM, code, null));
    }
}
