package org.allcds.prefetch;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor2;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The reference for {@link PrimitiveCheck}'s own walk: HAPI's generic {@link FhirTerser} visit, as the check was first
 * written. Same grammar ({@link PrimitiveCheck#isValid}), so a difference can only come from the walk: which
 * primitives it reaches, with which parent and under which element path.
 */
final class TerserPrimitiveCheck {

    private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

    private TerserPrimitiveCheck() {
    }

    /** The element paths the terser's walk finds invalid, in its order; the invalid values are cleared. */
    static List<String> check(Resource resource) {
        Set<String> invalid = new LinkedHashSet<>();
        TERSER.visit(resource, new IModelVisitor2() {
            @Override
            public boolean acceptElement(IBase element, List<IBase> containing, List<BaseRuntimeChildDefinition> path,
                                         List<BaseRuntimeElementDefinition<?>> definitions) {
                IBase parent = containing.size() >= 2 ? containing.get(containing.size() - 2) : null;
                if (element instanceof PrimitiveType<?> primitive && !PrimitiveCheck.isValid(primitive, parent)) {
                    primitive.setValue(null);
                    invalid.add(pathOf(resource, path));
                }
                return true;
            }
        });
        return List.copyOf(invalid);
    }

    private static String pathOf(Resource resource, List<BaseRuntimeChildDefinition> path) {
        List<String> names = new ArrayList<>();
        names.add(resource.fhirType());
        path.forEach(child -> names.add(child.getElementName()
                + (child instanceof RuntimeChildChoiceDefinition ? "[x]" : "")));
        return String.join(".", names);
    }
}
