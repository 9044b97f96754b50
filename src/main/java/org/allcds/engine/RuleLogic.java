package org.allcds.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What decides a rule's behaviour, as a digest: its attributes ({@code salience}, …), its {@code when} and {@code then}
 * text and the DRL functions of its package it calls, with comments and whitespace normalised away. Its name and its
 * metadata ({@code @source}, {@code @url}, {@code @description}, {@code @version}) are left out: citations and words
 * may change without a new version ({@link RuleVersionCheck}). Read from the text, as the author wrote it.
 */
final class RuleLogic {

    /** One rule: its key in the ledger, where its {@code @version} stands, and the digest of its logic. */
    record Rule(String file, String id, String part, String version, int line, int column, String digest) {

        /** {@code R-TX-CART-01 (cd19)}, or the id alone for a rule without a part. */
        String label() {
            return VersionLedger.Entry.of(this).label();
        }
    }

    private static final Pattern BLOCK_START = Pattern.compile("(?m)^[ \\t]*(rule|query|declare|function)\\b");
    private static final Pattern RULE_NAME = Pattern.compile("rule\\s+(?:\"[^\"]*\"|'[^']*'|\\S+)");
    private static final Pattern FUNCTION_NAME = Pattern.compile("function\\s+[^(]*?(\\w+)\\s*\\(");
    private static final Pattern DECLARE = Pattern.compile("declare\\b");
    private static final Pattern SALIENCE = Pattern.compile("\\bsalience\\b");
    private static final Pattern KEYWORD = Pattern.compile("\\b(when|then|end)\\b");
    private static final Pattern ANNOTATION = Pattern.compile("@(\\w+)\\s*");
    private static final Pattern CALL = Pattern.compile("\\b(\\w+)\\s*\\(");
    private static final int DIGEST_HEX = 16;

    private RuleLogic() {
    }

    /** Every rule with an {@code @id} and {@code @version}, by file then position; others are the compiler's to report. */
    static List<Rule> rules(Map<String, String> drlFiles) {
        Map<String, Map<String, String>> functions = new HashMap<>();
        drlFiles.forEach((file, text) -> functions.computeIfAbsent(DrlLocator.packageName(text), k -> new HashMap<>())
                .putAll(new Drl(text).functions()));
        List<Rule> rules = new ArrayList<>();
        drlFiles.forEach((file, text) -> new Drl(text).rules(file, functions.get(DrlLocator.packageName(text)), rules));
        return rules;
    }

    /**
     * A rule as written, for checks of its text: its name, the offset of its {@code rule} keyword, its salience
     * attribute (null without one) and its consequence with comments and the contents of string literals blanked.
     */
    record Written(String name, int at, Salience salience, String consequence) {
    }

    /**
     * A {@code salience} attribute: the value as the DRL parser reads it (a number, or a parenthesised expression with
     * its parentheses) and the offset of its keyword.
     */
    record Salience(String value, int at) {
    }

    /** Each rule of one DRL file with a {@code when} (or {@code then}) and an {@code end}; the compiler reports others. */
    static List<Written> written(String drl) {
        return new Drl(drl).written();
    }

    /**
     * Each declared type ({@code declare} block) of the files, normalised as rule logic is and prefixed with its
     * package, sorted: what rules match besides the facts' Java classes, which no rule's digest covers.
     */
    static List<String> declarations(Map<String, String> drlFiles) {
        List<String> found = new ArrayList<>();
        drlFiles.values().forEach(text -> new Drl(text).declarations()
                .forEach(d -> found.add(DrlLocator.packageName(text) + " " + d)));
        found.sort(null);
        return found;
    }

    /**
     * Each file's statements before its first block (package, imports, globals), normalised and prefixed with its
     * package, sorted and without repeats: what a package's rules see besides their own text.
     */
    static List<String> preludes(Map<String, String> drlFiles) {
        TreeSet<String> found = new TreeSet<>();
        drlFiles.values().forEach(text -> new Drl(text).prelude()
                .forEach(statement -> found.add(DrlLocator.packageName(text) + " " + statement)));
        return List.copyOf(found);
    }

    /** One DRL file with its comments blanked (line breaks and offsets kept) and its string literals marked. */
    private static final class Drl {
        private final String text;
        private final String masked;
        private final BitSet strings = new BitSet();

        Drl(String text) {
            this.text = text;
            this.masked = DrlLocator.withoutComments(text);
            markStrings();
        }

        /** Marks each string or character literal outside comments, so that no keyword or call is read inside one. */
        private void markStrings() {
            for (int i = 0; i < masked.length(); i++) {
                if (DrlLocator.isQuote(masked.charAt(i))) {
                    int close = Math.min(DrlLocator.closingQuote(masked, i), masked.length() - 1);
                    strings.set(i, close + 1);
                    i = close;
                }
            }
        }

