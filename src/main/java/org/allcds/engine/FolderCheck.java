package org.allcds.engine;

import java.util.List;

/**
 * A check of a rule folder that the compiler cannot make without knowing the request path, such as whether the
 * prefetch templates ask for every code the mapping reads. Given to {@link RuleSetCheck}, so start-up, reload and
 * {@code lint} run it alike.
 */
@FunctionalInterface
public interface FolderCheck {

    /** Every problem of the folder, each at its file, line and column; errors refuse the set. */
    List<RuleProblem> problems(RuleSetSource source);

    /** This check refusing nothing: its errors become warnings that end with {@code note}. */
    default FolderCheck asWarnings(String note) {
        return source -> problems(source).stream().map(p -> p.isError() ? p.asWarning(note) : p).toList();
    }
}
