package org.allcds.scenario;

import java.util.List;
import org.allcds.facts.Finding;

/**
 * A finding a scenario expects. {@code candidates} and {@code missing} are compared only when the scenario gives them
 * (null = not checked).
 */
public record ExpectedFinding(String type, String scheme, String value, List<String> candidates, List<String> missing) {

    boolean matches(Finding f) {
        return type.equals(f.type()) && java.util.Objects.equals(scheme, f.scheme()) && value.equals(f.value())
                && (candidates == null || candidates.equals(f.candidates()))
                && (missing == null || missing.equals(f.missing()));
    }

    static String describe(Finding f) {
        return describe(f.type(), f.scheme(), f.value(), f.candidates(), f.missing());
    }

    String describe() {
        return describe(type, scheme, value, candidates, missing);
    }

    private static String describe(String type, String scheme, String value, List<String> candidates, List<String> missing) {
        StringBuilder s = new StringBuilder(type).append(' ').append(scheme == null ? "-" : scheme).append(' ').append(value);
        if (candidates != null && !candidates.isEmpty()) {
            s.append(" candidates=").append(candidates);
        }
        if (missing != null && !missing.isEmpty()) {
            s.append(" missing=").append(missing);
        }
        return s.toString();
    }
}