        /** The blocks ({@code rule}, {@code function}, …) of the file: their start offsets, and the end of the text. */
        private List<Integer> blockStarts() {
            List<Integer> starts = new ArrayList<>();
            Matcher m = BLOCK_START.matcher(masked);
            while (m.find()) {
                if (!strings.get(m.start(1))) {
                    starts.add(m.start(1));
                }
            }
            starts.add(masked.length());
            return starts;
        }

        /** Each DRL function's name and normalised text. */
        Map<String, String> functions() {
            Map<String, String> found = new HashMap<>();
            List<Integer> starts = blockStarts();
            for (int b = 0; b + 1 < starts.size(); b++) {
                Matcher m = FUNCTION_NAME.matcher(masked).region(starts.get(b), starts.get(b + 1));
                if (m.lookingAt()) {
                    found.put(m.group(1), normalised(starts.get(b), starts.get(b + 1)));
                }
            }
            return found;
        }

        /** The statements before the first block, one per line, normalised; blank lines left out. */
        List<String> prelude() {
            List<String> statements = new ArrayList<>();
            int end = blockStarts().get(0);
            int from = 0;
            while (from < end) {
                int to = masked.indexOf('\n', from);
                to = to < 0 || to > end ? end : to;
                String statement = normalised(from, to);
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                from = to + 1;
            }
            return statements;
        }

        /** The normalised text of each {@code declare} block. */
        List<String> declarations() {
            List<String> found = new ArrayList<>();
            List<Integer> starts = blockStarts();
            for (int b = 0; b + 1 < starts.size(); b++) {
                if (DECLARE.matcher(masked).region(starts.get(b), starts.get(b + 1)).lookingAt()) {
                    found.add(normalised(starts.get(b), starts.get(b + 1)));
                }
            }
            return found;
        }

        List<Written> written() {
            List<Written> found = new ArrayList<>();
            List<Integer> starts = blockStarts();
            for (int b = 0; b + 1 < starts.size(); b++) {
                Matcher name = RULE_NAME.matcher(masked).region(starts.get(b), starts.get(b + 1));
                Sections s = name.lookingAt() ? sections(name.end(), starts.get(b + 1)) : null;
                if (s != null) {
                    found.add(new Written(ruleName(name.group()), starts.get(b), salience(name.end(), s.headerEnd()),
                            withoutLiterals(s.then() + 4, s.end())));
                }
            }
            return found;
        }

        /** The text between the offsets with the contents of its string literals blanked, their quotes kept. */
        private String withoutLiterals(int from, int to) {
            char[] out = masked.substring(from, to).toCharArray();
            for (int i = strings.nextSetBit(from); i >= 0 && i < to; i = strings.nextSetBit(i + 1)) {
                if (!DrlLocator.isQuote(masked.charAt(i))) {
                    out[i - from] = ' ';
                }
            }
            return new String(out);
        }

        /** The name as Drools reads it: without its quotes. */
        private static String ruleName(String declaration) {
            String name = declaration.substring("rule".length()).strip();
            boolean quoted = name.length() >= 2 && DrlLocator.isQuote(name.charAt(0));
            return quoted ? name.substring(1, name.length() - 1) : name;
        }

        /** The header's {@code salience}, outside literals (a name, metadata) and comments; null without one. */
        private Salience salience(int from, int to) {
            Matcher m = SALIENCE.matcher(masked).region(from, to);
            while (m.find()) {
                if (strings.get(m.start())) {
                    continue;
                }
                return new Salience(attributeValue(m.end(), to), m.start());
            }
            return null;
        }

        /** An attribute's value after {@code from}: a parenthesised expression with its parentheses, or one token. */
        private String attributeValue(int from, int to) {
            int start = from;
            while (start < to && Character.isWhitespace(masked.charAt(start))) {
                start++;
            }
            if (start < to && masked.charAt(start) == '(') {
                return masked.substring(start, closingParenthesis(start, to) + 1);
            }
            int end = start;
            while (end < to && !Character.isWhitespace(masked.charAt(end))) {
                end++;
            }
            return masked.substring(start, end);
        }

        /** Where a rule's header ends ({@code when}, or {@code then} without one), its {@code then} and its {@code end}. */
        private record Sections(int headerEnd, int when, int then, int end) {
        }

        /** The sections of the rule between the offsets, or null without a {@code then} and an {@code end}. */
        private Sections sections(int from, int to) {
            int when = -1;
            int then = -1;
            int end = -1;
            Matcher k = KEYWORD.matcher(masked).region(from, to);
            while (k.find()) {
                if (strings.get(k.start())) {
                    continue;
                }
                switch (k.group(1)) {
                    case "when" -> when = when < 0 && then < 0 ? k.start() : when;
                    case "then" -> then = then < 0 ? k.start() : then;
                    default -> end = then < 0 ? end : k.start();
                }
            }
            return then < 0 || end < 0 ? null : new Sections(when < 0 ? then : when, when, then, end);
        }

