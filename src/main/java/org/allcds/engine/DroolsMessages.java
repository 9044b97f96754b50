package org.allcds.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.builder.Message;

/**
 * Turns a Drools build message into a {@link RuleProblem} a rule author can act on: the path relative to the rules
 * folder, the real line and column (parsed from the message text, or located in the DRL), and a one-line message.
 * Drools' own column is always 0, and a parse error is followed by "Parser returned a null Package", which is noise.
 */
final class DroolsMessages {

    static final String RESOURCE_ROOT = "src/main/resources/";

    /** How far below the line Drools names an expression error is looked for. */
    private static final int NEAR_LINES = 60;
    private static final Pattern PARSER_POSITION = Pattern.compile("\\[ERR \\d+] Line (\\d+):(\\d+)");
    private static final Pattern IN_RULE = Pattern.compile("\\[ERR \\d+] Line \\d+:\\d+ .* in rule \"([^\"]+)\"");
    private static final Pattern UNANALYSABLE = Pattern.compile("Unable to Analyse Expression (.+?):\\s*\\[Error", Pattern.DOTALL);
    private static final Pattern UNRESOLVED_MEMBER = Pattern.compile(
            "unable to resolve method using strict-mode: [\\w.$]+\\.(\\w+)\\(\\)|unable to resolve property[^:]*:\\s*(\\w+)");
    private static final Pattern DUPLICATE_NAME = Pattern.compile("Duplicate rule name: (.+)");
    /** MVEL's own position ("^ [Line: 40, Column: 4]"): its line and column count from the pattern, not the file. */
    private static final Pattern MVEL_POSITION = Pattern.compile("\\s*\\^?\\s*\\[Line: \\d+, Column: \\d+]");
    private static final Pattern UNDEFINED_METHOD = Pattern.compile("The method (\\w+)\\(");
    private static final Pattern UNRESOLVED_NAME = Pattern.compile("(\\w+) cannot be resolved");

    private DroolsMessages() {
    }


    /**
     * Where a DRL file goes in the KieFileSystem: under its package's folder (Drools warns otherwise), named after the
     * author's path so that two files never collide. Messages are mapped back to the author's path.
     */
    static String kiePath(String authorPath, String text) {
        String packageName = DrlLocator.packageName(text);
        String folder = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
        return RESOURCE_ROOT + folder + authorPath.replace('/', '_');
    }

    /** Null for messages that say nothing to an author. */
    static RuleProblem toProblem(Message m, DrlLocator locator, java.util.Map<String, String> authorPaths) {
        String text = m.getText() == null ? "" : m.getText();
        if (text.contains("Parser returned a null Package") || text.contains("but declares package")) {
            return null;
        }
        String file = authorPaths.getOrDefault(relativePath(m.getPath()), relativePath(m.getPath()));
        RuleProblem.Severity severity = m.getLevel() == Message.Level.ERROR ? RuleProblem.Severity.ERROR : RuleProblem.Severity.WARNING;
        // Drools gives some expression errors (a pattern inside not/exists) no line: the whole file is searched then
        int span = m.getLine() > 0 ? NEAR_LINES : Integer.MAX_VALUE / 2;
        DrlLocator.Position at = position(text, file, Math.max(m.getLine(), 1), span, locator);
        return new RuleProblem(file, at.line(), at.column(), severity, withOtherRule(oneLine(text), at, locator));
    }

    /** Drools names only one of two rules with the same name; the author has to find the other too. */
    private static String withOtherRule(String message, DrlLocator.Position at, DrlLocator locator) {
        Matcher duplicate = DUPLICATE_NAME.matcher(message);
        DrlLocator.Position other = duplicate.matches() ? locator.otherStart(at.file(), at.line(), duplicate.group(1)) : null;
        return other == null ? message : message + " (also the name of the rule at " + other.file() + ":" + other.line()
                + ":" + other.column() + "; rule names are unique in a package)";
    }

    /**
     * A rule without its {@code end} runs into the next rule, and Drools reports the error there, far below the
     * mistake, but names the rule it was still reading. When that rule starts before another rule that starts before
     * the error, its {@code end} is probably missing: a hint at its start, or null.
     */
    static RuleProblem missingEndHint(RuleProblem syntaxError, DrlLocator locator) {
        Matcher rule = IN_RULE.matcher(syntaxError.message());
        DrlLocator.Position start = rule.find() ? locator.ruleStartIn(syntaxError.file(), rule.group(1)) : null;
        DrlLocator.Position next = start == null ? null : locator.nextRuleStart(start.file(), start.line());
        if (next == null || next.line() > syntaxError.line()) {
            return null;
        }
        return new RuleProblem(start.file(), start.line(), start.column(), RuleProblem.Severity.WARNING, "rule \""
                + rule.group(1) + "\" may be missing its 'end': the next rule starts at line " + next.line()
                + ", before the syntax error at line " + syntaxError.line());
    }

    private static DrlLocator.Position position(String text, String file, int line, int span, DrlLocator locator) {
        Matcher parser = PARSER_POSITION.matcher(text);
        if (parser.find()) {
            // ANTLR counts columns from 0; authors' editors count from 1.
            return new DrlLocator.Position(file, Integer.parseInt(parser.group(1)), Integer.parseInt(parser.group(2)) + 1);
        }
        for (String token : tokens(text)) {
            DrlLocator.Position found = locator.find(file, line, token, span);
            if (found != null) {
                return atUnresolvedName(found, token, text);
            }
        }
        return new DrlLocator.Position(file, line, locator.firstColumn(file, line));
    }

    /**
     * Inside the expression found at {@code found}, the column of the name Drools could not resolve: the expression
     * is found first because the bare name could occur earlier in the rule, but the mistake in
     * {@code value == NciGroup.HIHG} is at its end.
     */
    private static DrlLocator.Position atUnresolvedName(DrlLocator.Position found, String token, String text) {
        Matcher member = UNRESOLVED_MEMBER.matcher(text);
        if (!member.find()) {
            return found;
        }
        String name = member.group(1) != null ? member.group(1) : member.group(2);
        Matcher word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(token);
        return word.find() ? new DrlLocator.Position(found.file(), found.line(), found.column() + word.start()) : found;
    }

    /** Candidate tokens to look for in the DRL, most precise first. */
    private static java.util.List<String> tokens(String text) {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        Matcher expr = UNANALYSABLE.matcher(text);
        if (expr.find()) {
            tokens.add(expr.group(1).trim());
        }
        Matcher member = UNRESOLVED_MEMBER.matcher(text);
        if (member.find()) {
            tokens.add(member.group(1) != null ? member.group(1) : member.group(2));
        }
        Matcher method = UNDEFINED_METHOD.matcher(text);
        if (method.find()) {
            tokens.add(method.group(1) + "(");
        }
        Matcher name = UNRESOLVED_NAME.matcher(text);
        if (name.find()) {
            tokens.add(name.group(1));
        }
        return tokens;
    }

    static String relativePath(String path) {
        if (path == null) {
            return "";
        }
        return path.startsWith(RESOURCE_ROOT) ? path.substring(RESOURCE_ROOT.length()) : path;
    }

    /** Drools messages span several lines and quote generated Java; authors need the first meaningful sentence. */
    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        flat = flat.replaceFirst("^Rule Compilation error\\s*:?\\s*", "")
                .replaceAll("\\[Near : \\{.*?}]", "")
                .replaceAll("\\s*Rule_\\w+\\.java \\(\\d+:\\d+\\)\\s*:?", " ")
                .replaceAll(MVEL_POSITION.pattern(), "")
                .trim();
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }
}
