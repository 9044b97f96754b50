package org.allcds.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.allcds.engine.Evaluation.ExplainedFinding;
import org.allcds.engine.RuleSet;
import org.allcds.facts.Finding;
import org.allcds.facts.RelapseSite;
import org.allcds.fixtures.RuleFolders;
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
 * for the site. The existing boundary scenarios (18 and 36 months, BFM cut-offs, block-1 MRD at 0.1 %) thus check the
 * record without a site at every boundary. The check is shown to catch a rule set that takes a missing site as marrow.
 */
class SiteNotRecordedTest {

    private static final Set<String> UNDECIDED = Set.of("INDETERMINATE", "PENDING");
    /** Types that say what is missing or was left out, rather than concluding. */
    private static final Set<String> NOT_CONCLUSIONS = Set.of("missing-data", "data-quality");
    /** A kind of finding that is not there; for an order check, the order fits. */
    private static final String NONE = "none";
    private static final String SITE = "relapse-site";

    @TempDir
    Path root;

    @Test
    void everyRelapse_withoutItsSite_givesWhatHoldsAtEverySite_andNamesTheSiteForTheRest() {
        Check check = check(ScenarioRecords.bundled(), file -> true);
        assertThat(check.records()).as("scenario records with a relapse, run at every site and without one").isGreaterThan(80);
        assertThat(check.given()).as("conclusions given without the site because every site gives them").isGreaterThan(300);
        assertThat(check.leftOpen()).as("kinds of finding the site decides, left open without it").isGreaterThan(100);
        assertThat(check.problems()).as("guesses, omissions and unnamed sites").isEmpty();
    }

    @Test
    void theCheck_reportsARuleSetThatTakesAMissingSiteAsMarrow() {
        Path rules = root.resolve("rules");
        RuleFolders.copyTree(RuleFolders.RULES, rules);
        RuleFolders.edit(rules.resolve("relapse/relapse-classification.drl"), "for (RelapseSite s : RelapseSite.values())",
                "for (RelapseSite s : new RelapseSite[] {RelapseSite.ISOLATED_MARROW})");
        RuleSet guessing = RuleFolders.compile(rules);
        try {
            String file = "tests/relapse/site-not-recorded/early-b-lineage.yaml";
            assertThat(Files.exists(rules.resolve(file))).isTrue();
            Check check = check(new ScenarioRecords(guessing, rules), file::equals);
            assertThat(check.problems()).anySatisfy(p -> assertThat(p)
                    .startsWith(file + ": hsct-indication BFM_ALLREZ2002 is INDICATED without the site"));
        } finally {
            guessing.retire();
        }
    }

    /** Records run, conclusions given without the site, kinds left open, and every problem found. */
    private record Check(int records, int given, int leftOpen, List<String> problems) {
    }

    private static Check check(ScenarioRecords records, Predicate<String> files) {
        int runs = 0;
        int given = 0;
        int leftOpen = 0;
        List<String> problems = new ArrayList<>();
        for (ScenarioRecords.Record record : records.records()) {
            if (!files.test(record.file()) || record.data().resources().stream().noneMatch(SiteNotRecordedTest::isRelapse)) {
                continue;
            }
            runs++;
            List<ExplainedFinding> without = records.findings(record, withSite(record, null));
            Map<String, String> none = conclusions(without);
            Map<RelapseSite, Map<String, String>> atSite = new LinkedHashMap<>();
            for (RelapseSite site : RelapseSite.values()) {
                atSite.put(site, conclusions(records.findings(record, withSite(record, site))));
            }
            Set<String> kinds = new TreeSet<>(none.keySet());
            atSite.values().forEach(m -> kinds.addAll(m.keySet()));
            // the relapse service asks with a missing-data finding, an order check by naming the site it lacks
            boolean siteAskedFor = without.stream().map(ExplainedFinding::finding)
                    .anyMatch(f -> f.type().equals("missing-data") && f.value().equals(SITE) || f.missing().contains(SITE));
            for (String kind : kinds) {
                String value = none.getOrDefault(kind, NONE);
                Set<String> values = new TreeSet<>();
                atSite.values().forEach(m -> values.add(m.getOrDefault(kind, NONE)));
                String where = record.file() + ": " + kind;
                if (values.size() == 1) {
                    String every = values.iterator().next();
                    if (definite(kind, every)) {
                        given += value.equals(every) ? 1 : 0;
                        if (!value.equals(every)) {
                            problems.add(where + " is " + every + " at every site but " + value + " without the site");
                        }
                    } else if (definite(kind, value)) {
                        problems.add(where + " is " + value + " without the site but " + every + " at every site");
                    }
                    continue;
                }
                leftOpen++;
                if (definite(kind, value)) {
                    problems.add(where + " is " + value + " without the site, " + values + " by site");
                } else if (UNDECIDED.contains(value) && !namesTheSite(without, kind)) {
                    problems.add(where + " is " + value + " without the site, " + values + " by site, and does not name it");
                }
                if (!siteAskedFor) {
                    problems.add(where + " differs by site (" + values + ") and the site is not asked for");
                }
            }
        }
        return new Check(runs, given, leftOpen, problems);
    }

    /** A conclusion: a value other than INDETERMINATE or PENDING, and for an order check also fitting (no finding). */
    private static boolean definite(String kind, String value) {
        return !UNDECIDED.contains(value) && (!value.equals(NONE) || kind.startsWith("order-check "));
    }

    /** Each kind of finding (type, scheme and card) and its value; the missing-data and data-quality findings aside. */
    private static Map<String, String> conclusions(List<ExplainedFinding> findings) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (ExplainedFinding explained : findings) {
            Finding f = explained.finding();
            if (!NOT_CONCLUSIONS.contains(f.type())) {
                values.computeIfAbsent(kind(f), k -> new TreeSet<>()).add(f.value());
            }
        }
        Map<String, String> out = new TreeMap<>();
        values.forEach((kind, v) -> out.put(kind, String.join("+", v)));
        return out;
    }

    /** Type and scheme; for a finding about a draft order, the order too (which card else is the service's choice). */
    private static String kind(Finding f) {
        return ScenarioRecords.key(f) + (f.card().startsWith("order:") ? " (" + f.card() + ")" : "");
    }

    private static boolean namesTheSite(List<ExplainedFinding> findings, String kind) {
        return findings.stream().map(ExplainedFinding::finding)
                .anyMatch(f -> kind(f).equals(kind) && f.missing().contains(SITE));
    }

    /** The record with every relapse record's site set to {@code site}, or left out for null. */
    private static List<Resource> withSite(ScenarioRecords.Record record, RelapseSite site) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : record.data().resources()) {
            if (isRelapse(r)) {
                Observation relapse = ((Observation) r).copy();
                relapse.getComponent().removeIf(c -> isLocal(c.getCode(), SITE));
                if (site != null) {
                    relapse.addComponent().setCode(local(SITE)).setValue(local(site.code()));
                }
                out.add(relapse);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean isRelapse(Resource r) {
        return r instanceof Observation o && isLocal(o.getCode(), "relapse");
    }

    private static boolean isLocal(CodeableConcept concept, String code) {
        return concept.getCoding().stream()
                .anyMatch(c -> ConformanceResources.LOCAL_SYSTEM.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    private static CodeableConcept local(String code) {
        return new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(ConformanceResources.LOCAL_SYSTEM, code, null));
    }
}
