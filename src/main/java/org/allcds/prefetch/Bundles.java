package org.allcds.prefetch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/** Reading searchset Bundles: their resources, their next page, and whether they only report errors. */
final class Bundles {

    private Bundles() {
    }

    /** The entries' resources in bundle order; OperationOutcomes (errors or search warnings) are not patient data. */
    static List<Resource> resources(Bundle bundle) {
        return bundle.getEntry().stream().map(PatientData::unwrap).filter(Objects::nonNull)
                .filter(resource -> !(resource instanceof OperationOutcome)).toList();
    }

    static Optional<String> nextLink(Bundle bundle) {
        Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
        return next == null || next.getUrl() == null || next.getUrl().isBlank()
                ? Optional.empty() : Optional.of(next.getUrl());
    }

    /** A Bundle with entries that are all OperationOutcomes: the client's prefetch failed (CDS Hooks §Prefetch). */
    static boolean onlyOutcomes(Bundle bundle) {
        return !bundle.getEntry().isEmpty()
                && bundle.getEntry().stream().allMatch(entry -> entry.getResource() instanceof OperationOutcome);
    }
}
