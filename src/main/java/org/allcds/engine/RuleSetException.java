package org.allcds.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that cannot be loaded; carries every problem found, each as file:line:column. */
public class RuleSetException extends RuntimeException {
    private final transient List<RuleProblem> problems;

    public RuleSetException(String what, List<RuleProblem> problems) {
        super(what + problems.stream().filter(RuleProblem::isError).map(p -> "\n  " + p).collect(Collectors.joining()));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() { return problems; }
}
