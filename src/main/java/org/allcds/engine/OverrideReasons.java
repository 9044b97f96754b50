package org.allcds.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.allcds.catalog.OverrideReason;

/**
 * Checks the override reasons declared in {@code services.yaml}: each a Coding with an absolute {@code system} URI, a
 * {@code code} and a {@code display} (what the EHR shows), no concept twice in one list.
 */
final class OverrideReasons {

    private OverrideReasons() {
    }

    static List<OverrideReason> read(List<RuleSetFiles.ReasonEntry> entries, String where, int line, List<RuleProblem> problems) {
        if (entries == null) {
            return List.of();
        }
        List<OverrideReason> reasons = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            RuleSetFiles.ReasonEntry e = entries.get(i);
            String at = where + "[" + i + "]";
            if (e == null || blank(e.code()) || blank(e.display()) || !absoluteUri(e.system())) {
                problems.add(RuleSetFiles.error(RuleSetSource.SERVICES_FILE, line, 1,
                        at + " needs 'system' (an absolute URI), 'code' and 'display'"));
                continue;
            }
            if (!seen.add(e.system() + '|' + e.code())) {
                problems.add(RuleSetFiles.error(RuleSetSource.SERVICES_FILE, line, 1,
                        at + ": " + e.system() + "|" + e.code() + " is listed twice"));
                continue;
            }
            reasons.add(new OverrideReason(e.system(), e.code(), e.display()));
        }
        return reasons;
    }

    private static boolean absoluteUri(String text) {
        if (blank(text)) {
            return false;
        }
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
