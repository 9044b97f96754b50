package org.allcds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.allcds.catalog.ServiceCatalog;
import org.allcds.facts.Finding;

/**
 * Warnings about rules that compile but would not run where the author thinks: a package no service in
 * {@code services.yaml} runs never fires; a file whose folder and package disagree ({@code risk/x.drl} declaring
 * {@code org.allcds.rules.relapse}) runs in the other folder's services; and a clock call makes a rule depend on the
 * day it runs instead of the evaluation time every date rule must use ({@code EvaluationTime}). A summary literal
 * longer than a card shows is a warning too.
 */
final class RuleSetLayout {

    private static final Pattern CLOCK = Pattern.compile("\\b(?:(?:LocalDate|LocalDateTime|LocalTime|Instant|ZonedDateTime"
            + "|OffsetDateTime|Year|YearMonth|MonthDay|Clock)\\s*\\.\\s*(?:now|systemUTC|systemDefaultZone)\\s*\\("
            + "|System\\s*\\.\\s*(?:currentTimeMillis|nanoTime)\\s*\\(|new\\s+(?:java\\.util\\.)?Date\\s*\\(\\s*\\)"
            + "|Calendar\\s*\\.\\s*getInstance\\s*\\()");
    /** A summary written as one literal; one built from parts is measured by the card tests, not here. */
    private static final Pattern SUMMARY = Pattern.compile("\\bwithSummary\\s*\\(\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\"\\s*[,)]");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^[ \\t]*package\\s+([\\w.]+)");
    /** Comments and strings are blanked (same length) before looking for clock calls. */
    private static final Pattern NOT_CODE = Pattern.compile("//[^\\n]*|/\\*(?s:.*?)\\*/|\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    private RuleSetLayout() {
    }

    static List<RuleProblem> check(Map<String, String> drlFiles, ServiceCatalog services) {
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> run = services == null ? null : services.services().stream()
                .flatMap(s -> s.rulePackages().stream()).collect(Collectors.toSet());
        drlFiles.forEach((file, text) -> {
            Matcher pkg = PACKAGE.matcher(text);
            if (pkg.find()) {
                String name = pkg.group(1);
                int line = DrlLocator.lineAt(text, pkg.start(1));
                int column = DrlLocator.columnAt(text, pkg.start(1));
                int slash = file.indexOf('/');
                String folder = slash < 0 ? null : file.substring(0, slash);
                if (folder != null && !name.endsWith("." + folder)) {
                    problems.add(warning(file, line, column, "package " + name + " in folder " + folder + "/: its rules"
                            + " run in the services of " + name + ", not of " + folder + "/ (one topic is one folder and"
                            + " one package: move the file, or declare the folder's package)"));
                }
                if (run != null && !run.contains(name)) {
                    problems.add(warning(file, line, column, "no service in services.yaml runs package " + name
                            + ", so its rules never fire (add it to a service's 'rules')"));
                }
            }
            Matcher summary = SUMMARY.matcher(text);
            while (summary.find()) {
                if (summary.group(1).length() > Finding.MAX_SUMMARY) {
                    problems.add(warning(file, DrlLocator.lineAt(text, summary.start(1)), DrlLocator.columnAt(text,
                            summary.start(1)), "summary of " + summary.group(1).length() + " characters: a card's summary"
                            + " shows at most " + Finding.MAX_SUMMARY + " and cuts the rest; say the rest in withNote"));
                }
            }
            Matcher clock = CLOCK.matcher(blankNonCode(text));
            while (clock.find()) {
                problems.add(warning(file, DrlLocator.lineAt(text, clock.start()), DrlLocator.columnAt(text, clock.start()),
                        "'" + call(clock.group()) + "' reads the clock: rules take \"now\" from the"
                                + " EvaluationTime fact, so that a card and its scenario do not depend on the day they run"));
            }
        });
        return problems;
    }

    private static String call(String match) {
        String call = match.replaceAll("\\s+", match.startsWith("new") ? " " : "");
        return call.endsWith("(") ? call + ")" : call;
    }

    private static String blankNonCode(String text) {
        StringBuilder out = new StringBuilder(text);
        Matcher m = NOT_CODE.matcher(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    private static RuleProblem warning(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, RuleProblem.Severity.WARNING, message);
    }
}
