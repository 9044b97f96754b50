package org.allcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way FHIR JSON becomes HAPI's model, for the request's prefetch, fetched responses and local files. HAPI
 * reads the JSON tree itself ({@link JsonTreeStructure}), not a text written from it, so the body is parsed once. The
 * tree must have been read with big decimals, so numbers reach HAPI digit for digit. A number with an extreme exponent
 * is handed over as text, because HAPI writes numbers out in full (1e999999 would become a million digits). A
 * Bundle's resources are parsed one by one, so that every value HAPI rejects is tied to its resource, and every
 * resource then goes through {@link PrimitiveCheck}, with the JSON it was parsed from. Invalid values, and elements
 * whose JSON has a shape FHIR does not give them, never fail the parse: they are cleared and reported; only JSON that is
 * not a FHIR resource at all is a {@link NotFhir} naming where it is.
 */
public final class FhirJson {

    /** Beyond 10^±100 no clinical value lies; HAPI would otherwise expand it digit by digit. */
    static final int MAX_EXPONENT = 100;

    private final FhirContext context;

    public FhirJson(FhirContext context) {
        this.context = context;
    }

    /** Parses a resource or Bundle (nested Bundles too). The tree is not modified. */
    public Resource parse(JsonNode json) {
        if (!(json instanceof ObjectNode object) || !object.path("resourceType").isString()) {
            throw new NotFhir("", "is not a FHIR resource");
        }
        return parseObject(object);
    }

    /**
     * JSON that is not FHIR where FHIR belongs. {@link #where()} is its place below the JSON given to {@link #parse}
     * ({@code ""} for that JSON itself, {@code .entry[2].resource} in a Bundle), so a caller can name it for the
     * client; the message is the project's own and never quotes the data.
     */
    public static final class NotFhir extends DataFormatException {
        private final String where;
        private final String problem;

        NotFhir(String where, String problem) {
            super((where.isEmpty() ? "the JSON" : where.substring(1)) + " " + problem);
            this.where = where;
            this.problem = problem;
        }

        public String where() { return where; }

        /** What is wrong, as a predicate: "is not a FHIR resource". */
        public String problem() { return problem; }

        NotFhir below(String place) { return new NotFhir(place + where, problem); }
    }

