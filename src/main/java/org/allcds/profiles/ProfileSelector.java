package org.allcds.profiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allcds.mapping.ConceptTranslator;
import org.allcds.mapping.ConceptTranslator.Code;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Which input profile a prefetched resource is validated against, read from the profiles themselves: the code pattern or
 * the required ValueSet of each profile's {@code code}. A resource no input profile claims is ignored by the service and
 * so is not validated. A site code is first translated by the ConceptMaps.
 */
final class ProfileSelector {

    private static final Set<String> INPUT_TYPES = Set.of("Patient", "Condition", "Observation", "Procedure");

    /** The profile chosen and whether the match needed a site map (then the site code itself is not a contract code). */
    record Selection(String profileUrl, boolean viaSiteMap) {
    }

    private final Map<String, String> profileByType = new HashMap<>();
    private final Map<Code, String> profileByCode = new HashMap<>();
    private final ConceptTranslator translator;

    ProfileSelector(ConformanceResources resources, ConceptTranslator translator) {
        this.translator = translator;
        Map<String, ValueSet> valueSets = new HashMap<>();
        resources.valueSets().forEach(vs -> valueSets.put(vs.getUrl(), vs));
        for (StructureDefinition sd : resources.profiles()) {
            if (INPUT_TYPES.contains(sd.getType())) {
                register(sd, valueSets);
            }
        }
    }

    private void register(StructureDefinition sd, Map<String, ValueSet> valueSets) {
        List<Code> codes = new ArrayList<>();
        for (ElementDefinition e : sd.getDifferential().getElement()) {
            if (e.getId().equals(sd.getType() + ".code")) {
                codes.addAll(patternCodes(e));
                codes.addAll(boundCodes(e, valueSets));
            }
        }
        if (codes.isEmpty()) {
            profileByType.put(sd.getType(), sd.getUrl());
        }
        codes.forEach(c -> profileByCode.put(new Code(sd.getType() + "|" + c.system(), c.code()), sd.getUrl()));
    }

    private static List<Code> patternCodes(ElementDefinition e) {
        if (!(e.getPattern() instanceof CodeableConcept cc)) {
            return List.of();
        }
        return cc.getCoding().stream().map(c -> new Code(c.getSystem(), c.getCode())).toList();
    }

    private static List<Code> boundCodes(ElementDefinition e, Map<String, ValueSet> valueSets) {
        if (!e.hasBinding() || !e.getBinding().hasValueSet()) {
            return List.of();
        }
        ValueSet vs = valueSets.get(e.getBinding().getValueSet());
        if (vs == null) {
            return List.of();
        }
        List<Code> codes = new ArrayList<>();
        vs.getCompose().getInclude().forEach(inc -> inc.getConcept()
                .forEach(c -> codes.add(new Code(inc.getSystem(), c.getCode()))));
        return codes;
    }

    Optional<Selection> select(Resource resource) {
        String type = resource.fhirType();
        if (profileByType.containsKey(type)) {
            return Optional.of(new Selection(profileByType.get(type), false));
        }
        for (Coding coding : code(resource).getCoding()) {
            if (!coding.hasSystem() || !coding.hasCode()) {
                continue;
            }
            List<Code> candidates = translator.translate(coding.getSystem(), coding.getCode());
            for (int i = 0; i < candidates.size(); i++) {
                String url = profileByCode.get(new Code(type + "|" + candidates.get(i).system(), candidates.get(i).code()));
                if (url != null) {
                    return Optional.of(new Selection(url, i > 0));
                }
            }
        }
        return Optional.empty();
    }

    private static CodeableConcept code(Resource resource) {
        if (resource instanceof Observation o) {
            return o.getCode();
        }
        if (resource instanceof Condition c) {
            return c.getCode();
        }
        if (resource instanceof Procedure p) {
            return p.getCode();
        }
        return new CodeableConcept();
    }
}
