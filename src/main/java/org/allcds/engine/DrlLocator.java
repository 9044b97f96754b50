package org.allcds.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds things in DRL text for author-facing messages: where each rule starts, and the column of a token on or
 * after a line. Drools reports the column only inside some messages, and for consequence errors only the rule's line.
 */
final class DrlLocator {

    record Position(String file, int line, int column) {
    }

    /**
     * {@code field == "literal"} (or {@code !=}, {@code equal} false) inside the pattern {@code type( … )} that starts at
     * {@code pattern}; {@code offset} is the literal's opening quote. A literal of {@code field in ( … )} ({@code not in}:
     * {@code equal} false) is {@code listed}: one of several the field may be (or is not).
     */
    record StringComparison(String type, String field, String literal, int offset, int pattern, boolean equal,
                            boolean listed) {
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^[ \\t]*package\\s+([\\w.]+)");
    private static final Pattern RULE = Pattern.compile("(?m)^([ \\t]*)rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))");
    private static final Pattern PATTERN_START = Pattern.compile("\\b([A-Z]\\w*)\\s*\\(");
    /** A string literal, its escaped quotes included. */
    private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern STRING_COMPARISON = Pattern.compile("\\b([a-z]\\w*)\\s*(==|!=)\\s*" + STRING);
    private static final Pattern LIST = Pattern.compile("\\b([a-z]\\w*)\\s+(not\\s+)?in\\s*\\(");
    private static final Pattern LITERAL = Pattern.compile(STRING);

    private final Map<String, String> files;
    private final Map<String, Position> ruleStarts = new HashMap<>();
    /** Every start of each rule name, where two rules of a package share one. */
    private final Map<String, List<Position>> allStarts = new HashMap<>();

    DrlLocator(Map<String, String> drlFiles) {
        this.files = drlFiles;
        drlFiles.forEach(this::indexRules);
    }

    private void indexRules(String file, String text) {
        String packageName = packageName(text);
        Matcher m = RULE.matcher(text);
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            int line = lineAt(text, m.start());
            Position at = new Position(file, line, m.group(1).length() + 1);
            ruleStarts.putIfAbsent(packageName + "." + name, at);
            allStarts.computeIfAbsent(packageName + "." + name, k -> new ArrayList<>()).add(at);
        }
    }

    /** Where {@code rule "name"} starts in package {@code packageName}, or null. */
    Position ruleStart(String packageName, String ruleName) {
        return ruleStarts.get(packageName + "." + ruleName);
    }

    /** Where another rule of the package of {@code file} named {@code ruleName} starts than at {@code line}, or null. */
    Position otherStart(String file, int line, String ruleName) {
        String text = files.get(file);
        List<Position> starts = text == null ? List.of() : allStarts.getOrDefault(packageName(text) + "." + ruleName, List.of());
        return starts.stream().filter(p -> !p.file().equals(file) || p.line() != line)
                .min(Comparator.comparing(Position::file).thenComparingInt(Position::line)).orElse(null);
    }

    /** Where {@code rule "name"} starts in {@code file}, or null. */
    Position ruleStartIn(String file, String ruleName) {
        String text = files.get(file);
        Position at = text == null ? null : ruleStart(packageName(text), ruleName);
        return at != null && at.file().equals(file) ? at : null;
    }

    /** The start of the first rule of {@code file} after {@code line}, or null. */
    Position nextRuleStart(String file, int line) {
        return ruleStarts.values().stream().filter(p -> p.file().equals(file) && p.line() > line)
                .min(Comparator.comparingInt(Position::line)).orElse(null);
    }

    /** 1-based column of {@code token} on {@code line}, searching up to {@code span} lines on; null when absent. */
    Position find(String file, int line, String token, int span) {
        String text = files.get(file);
        if (text == null || token == null || token.isBlank()) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        for (int i = Math.max(line, 1) - 1; i < Math.min(lines.length, line - 1 + span); i++) {
            int col = lines[i].indexOf(token);
            if (col >= 0) {
                return new Position(file, i + 1, col + 1);
            }
        }
        return null;
    }