    private Resource parseObject(ObjectNode tree) {
        boolean bundle = "Bundle".equals(tree.path("resourceType").asString());
        Recording errors = new Recording();
        IJsonLikeParser parser = (IJsonLikeParser) context.newJsonParser().setParserErrorHandler(errors);
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(new JsonTreeStructure(tree, bundle));
        } catch (NotFhir own) {
            throw own;
        } catch (RuntimeException notFhir) {
            // HAPI's lenient parser fails only on JSON that is no resource; its message may quote the data.
            throw new NotFhir("", "is not a FHIR R4 resource");
        }
        if (!(parsed instanceof Resource resource)) {
            throw new NotFhir("", "is not a FHIR R4 resource");
        }
        if (resource instanceof Bundle parsedBundle) {
            List<EntryJson> entries = entryResources(tree);
            requireReadableLinksAndEntries(parsedBundle, tree, errors);
            attachEntryResources(parsedBundle, entries);
        } else {
            PrimitiveCheck.check(resource, tree, errors.unexpectedShape, errors.elements);
        }
        return resource;
    }

    /**
     * A Bundle's links, entries and total decide what counts (the next page, a resource a search only included, D3's
     * identity by fullUrl, whether the pages hold every match), so one that cannot be read fails the Bundle rather than
     * be cleared, which would read a partial result as whole; its other elements (timestamp) are not used, and a wrong
     * value there is not an error.
     */
    private static void requireReadableLinksAndEntries(Bundle bundle, ObjectNode tree, Recording errors) {
        PrimitiveCheck.check(bundle, tree, errors.unexpectedShape, errors.elements);
        PrimitiveCheck.invalidElements(bundle).stream()
                .filter(element -> element.startsWith("Bundle.link") || element.startsWith("Bundle.entry")
                        || element.equals("Bundle.total"))
                .findFirst().ifPresent(element -> {
                    throw new NotFhir(unreadableEntry(bundle, tree), "has " + element + " that is not valid FHIR");
                });
    }

    /**
     * The place of the first entry whose {@code fullUrl} or {@code search} the JSON has and the check cleared
     * ({@code .entry[3]}), so that the client can find it; "" when no entry's is (a link, or another element).
     */
    private static String unreadableEntry(Bundle bundle, ObjectNode tree) {
        JsonNode entries = tree.get("entry");
        for (int i = 0; entries != null && i < entries.size() && i < bundle.getEntry().size(); i++) {
            JsonNode json = entries.get(i);
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            boolean fullUrlLost = present(json.get("fullUrl")) && !entry.hasFullUrl();
            JsonNode search = json.get("search");
            boolean searchLost = present(search) && (!entry.hasSearch()
                    || present(search.get("mode")) && !entry.getSearch().hasMode());
            if (fullUrlLost || searchLost) {
                return ".entry[" + i + "]";
            }
        }
        return "";
    }

    private static boolean present(JsonNode json) {
        return json != null && !json.isNull();
    }

    /**
     * Each entry's resource, which the Bundle's own parse did not see; null where an entry has none. An entry that is
     * not a JSON object (a JSON null too) is not skipped as one without a resource: it may be a result sent wrongly.
     */
    private static List<EntryJson> entryResources(ObjectNode bundle) {
        JsonNode entries = bundle.get("entry");
        if (entries == null || entries.isNull()) {
            return List.of();
        }
        if (!(entries instanceof ArrayNode array)) {
            throw new NotFhir(".entry", "is not a list of Bundle entries");
        }
        List<EntryJson> resources = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            if (!(entry instanceof ObjectNode object)) {
                throw new NotFhir(".entry[" + i + "]", "is not a Bundle entry (a JSON object)");
            }
            resources.add(new EntryJson(i, object.get("resource")));
        }
        return resources;
    }

    /** An entry's place in the JSON array and its resource's JSON (null when it has none). */
    private record EntryJson(int index, JsonNode resource) {
    }

    private void attachEntryResources(Bundle bundle, List<EntryJson> entries) {
        if (bundle.getEntry().size() != entries.size()) {
            throw new NotFhir(".entry", "is not a list of Bundle entries");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode json = entries.get(i).resource();
            if (json == null) {
                continue; // an entry without a resource (e.g. search information only)
            }
            String place = ".entry[" + entries.get(i).index() + "].resource";
            if (!(json instanceof ObjectNode object) || !object.path("resourceType").isString()) {
                throw new NotFhir(place, "is not a FHIR resource");
            }
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            Resource resource;
            try {
                resource = parseObject(object);
            } catch (NotFhir inner) {
                throw inner.below(place);
            }
            identifyByFullUrl(entry, resource);
            entry.setResource(resource);
        }
    }

    /**
     * As HAPI does when it parses a whole Bundle: a resource without an id takes the entry's fullUrl; one whose id the
     * fullUrl names takes the fullUrl (with the meta version); any other keeps its own id.
     */
    private static void identifyByFullUrl(Bundle.BundleEntryComponent entry, Resource resource) {
        String fullUrl = entry.getFullUrl();
        if (fullUrl == null || fullUrl.isBlank()) {
            return;
        }
        IdType id = new IdType(fullUrl);
        if (!resource.getIdElement().hasIdPart()) {
            resource.setIdElement(id);
        } else if (resource.getIdElement().getIdPart().equals(id.getIdPart())) {
            String version = resource.getMeta().getVersionId();
            resource.setIdElement(version == null || version.isBlank() ? id : id.withVersion(version));
        }
    }

    /** A number HAPI would expand digit by digit: |exponent| over {@link #MAX_EXPONENT}. */
    static boolean isExtreme(JsonNode node) {
        if (!node.isNumber() || node.isIntegralNumber()) {
            return false;
        }
        BigDecimal value = node.decimalValue();
        return value.signum() != 0 && Math.abs((long) value.precision() - value.scale() - 1) > MAX_EXPONENT;
    }

    /**
     * Lenient, but remembers which elements held a value HAPI could not take, and whether it met JSON of a shape it
     * did not expect (which {@link PrimitiveCheck} then looks for in more places).
     */
    private static final class Recording extends LenientErrorHandler {
        private final Set<String> elements = new LinkedHashSet<>();
        private boolean unexpectedShape;

        Recording() {
            super(false);
            setErrorOnInvalidValue(false);
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            elements.add(location == null || location.getParentElementName() == null ? "value"
                    : location.getParentElementName());
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String elementName, ValueType expected,
                                      ScalarType expectedScalar, ValueType found, ScalarType foundScalar) {
            unexpectedShape = true;
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
            unexpectedShape = true;
        }
    }
}