        void rules(String file, Map<String, String> functions, List<Rule> into) {
            List<Integer> starts = blockStarts();
            for (int b = 0; b + 1 < starts.size(); b++) {
                Matcher name = RULE_NAME.matcher(masked).region(starts.get(b), starts.get(b + 1));
                if (name.lookingAt()) {
                    Rule rule = rule(file, name.end(), starts.get(b + 1), functions);
                    if (rule != null) {
                        into.add(rule);
                    }
                }
            }
        }

        /** The rule whose header starts at {@code from}, or null without an id and version or a {@code then}. */
        private Rule rule(String file, int from, int to, Map<String, String> functions) {
            Sections s = sections(from, to);
            if (s == null) {
                return null;
            }
            int when = s.when();
            int then = s.then();
            int end = s.end();
            Header header = header(from, s.headerEnd());
            String id = header.metadata().get("id");
            String version = header.metadata().get("version");
            if (id == null || version == null) {
                return null;
            }
            String lhs = when < 0 ? "" : normalised(when + 4, then);
            String rhs = normalised(then + 4, end);
            StringBuilder logic = new StringBuilder("attributes ").append(header.attributes())
                    .append("\nwhen ").append(lhs).append("\nthen ").append(rhs);
            calledFunctions(lhs + rhs, functions).forEach(f -> logic.append("\nfunction ").append(functions.get(f)));
            int at = header.versionAt();
            return new Rule(file, id, header.metadata().get("part"), version, DrlLocator.lineAt(text, at),
                    DrlLocator.columnAt(text, at), digest(logic.toString()));
        }

        /** A rule's metadata values and, without its metadata, its attributes normalised. */
        private record Header(Map<String, String> metadata, String attributes, int versionAt) {
        }

        private Header header(int from, int to) {
            Map<String, String> metadata = new HashMap<>();
            StringBuilder attributes = new StringBuilder();
            int versionAt = from;
            int i = from;
            Matcher a = ANNOTATION.matcher(masked);
            while (i < to) {
                a.region(i, to);
                if (!a.find() || strings.get(a.start())) {
                    attributes.append(normalised(i, to)).append(' ');
                    break;
                }
                attributes.append(normalised(i, a.start())).append(' ');
                int close = a.end() < to && masked.charAt(a.end()) == '(' ? closingParenthesis(a.end(), to) : a.end() - 1;
                metadata.put(a.group(1), literal(a.end(), close));
                versionAt = a.group(1).equals("version") ? a.start() : versionAt;
                i = close + 1;
            }
            return new Header(metadata, attributes.toString().strip(), versionAt);
        }

        /** The text of the first string literal between the offsets, without its quotes; null when none. */
        private String literal(int from, int to) {
            int open = strings.nextSetBit(from);
            if (open < 0 || open >= to) {
                return null;
            }
            return text.substring(open + 1, Math.max(open + 1, strings.nextClearBit(open) - 1));
        }

        /** The parenthesis closing the one at {@code open}, outside literals; {@code limit - 1} when it is not before it. */
        private int closingParenthesis(int open, int limit) {
            return Math.min(DrlLocator.closingParenthesis(masked, open + 1), limit - 1);
        }

        /**
         * The text between the offsets with comments gone and whitespace outside string literals kept only as one space
         * between two word characters: {@code f( x )} and {@code f(x)} are the same logic.
         */
        String normalised(int from, int to) {
            StringBuilder out = new StringBuilder();
            boolean space = false;
            for (int i = from; i < to; i++) {
                char c = masked.charAt(i);
                if (!strings.get(i) && Character.isWhitespace(c)) {
                    space = true;
                    continue;
                }
                if (space && !out.isEmpty() && isWord(out.charAt(out.length() - 1)) && isWord(c)) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
            return out.toString();
        }
    }

    /** The functions the text calls, and those they call, by name. */
    private static Set<String> calledFunctions(String logic, Map<String, String> functions) {
        Set<String> called = new TreeSet<>();
        List<String> pending = new ArrayList<>(List.of(logic));
        while (!pending.isEmpty()) {
            Matcher m = CALL.matcher(pending.remove(pending.size() - 1));
            while (m.find()) {
                if (functions.containsKey(m.group(1)) && called.add(m.group(1))) {
                    pending.add(functions.get(m.group(1)));
                }
            }
        }
        return called;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    static String digest(String logic) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(logic.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash).substring(0, DIGEST_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
