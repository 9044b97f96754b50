package org.allcds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule that matches a finding by a type no rule creates never fires: {@code Finding( type == "cart-eligibilty" )}
 * compiles and silently never matches, so the order check it guards would never speak. Finding types stay strings
 * (they are the data contract's codes), so this lint compares each type a {@code Finding(...)} pattern names with the
 * types the rule set's consequences create ({@link FindingVocabulary#notCreated}). A type the vocabulary does not
 * declare is reported by {@link FindingVocabularyCheck}, once.
 */
final class FindingTypeCheck {

    private FindingTypeCheck() {
    }

    static List<RuleProblem> check(Map<String, String> drlFiles, FindingVocabulary vocabulary) {
        List<RuleProblem> problems = new ArrayList<>();
        drlFiles.forEach((file, text) -> {
            for (DrlLocator.StringComparison c : DrlLocator.stringComparisons(text)) {
                String never = c.type().equals("Finding") && c.field().equals("type") && vocabulary.type(c.literal()) != null
                        ? vocabulary.notCreated(c.literal(), ", so this pattern never matches") : null;
                if (never != null) {
                    problems.add(RuleSetFiles.error(file, DrlLocator.lineAt(text, c.offset()),
                            DrlLocator.columnAt(text, c.offset()), never));
                }
            }
        });
        return problems;
    }
}