    /** Column of the first non-blank character of a line, for messages that carry no better position. */
    int firstColumn(String file, int line) {
        String text = files.get(file);
        if (text == null || line < 1) {
            return 1;
        }
        String[] lines = text.split("\n", -1);
        if (line > lines.length) {
            return 1;
        }
        String l = lines[line - 1];
        int i = 0;
        while (i < l.length() && Character.isWhitespace(l.charAt(i))) {
            i++;
        }
        return i + 1;
    }

    /** 1-based line of a character offset. */
    static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of a character offset. */
    static int columnAt(String text, int offset) {
        return offset - text.lastIndexOf('\n', offset - 1);
    }

    /** The DRL file's {@code package}, or "" when it declares none. */
    static String packageName(String text) {
        Matcher pkg = PACKAGE.matcher(text);
        return pkg.find() ? pkg.group(1) : "";
    }

    /**
     * Every comparison of a pattern's field with a string literal, or with each literal of a list ({@code in}, {@code
     * not in}): the literals lint checks against what can match, in the order of the text. A comparison in a comment is
     * none: a pattern commented out matches nothing.
     */
    static List<StringComparison> stringComparisons(String drl) {
        String text = withoutComments(drl);
        List<StringComparison> found = new ArrayList<>();
        Matcher start = PATTERN_START.matcher(text);
        while (start.find()) {
            int end = closingParenthesis(text, start.end());
            Matcher c = STRING_COMPARISON.matcher(text).region(start.end(), end);
            while (c.find()) {
                found.add(new StringComparison(start.group(1), c.group(1), c.group(3), c.start(3) - 1, start.start(),
                        c.group(2).equals("=="), false));
            }
            Matcher list = LIST.matcher(text).region(start.end(), end);
            while (list.find()) {
                Matcher literal = LITERAL.matcher(text).region(list.end(), closingParenthesis(text, list.end()));
                while (literal.find()) {
                    found.add(new StringComparison(start.group(1), list.group(1), literal.group(1), literal.start(),
                            start.start(), list.group(2) == null, true));
                }
            }
        }
        found.sort(Comparator.comparingInt(StringComparison::pattern).thenComparingInt(StringComparison::offset));
        return found;
    }

    /**
     * The text with each comment ({@code //} to the line's end, {@code /* … *}{@code /}) blanked out, its line breaks
     * kept: offsets, lines and columns stay those of the text. Quotes are skipped, so a "//" in a URL is no comment.
     */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (isQuote(ch)) {
                i = closingQuote(text, i);
            } else if (text.startsWith("//", i) || text.startsWith("/*", i)) {
                int end = text.startsWith("//", i) ? lineEnd(text, i) : blockEnd(text, i);
                for (int j = i; j < end; j++) {
                    if (text.charAt(j) != '\n' && text.charAt(j) != '\r') {
                        out.setCharAt(j, ' ');
                    }
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static int lineEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    private static int blockEnd(String text, int from) {
        int close = text.indexOf("*/", from + 2);
        return close < 0 ? text.length() : close + 2;
    }

    /** The index of the quote closing the one at {@code open} (same kind, skipping escapes), or the text's end. */
    static int closingQuote(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == quote) {
                return i;
            }
        }
        return text.length();
    }

    /** True for the quote that opens a string ({@code "}) or a character or MVEL string ({@code '}). */
    static boolean isQuote(char ch) {
        return ch == '"' || ch == '\'';
    }

    /**
     * The index of the parenthesis closing the one opened just before {@code from} (end of text if none); one inside a
     * string or character literal closes nothing.
     */
    static int closingParenthesis(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (isQuote(ch)) {
                i = closingQuote(text, i);
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    /** The index of the first {@code target} at or after {@code from} outside string and character literals, or the end. */
    static int indexOutsideLiterals(String text, char target, int from) {
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (isQuote(ch)) {
                i = closingQuote(text, i);
            } else if (ch == target) {
                return i;
            }
        }
        return text.length();
    }
}
