package org.allcds.web;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.errors.CdsException;
import org.allcds.errors.RequestBodyIncompleteException;
import org.allcds.errors.InvalidCdsRequestException;
import org.allcds.errors.LogText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into a JSON tree under limits: well-formed UTF-8 ({@link Utf8CheckedStream}), nesting depth
 * (deep JSON must not overflow the stack), the length of numbers and names, and duplicate keys; the body size is
 * bounded by {@link BodyLimitFilter}. Problems become a 400 naming the position.
 */
final class JsonBodies {

    /** A path longer than this is cut in a message: a body nested 100 levels deep has a path of 100 members. */
    private static final int MAX_PATH_CHARS = 120;
    private static final int MAX_NAME_CHARS = 40;
    /** Quoted text in the parser's message: what the client sent, or a JSON word the parser expected. */
    private static final Pattern QUOTED = Pattern.compile("(['\"])(.*?)\\1");
    private static final Set<String> JSON_WORDS = Set.of("null", "true", "false");
    /** Parenthesised groups that name the parser's settings or its source ("(start marker at [Source: …])"). */
    private static final Pattern PARSER_NAMES = Pattern.compile("`|Source:|Feature");

    private final JsonMapper mapper;
    private final StreamReadConstraints limits;

    JsonBodies(int maxDepth) {
        this.limits = StreamReadConstraints.builder().maxNestingDepth(maxDepth).build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // Big decimals: a WBC of 49.999999999999999 must reach the rules as sent, not rounded to 50 by a double.
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    /** The body as a JSON object, or a 400 that says what is wrong and where (the parser knows the path). */
    JsonNode read(InputStream body) {
        JsonParser parser = null;
        try {
            parser = mapper.createParser(new Utf8CheckedStream(body));
            return object(mapper.readTree(parser));
        } catch (StreamConstraintsException e) {
            throw new InvalidCdsRequestException("The request body " + exceeded(e) + " at " + path(parser) + at(e) + ".");
        } catch (JacksonException e) {
            if (e.getCause() instanceof CdsException limit) {
                throw limit;
            }
            // the container may wrap its read failure (Tomcat: a ClientAbortException around the timeout)
            if (causedBy(e, java.net.SocketTimeoutException.class)) {
                throw RequestBodyIncompleteException.timedOut();
            }
            if (causedBy(e, java.io.EOFException.class)) {
                throw RequestBodyIncompleteException.endedEarly();
            }
            throw new InvalidCdsRequestException("The request body is not valid JSON" + at(e) + ": "
                    + sentence(problem(firstLine(e.getOriginalMessage()))));
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode object(JsonNode tree) {
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidCdsRequestException("The request body is empty; a JSON object is required.");
        }
        if (!tree.isObject()) {
            throw new InvalidCdsRequestException("The request body must be a JSON object.");
        }
        return tree;
    }

    /** Which limit the body passed; the parser names it only in its message, by the limit's accessor. */
    private String exceeded(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("getMaxNestingDepth")) {
            return "is nested deeper than " + limits.getMaxNestingDepth() + " levels";
        }
        if (message.contains("getMaxNumberLength")) {
            return "has a number longer than " + limits.getMaxNumberLength() + " characters";
        }
        if (message.contains("getMaxNameLength")) {
            return "has a member name longer than " + limits.getMaxNameLength() + " characters";
        }
        if (message.contains("getMaxStringLength")) {
            return "has a string longer than " + limits.getMaxStringLength() + " characters";
        }
        return "passes a limit of the JSON reader";
    }

    /**
     * Where the parser stopped, as a JSON path ({@code extension.org.example.a.a…}, {@code x[0][0]…}), names and the
     * whole path cut short: the member names come from the request.
     */
    static String path(JsonParser parser) {
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext c = parser == null ? null : parser.streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.currentName() != null) {
                String name = c.currentName();
                segments.addFirst("." + LogText.cut(name, MAX_NAME_CHARS, "…"));
            }
        }
        String path = String.join("", segments);
        path = path.startsWith(".") ? path.substring(1) : path;
        if (path.isEmpty()) {
            return "the top level";
        }
        return LogText.cut(path, MAX_PATH_CHARS, "…");
    }

    static String at(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /**
     * What is wrong, in words a client can act on. The parser's message names its token types, settings and source
     * description, which tell a client nothing to change and name the parser and its version line: a body that ends
     * early and a second value are said plainly, anything else is the parser's description without those names.
     */
    private static String problem(String line) {
        if (line.startsWith("Unexpected end-of-input")) {
            return "it ends inside " + (line.contains("Object") ? "an object" : line.contains("Array") ? "an array"
                    : line.contains("STRING") || line.contains("string") ? "a string" : "a JSON value");
        }
        if (line.startsWith("Trailing token")) {
            return "a second JSON value follows the first";
        }
        String text = withoutGroups(line, PARSER_NAMES);
        int name = text.indexOf('`');
        // a clause naming a setting ("...: enable `JsonReadFeature.X` to allow") goes with what follows it
        text = name < 0 ? text : text.substring(0, Math.max(0, text.lastIndexOf(':', name)));
        return text.isBlank() ? "it is not well-formed" : text.trim();
    }

    /** {@code text} without the bracketed groups (nested ones too) in which {@code naming} finds something. */
    private static String withoutGroups(String text, Pattern naming) {
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            int close = text.charAt(i) == '(' ? closing(text, i) : -1;
            if (close > 0 && naming.matcher(text.substring(i, close)).find()) {
                kept.setLength(kept.toString().stripTrailing().length());
                i = close;
            } else {
                kept.append(text.charAt(i));
            }
        }
        return kept.toString();
    }

    /** The index of the bracket that closes the one at {@code open}; -1 when none does. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String sentence(String text) {
        return text.endsWith("?") || text.endsWith(".") ? text : text + ".";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        // Never echo request content back: keep the parser's description, and the JSON words it quotes as expected
        return QUOTED.matcher(line).replaceAll(m -> Matcher.quoteReplacement(JSON_WORDS.contains(m.group(2)) ? m.group()
                : m.group(1) + "…" + m.group(1))).trim();
    }
}
