package org.allcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseHasExtensions;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.junit.jupiter.api.Test;

/**
 * {@link HapiTypes} answers as the interface checks it stands for, on an instance of every R4 datatype, element and
 * resource, with extensions and without, and on the narrative's XHTML (a primitive outside R4's class tree).
 */
class HapiTypesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void everyR4Type_answersAsTheInterfaceChecks() {
        List<IBase> values = instances();
        assertThat(values).hasSizeGreaterThan(200);
        for (IBase value : values) {
            assertAnswersAsInterfaces(value);
            if (value instanceof IBaseHasExtensions extensible) {
                extensible.addExtension().setUrl("http://example.org/x");
                assertAnswersAsInterfaces(value);
            }
        }
    }

    @Test
    void theNarrativesXhtml_isAPrimitiveWithoutExtensions() {
        XhtmlNode div = new XhtmlNode();
        assertAnswersAsInterfaces(div);
        assertThat(HapiTypes.isPrimitive(div)).isTrue();
        assertThat(HapiTypes.hasExtension(div)).isFalse();
        assertThat(HapiTypes.lacksExtensions(div)).isFalse();
    }

    @Test
    void anExtension_isAnElementThatCanCarryExtensions() {
        Extension extension = new Extension("http://example.org/outer");
        assertThat(HapiTypes.lacksExtensions(extension)).isTrue();
        extension.addExtension(new Extension("http://example.org/inner"));
        assertThat(HapiTypes.hasExtension(extension)).isTrue();
    }

    private static void assertAnswersAsInterfaces(IBase value) {
        boolean extensible = value instanceof IBaseHasExtensions;
        boolean extended = extensible && ((IBaseHasExtensions) value).hasExtension();
        assertThat(HapiTypes.isPrimitive(value)).as("primitive: %s", value.getClass().getName())
                .isEqualTo(value instanceof IPrimitiveType<?>);
        assertThat(HapiTypes.hasExtension(value)).as("has extensions: %s", value.getClass().getName())
                .isEqualTo(extended);
        assertThat(HapiTypes.lacksExtensions(value)).as("lacks extensions: %s", value.getClass().getName())
                .isEqualTo(extensible && !extended);
    }

    /** A new instance of every datatype and primitive the R4 context defines, and of every resource. */
    private static List<IBase> instances() {
        List<IBase> values = new ArrayList<>();
        Stream.concat(FHIR.getElementDefinitions().stream(),
                        FHIR.getResourceTypes().stream().map(FHIR::getResourceDefinition))
                .map(HapiTypesTest::newInstance)
                .forEach(value -> {
                    if (value != null) {
                        values.add(value);
                    }
                });
        return values;
    }

    private static IBase newInstance(BaseRuntimeElementDefinition<?> definition) {
        if (definition instanceof RuntimeResourceDefinition resource) {
            return resource.newInstance();
        }
        try {
            return definition.newInstance();
        } catch (RuntimeException abstractOrNoDefaultConstructor) {
            return null;
        }
    }
}
