package org.allcds.mapping;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.allcds.facts.DataQualityCodes;
import org.allcds.facts.MrdTimepoint;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.prefetch.PatientData;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/**
 * I8, I9: what an MRD or marrow blasts result was measured in, as its record codes it. The COG table reads day 8 from
 * peripheral blood and the end of induction from the marrow, the relapse strata the marrow after block 1; in B-ALL a
 * blood MRD runs about a log below the marrow's, so a result of the other specimen must not stand for its timepoint's.
 * Read from {@code Observation.bodySite} and from the {@code type} and {@code collection.bodySite} of the Specimen that
 * {@code Observation.specimen} refers to, contained or sent in the record; text (a display, a {@code text}) and codes
 * not listed say nothing, and the timepoint decides as for a result without a specimen.
 */
final class Specimens {

    static final String CONTRADICTS_TIMEPOINT = DataQualityCodes.SPECIMEN_CONTRADICTS_TIMEPOINT;
    private static final String V2_SPECIMEN_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0487";

    /** A sample's source, with the codes that say it (sources in fhir-profiles/README.md). */
    enum Source {
        // SNOMED CT 119297000 Blood specimen, 122555007 Venous blood specimen, 87612001 Blood; v2 0487 BLD Whole blood
        BLOOD("blood", Set.of(Codes.snomed("119297000"), Codes.snomed("122555007"), Codes.snomed("87612001"),
                new Code(V2_SPECIMEN_TYPE, "BLD"))),
        // SNOMED CT 119359002 Bone marrow specimen, 14016003 Bone marrow structure; v2 0487 MAR Marrow
        MARROW("bone marrow", Set.of(Codes.snomed("119359002"), Codes.snomed("14016003"),
                new Code(V2_SPECIMEN_TYPE, "MAR")));

        private final String words;
        private final Set<Code> codes;

        Source(String words, Set<Code> codes) {
            this.words = words;
            this.codes = codes;
        }
    }

    /** Only contained Specimens: for a mapping without the record at hand. */
    static final Specimens CONTAINED_ONLY = new Specimens(Map.of());

    private final Map<String, Resource> sent;

    private Specimens(Map<String, Resource> sent) {
        this.sent = sent;
    }

    /** The Specimens of the record, found by {@code Specimen/id} or by their entry's {@code fullUrl}. */
    static Specimens in(PatientData data) {
        return new Specimens(Resources.byReference(data.ofType(Specimen.class)));
    }

    /** The specimen a timepoint is read from: peripheral blood at day 8, the marrow otherwise. */
    private static Source of(MrdTimepoint timepoint) {
        return timepoint == MrdTimepoint.DAY8_PB ? Source.BLOOD : Source.MARROW;
    }

    /**
     * True unless the record codes the result's specimen as another source than its timepoint's (blood at the end of
     * induction, also beside a marrow code: which sample was measured cannot be told); such a result is reported
     * ({@value #CONTRADICTS_TIMEPOINT}) and must not stand for its timepoint.
     */
    boolean fit(Observation result, MrdTimepoint timepoint, MappingContext ctx) {
        Source expected = of(timepoint);
        Coded coded = coded(result, ctx);
        if (coded.fits(expected)) {
            return true;
        }
        String element = coded.atSite().stream().anyMatch(s -> s != expected) ? "Observation.bodySite"
                : "Observation.specimen";
        ctx.issue(CONTRADICTS_TIMEPOINT, element + ": " + coded.words(), MappingContext.reference(result));
        return false;
    }

    /**
     * How a card names what a result was measured in where that is not its timepoint's specimen (" in blood", so that
     * "End-of-induction MRD in blood" is not taken for the marrow result of its day); "" otherwise.
     */
    String named(Observation result, MrdTimepoint timepoint, MappingContext ctx) {
        Coded coded = coded(result, ctx);
        return coded.fits(of(timepoint)) ? "" : " in " + coded.words();
    }

    /** The sources coded at the result's body site, and those coded anywhere in its record. */
    private record Coded(Set<Source> atSite, Set<Source> all) {

        boolean fits(Source expected) {
            return all.stream().allMatch(expected::equals);
        }

        String words() {
            return all.stream().map(s -> s.words).collect(Collectors.joining(" and "));
        }
    }

    private Coded coded(Observation result, MappingContext ctx) {
        Set<Source> atSite = sources(result.getBodySite(), ctx);
        Set<Source> all = EnumSet.noneOf(Source.class);
        all.addAll(atSite);
        specimen(result).ifPresent(s -> {
            all.addAll(sources(s.getType(), ctx));
            all.addAll(sources(s.getCollection().getBodySite(), ctx));
        });
        return new Coded(atSite, all);
    }

    private static Set<Source> sources(CodeableConcept concept, MappingContext ctx) {
        Set<Source> found = EnumSet.noneOf(Source.class);
        for (Source source : Source.values()) {
            if (ctx.matches(concept, source.codes)) {
                found.add(source);
            }
        }
        return found;
    }

    /** The Specimen the result refers to: contained ({@code #id}), else one of the record's; none for a display only. */
    private Optional<Specimen> specimen(Observation result) {
        Reference reference = result.getSpecimen();
        Resource found = reference.getResource() instanceof Resource resolved ? resolved
                : referenced(result, reference.getReference());
        return found instanceof Specimen specimen ? Optional.of(specimen) : Optional.empty();
    }

    private Resource referenced(Observation result, String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        if (reference.startsWith("#")) {
            return Resources.contained(result, reference).orElse(null);
        }
        Resource exact = sent.get(reference);
        // a relative reference may name a version; an absolute one or a urn:uuid: only by the entry's fullUrl
        return exact != null || reference.contains(":") ? exact : sent.get(versionless(reference));
    }

    /** {@code Specimen/x/_history/2} names {@code Specimen/x}. */
    private static String versionless(String relative) {
        return new IdType(relative).toUnqualifiedVersionless().getValue();
    }
}
