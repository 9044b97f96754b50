package org.allcds.profiles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allcds.mapping.ConceptTranslator;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;

/**
 * {@link ConceptTranslator} backed by the site ConceptMaps: a site code stands for itself and for every target its maps
 * give it. Targets marked unmatched or disjoint say the codes are <em>not</em> the same concept, so they are skipped;
 * narrower/wider/inexact are kept because a site map is the site's own statement of what its code means.
 */
public final class ConceptMapTranslator implements ConceptTranslator {

    private static final Set<ConceptMapEquivalence> NOT_A_MATCH =
            Set.of(ConceptMapEquivalence.UNMATCHED, ConceptMapEquivalence.DISJOINT);

    private final Map<Code, List<Code>> targets;

    public ConceptMapTranslator(List<ConceptMap> maps) {
        Map<Code, Set<Code>> collected = new HashMap<>();
        for (ConceptMap map : maps) {
            for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
                addGroup(group, collected);
            }
        }
        Map<Code, List<Code>> frozen = new HashMap<>();
        collected.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.targets = Map.copyOf(frozen);
    }

    private static void addGroup(ConceptMap.ConceptMapGroupComponent group, Map<Code, Set<Code>> collected) {
        for (ConceptMap.SourceElementComponent element : group.getElement()) {
            Code source = new Code(group.getSource(), element.getCode());
            for (ConceptMap.TargetElementComponent target : element.getTarget()) {
                if (target.hasCode() && (target.getEquivalence() == null || !NOT_A_MATCH.contains(target.getEquivalence()))) {
                    collected.computeIfAbsent(source, k -> new LinkedHashSet<>())
                            .add(new Code(group.getTarget(), target.getCode()));
                }
            }
        }
    }

    @Override
    public List<Code> translate(String system, String code) {
        List<Code> mapped = targets.getOrDefault(new Code(system, code), List.of());
        List<Code> result = new ArrayList<>(1 + mapped.size());
        result.add(new Code(system, code));
        result.addAll(mapped);
        return List.copyOf(result);
    }

    @Override
    public Set<Code> sourcesOf(Collection<Code> targets) {
        Set<Code> sources = new LinkedHashSet<>();
        targets.forEach(target -> this.targets.forEach((source, mapped) -> {
            if (mapped.contains(target) && !targets.contains(source)) {
                sources.add(source);
            }
        }));
        return Set.copyOf(sources);
    }

    /** How many source codes the loaded maps translate (for the start-up log line). */
    public int size() {
        return targets.size();
    }
}
