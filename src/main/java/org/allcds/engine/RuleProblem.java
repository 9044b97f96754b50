package org.allcds.engine;

/** A problem in the rule set, located for a rule author: path relative to the rules folder, 1-based line and column. */
public record RuleProblem(String file, int line, int column, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() { return severity == Severity.ERROR; }

    /** This problem as a warning, its message followed by {@code note} (who still refuses it). */
    public RuleProblem asWarning(String note) {
        return new RuleProblem(file, line, column, Severity.WARNING, message + " " + note);
    }

    /** {@code risk/nci.drl:5:19: error: mismatched input …}, the format compilers and editors understand. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity.name().toLowerCase() + ": " + message;
    }
}
