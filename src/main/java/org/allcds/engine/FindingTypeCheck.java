package org.allcds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A rule that matches a finding by a type no rule creates never fires: {@code Finding( type == "cart-eligibilty" )}
 * compiles and silently never matches, so the order check it guards would never speak. Finding types stay strings
 * (they are the data contract's codes), so this lint compares each type a {@code Finding(...)} pattern names with the
 * types the rule set's consequences create ({@code Finding.of("...", ...)}). A type the {@link FindingVocabulary} does
 * not know is reported by {@link FindingVocabularyCheck}, once.
 */
final class FindingTypeCheck {

    private static final Pattern CREATED = Pattern.compile("\\bFinding\\.of\\(\\s*\"([^\"]*)\"");

    private FindingTypeCheck() {
    }

    static List<RuleProblem> check(Map<String, String> drlFiles, FindingVocabulary vocabulary) {
        Set<String> created = new TreeSet<>();
        drlFiles.values().forEach(text -> CREATED.matcher(text).results().forEach(m -> created.add(m.group(1))));
        List<RuleProblem> problems = new ArrayList<>();
        drlFiles.forEach((file, text) -> {
            for (DrlLocator.StringComparison c : DrlLocator.stringComparisons(text)) {
                if (c.type().equals("Finding") && c.field().equals("type") && !created.contains(c.literal())
                        && vocabulary.type(c.literal()) != null) {
                    problems.add(RuleSetFiles.error(file, DrlLocator.lineAt(text, c.offset()), DrlLocator.columnAt(text, c.offset()),
                            "no rule creates a finding of type \"" + c.literal() + "\", so this pattern never matches; "
                                    + "the rule set creates " + String.join(", ", created)));
                }
            }
        });
        return problems;
    }
}
