package org.allcds.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the finding literals of the rules against the {@link FindingVocabulary}: the type, scheme and value of every
 * {@code Finding.of(...)}, the candidates of its {@code withCandidates(...)}, and the type, scheme and value a
 * {@code Finding( … )} pattern compares with, and the code a {@code DataQualityIssue( … )} pattern compares with or a
 * {@code new DataQualityIssue(...)} is given (a value of the {@code data-quality} finding it becomes). A misspelt value ({@code "VERY-HIGH"}) or scheme ({@code "NCl"}) compiles
 * and reaches the findings extension, and a misspelt one in a pattern never matches; each is an error at the literal,
 * with the declared word it probably means, in the vocabulary's words (a scenario's expectations get the same,
 * {@link FindingVocabulary#whyNever}). Arguments that are not literals ({@code $v.name()}) are checked at run time
 * ({@link FindingVocabulary#inconsistencies}).
 */
final class FindingVocabularyCheck {

    private static final Pattern CREATION = Pattern.compile("\\bFinding\\.of\\(");
    private static final Pattern CANDIDATES = Pattern.compile("\\.withCandidates\\(");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Pattern CONSTANT_NAME = Pattern.compile("[A-Z]\\w*\\.([A-Z][A-Z0-9_]*)\\.name\\(\\)");
    private static final Pattern NEW_ISSUE = Pattern.compile("\\bnew\\s+DataQualityIssue\\s*\\(");
    private static final String FINDING = "Finding";
    private static final String ISSUE = "DataQualityIssue";
    private static final String DATA_QUALITY = "data-quality";

    private FindingVocabularyCheck() {
    }

    /** An argument of a call: its text, trimmed, and the offset where that text starts. */
    record Argument(String text, int offset) {
        String literal() {
            Matcher m = LITERAL.matcher(text);
            return m.matches() ? m.group(1) : null;
        }

        /** A literal, or an enum constant's {@code name()}: the word it stands for; null when the DRL computes it. */
        String constant() {
            String literal = literal();
            if (literal != null) {
                return literal;
            }
            Matcher m = CONSTANT_NAME.matcher(text);
            return m.matches() ? m.group(1) : null;
        }
    }

    /** A {@code Finding.of(...)} call: its arguments and the index just past its closing parenthesis. */
    record Call(List<Argument> args, int end) {
    }

    /** Every {@code Finding.of(...)} call in a DRL text, in order. */
    static List<Call> creations(String text) {
        List<Call> calls = new ArrayList<>();
        Matcher m = CREATION.matcher(text);
        while (m.find()) {
            calls.add(new Call(arguments(text, m.end()), Math.min(DrlLocator.closingParenthesis(text, m.end()) + 1,
                    text.length())));
        }
        return calls;
    }

    static List<RuleProblem> check(Map<String, String> drlFiles, FindingVocabulary vocabulary) {
        List<RuleProblem> problems = new ArrayList<>();
        drlFiles.forEach((file, text) -> {
            Checker checker = new Checker(file, text, vocabulary, problems);
            String code = DrlLocator.withoutComments(text);
            creations(code).forEach(checker::creation);
            patterns(code, checker);
            issueCreations(code, checker);
        });
        return problems;
    }

    /** The words each {@code Finding( … )} pattern and the code each {@code DataQualityIssue( … )} compares with. */
    private static void patterns(String code, Checker checker) {
        Map<Integer, List<DrlLocator.StringComparison>> findings = new LinkedHashMap<>();
        for (DrlLocator.StringComparison c : DrlLocator.stringComparisons(code)) {
            if (c.type().equals(FINDING)) {
                findings.computeIfAbsent(c.pattern(), k -> new ArrayList<>()).add(c);
            } else if (c.type().equals(ISSUE) && c.field().equals("code")) {
                checker.issueCode(c.literal(), c.offset(), consequence(c));
            }
        }
        findings.values().forEach(checker::pattern);
    }

    /** The literal code of each {@code new DataQualityIssue(code, …)}. */
    private static void issueCreations(String code, Checker checker) {
        Matcher issue = NEW_ISSUE.matcher(code);
        while (issue.find()) {
            arguments(code, issue.end()).stream().findFirst().filter(a -> a.literal() != null)
                    .ifPresent(a -> checker.issueCode(a.literal(), a.offset(), ""));
        }
    }

    private record Checker(String file, String text, FindingVocabulary vocabulary, List<RuleProblem> problems) {

        /** A {@code Finding.of(type, [scheme,] value)} call, and its candidates. */
        void creation(Call call) {
            List<Argument> args = call.args();
            if (args.size() < 2 || args.size() > 3) {
                return;
            }
            Argument typeArg = args.get(0);
            String typeName = typeArg.literal();
            FindingVocabulary.Type type = typeName == null ? null : knownType(typeName, typeArg.offset(), "");
            if (type == null) {
                return;
            }
            Argument schemeArg = args.size() == 3 ? args.get(1) : null;
            boolean schemeKnown = schemeArg == null ? schemeless(type, typeArg.offset())
                    : !schemeArg.text().equals("null") && scheme(type, schemeArg.literal(), schemeArg.offset());
            String scheme = schemeArg == null ? null : schemeArg.literal();
            Argument valueArg = args.get(args.size() - 1);
            if (valueArg.literal() != null && (schemeKnown || scheme == null)) {
                value(type, scheme, valueArg.literal(), valueArg.offset(), "");
            }
            candidates(type, schemeKnown ? scheme : null, call.end());
        }

        /** The type, scheme and value one {@code Finding( … )} pattern compares with. */
        void pattern(List<DrlLocator.StringComparison> comparisons) {
            DrlLocator.StringComparison typeComparison = comparisons.stream()
                    .filter(c -> c.field().equals("type") && c.equal() && !c.listed()).findFirst().orElse(null);
            FindingVocabulary.Type type = typeComparison == null ? null
                    : knownType(typeComparison.literal(), typeComparison.offset(), ", so this pattern never matches");
            if (type == null) {
                return;
            }
            String scheme = null;
            for (DrlLocator.StringComparison c : comparisons) {
                if (c.field().equals("scheme") && scheme(type, c.literal(), c.offset())) {
                    scheme = c.equal() && !c.listed() ? c.literal() : null;
                }
            }
            for (DrlLocator.StringComparison c : comparisons) {
                if (c.field().equals("value")) {
                    value(type, scheme, c.literal(), c.offset(), consequence(c));
                }
            }
        }

        /** A data-quality issue's code is the value of the data-quality finding it becomes: the same words. */
        void issueCode(String code, int at, String consequence) {
            value(vocabulary.type(DATA_QUALITY), null, code, at, consequence);
        }

        private FindingVocabulary.Type knownType(String name, int at, String consequence) {
            String unknown = vocabulary.unknownType(name, consequence);
            if (unknown != null) {
                error(at, unknown);
            }
            return vocabulary.type(name);
        }

        /** A two-argument {@code Finding.of} has no scheme: right only for a type without one. */
        private boolean schemeless(FindingVocabulary.Type type, int at) {
            if (type.schemed()) {
                error(at, "finding type \"" + type.name() + "\" needs a scheme ("
                        + String.join(", ", FindingVocabulary.sorted(type.values().keySet()))
                        + "): write Finding.of(\"" + type.name() + "\", scheme, value)");
                return false;
            }
            return true;
        }

        /** True when the scheme is a literal the type declares; an error when it is a literal it does not. */
        private boolean scheme(FindingVocabulary.Type type, String scheme, int at) {
            if (scheme == null) {
                return false;
            }
            if (!type.schemed()) {
                error(at, "finding type \"" + type.name() + "\" has no scheme: write Finding.of(\"" + type.name() + "\", value)");
                return false;
            }
            String unknown = type.unknownScheme(scheme);
            if (unknown != null) {
                error(at, unknown);
            }
            return unknown == null;
        }

        /** A value of the scheme, or of any of the type's schemes when the scheme is not a literal. */
        private void value(FindingVocabulary.Type type, String scheme, String value, int at, String consequence) {
            String unknown = type.unknownValue(scheme, value, consequence);
            if (unknown != null) {
                error(at, unknown);
            }
        }

        /** The literal candidates of a {@code .withCandidates(...)} chained on the finding ending at {@code end}. */
        private void candidates(FindingVocabulary.Type type, String scheme, int end) {
            Matcher m = CANDIDATES.matcher(text);
            int statementEnd = statementEnd(end);
            if (!m.find(end) || m.start() > statementEnd || CREATION.matcher(text).region(end, m.start()).find()) {
                return;
            }
            for (Argument a : arguments(text, m.end())) {
                String unknown = a.literal() == null ? null : type.unknownCandidate(scheme, a.literal());
                if (unknown != null) {
                    error(a.offset(), unknown);
                }
            }
        }

        private int statementEnd(int from) {
            return DrlLocator.indexOutsideLiterals(text, ';', from);
        }

        private void error(int offset, String message) {
            problems.add(RuleSetFiles.error(file, DrlLocator.lineAt(text, offset), DrlLocator.columnAt(text, offset), message));
        }
    }

    /** What a pattern comparing with a word that can never be its field's value amounts to. */
    private static String consequence(DrlLocator.StringComparison c) {
        if (c.listed()) {
            return c.equal() ? ", so it never matches here" : ", so leaving it out excludes nothing";
        }
        return c.equal() ? ", so this pattern never matches" : ", so this constraint is always true";
    }

    /** The arguments of the call whose parenthesis opens just before {@code from}, split at top-level commas. */
    private static List<Argument> arguments(String text, int from) {
        List<Argument> args = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (DrlLocator.isQuote(ch)) {
                i = DrlLocator.closingQuote(text, i);
            } else if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
                depth--;
            } else if (ch == ')' || ch == ',' && depth == 0) {
                add(text, start, i, args);
                start = i + 1;
                if (ch == ')') {
                    return args;
                }
            }
        }
        return args;
    }

    private static void add(String text, int start, int end, List<Argument> args) {
        String raw = text.substring(start, end);
        String trimmed = raw.strip();
        if (!trimmed.isEmpty()) {
            args.add(new Argument(trimmed, start + raw.indexOf(trimmed)));
        }
    }
}
