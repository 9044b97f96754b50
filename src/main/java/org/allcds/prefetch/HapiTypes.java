package org.allcds.prefetch;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseHasExtensions;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.PrimitiveType;

/**
 * HAPI's interface type checks, asked of the R4 model by class first. An {@code instanceof} against an interface scans
 * the class's list of interfaces unless its one-entry cache holds that interface, and HAPI's classes implement many:
 * the primitive walk asks "primitive?" and "has extensions?" of the same classes in turn, so each question displaced
 * the other's answer and every check scanned (about a twentieth of an in-process call). A class check is one compare.
 * Every R4 {@link Element} can carry extensions, and is a primitive exactly when it is a {@link PrimitiveType};
 * {@code HapiTypesTest} holds the answers to the interface checks' for every R4 type.
 */
final class HapiTypes {

    private HapiTypes() {
    }

    /** {@code value instanceof IPrimitiveType}. */
    static boolean isPrimitive(IBase value) {
        if (value instanceof PrimitiveType<?>) {
            return true;
        }
        // what is left of the primitives: the narrative's XHTML, and models other than R4's
        return !(value instanceof Element) && value instanceof IPrimitiveType<?>;
    }

    /** {@code value instanceof IBaseHasExtensions && value.hasExtension()}. */
    static boolean hasExtension(IBase value) {
        if (value instanceof Element element) {
            return element.hasExtension();
        }
        return value instanceof IBaseHasExtensions extensible && extensible.hasExtension();
    }

    /** {@code value instanceof IBaseHasExtensions && !value.hasExtension()}. */
    static boolean lacksExtensions(IBase value) {
        if (value instanceof Element element) {
            return !element.hasExtension();
        }
        return value instanceof IBaseHasExtensions extensible && !extensible.hasExtension();
    }
}
