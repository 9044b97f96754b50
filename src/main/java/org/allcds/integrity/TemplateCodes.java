package org.allcds.integrity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.mapping.ConceptTranslator.Code;
import org.allcds.mapping.FactMapper;
import org.allcds.prefetch.PrefetchTemplate;

/**
 * Search templates against what the mapping reads (data contract §1): a template's {@code code=} list must name every
 * code the mapping reads on that resource type, or the data behind it is never asked for. The codes come from the
 * mapping itself ({@link FactMapper#codesRead()}), never from a copy.
 */
public final class TemplateCodes {

    private final Map<String, Set<Code>> read;

    /** The contract's codes with a plain mapper; with a site's translator, its codes as well. */
    public TemplateCodes(FactMapper mapper) {
        this.read = mapper.codesRead();
    }

    /**
     * The codes ({@code system|code}, sorted) the mapping reads that the template's code list lacks. Empty for a read,
     * a type the mapping does not read, or a search without a code list (it asks for everything).
     */
    public List<String> missing(String template) {
        Optional<List<String>> listed = PrefetchTemplate.codes(template);
        Set<Code> needed = PrefetchTemplate.searchedType(template).map(read::get).orElse(null);
        if (listed.isEmpty() || needed == null) {
            return List.of();
        }
        return needed.stream().map(code -> code.system() + "|" + code.code())
                .filter(code -> !listed.get().contains(code)).sorted().toList();
    }

    /** True when the template searches a type the mapping reads without narrowing it by code. */
    public boolean asksForEverything(String template) {
        return PrefetchTemplate.searchedType(template).filter(read::containsKey).isPresent()
                && PrefetchTemplate.codes(template).isEmpty();
    }

    /**
     * The service with each template's code list completed by the codes it lacks (a site's ConceptMap source codes),
     * as discovery publishes it and as fetches use it.
     */
    public ServiceDefinition expand(ServiceDefinition service) {
        Map<String, String> expanded = new LinkedHashMap<>();
        service.prefetch().forEach((key, template) -> expanded.put(key, PrefetchTemplate.withCodes(template, missing(template))));
        return expanded.equals(service.prefetch()) ? service : service.withPrefetch(expanded);
    }
}
