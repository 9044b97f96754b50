package org.allcds.prefetch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/** Reading searchset Bundles: their resources, their next page, and whether they report errors. */
final class Bundles {

    private Bundles() {
    }

    /**
     * The entries' resources in bundle order; OperationOutcomes (errors or search warnings) are not patient data, and
     * neither are entries a search included ({@code search.mode} "include": resources the matches refer to, which no
     * template asks for; a foreign Patient among them must not fail the request).
     */
    static List<Resource> resources(Bundle bundle) {
        return bundle.getEntry().stream().filter(Bundles::isAskedFor).map(PatientData::unwrap).filter(Objects::nonNull)
                .filter(resource -> !(resource instanceof OperationOutcome)).toList();
    }

    /**
     * The first of {@code resources} that is not of {@code type}: what a read or search of that type cannot have
     * answered. Given the matches ({@link #resources}), so included entries and OperationOutcomes never count.
     */
    static Optional<Resource> firstNotOf(String type, List<Resource> resources) {
        return resources.stream().filter(resource -> !resource.fhirType().equals(type)).findFirst();
    }

    /** Not a resource a search merely included. */
    static boolean isAskedFor(Bundle.BundleEntryComponent entry) {
        return !(entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE);
    }

    /**
     * True when a search's first page says it matched more than {@code read} resources ({@code Bundle.total}, the
     * matches across all pages) and there is no next page to read them from: the result is partial, and a missing
     * relapse or MRD must not read as none.
     */
    static boolean fewerThanTotal(Bundle first, int read) {
        return first.hasTotal() && first.getTotal() > read;
    }

    static Optional<String> nextLink(Bundle bundle) {
        Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
        return next == null || next.getUrl() == null || next.getUrl().isBlank()
                ? Optional.empty() : Optional.of(next.getUrl());
    }

    /**
     * The first OperationOutcome entry with an issue of severity error or fatal: the search failed, wholly or in part,
     * even though the server answered 200 (FHIR R4 §3.1.1.5.6: outcome entries, search.mode "outcome"). Warnings and
     * information (an unknown parameter ignored, say) do not make the result incomplete; an issue whose severity is
     * missing or not one of FHIR's codes ("ERROR") is taken as an error, since nothing says the result is whole.
     */
    static Optional<OperationOutcome.OperationOutcomeIssueComponent> errorIssue(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(OperationOutcome.class::isInstance).map(OperationOutcome.class::cast)
                .flatMap(outcome -> outcome.getIssue().stream())
                .filter(issue -> issue.getSeverity() != OperationOutcome.IssueSeverity.WARNING
                        && issue.getSeverity() != OperationOutcome.IssueSeverity.INFORMATION)
                .findFirst();
    }

    /** A Bundle with entries that are all OperationOutcomes: the client's prefetch failed (CDS Hooks §Prefetch). */
    static boolean onlyOutcomes(Bundle bundle) {
        return !bundle.getEntry().isEmpty()
                && bundle.getEntry().stream().allMatch(entry -> entry.getResource() instanceof OperationOutcome);
    }
}
