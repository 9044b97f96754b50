package org.allcds.prefetch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allcds.hooks.CdsRequest;

/**
 * A prefetch template (CDS Hooks 2.0 §Prefetch Template): a relative FHIR read or search URL whose {@code {{token}}}s
 * name a first-level primitive context field ({@code {{context.patientId}}}) or one of the four user tokens, which
 * come from {@code context.userId} ({@code Practitioner/123}). Pure: no I/O.
 */
public final class PrefetchTemplate {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern CONTEXT_TOKEN = Pattern.compile("context\\.([A-Za-z][A-Za-z0-9_]*)");
    private static final Pattern CODE_PARAM = Pattern.compile("[?&]code=([^&#]*)");
    private static final Pattern FORBIDDEN_PARAM = Pattern.compile("(?:^|[?&])(_include|_revinclude)(?:[:=&]|$)");
    /** User token → the resource type its {@code context.userId} must have. */
    private static final Map<String, String> USER_TOKENS = Map.of(
            "userPractitionerId", "Practitioner",
            "userPractitionerRoleId", "PractitionerRole",
            "userPatientId", "Patient",
            "userRelatedPersonId", "RelatedPerson");
    private static final List<String> USER_TOKEN_NAMES = List.of(
            "userPractitionerId", "userPractitionerRoleId", "userPatientId", "userRelatedPersonId");
    /**
     * The context fields each hook marks "Prefetch Token: Yes" (CDS Hooks library 1.0.1); {@code selections} and
     * {@code draftOrders} are not: a client cannot put them in a URL and skips the template.
     */
    private static final List<String> PRIMITIVE_CONTEXT = List.of("userId", "patientId", "encounterId");
    private static final Map<String, List<String>> CONTEXT_TOKENS = Map.of(
            "patient-view", PRIMITIVE_CONTEXT,
            "order-select", PRIMITIVE_CONTEXT,
            "order-sign", PRIMITIVE_CONTEXT,
            "encounter-start", PRIMITIVE_CONTEXT);
    private static final Pattern USER_ID = Pattern.compile("([A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})");
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    /** Characters a template may carry literally; anything else (space, '|', non-ASCII) is percent-encoded. */
    private static final String LITERAL_OK = UNRESERVED + ":/?@!$&'()*+,;=%";

    private PrefetchTemplate() {
    }

    /**
     * What a linter should report about a template of a service of {@code hook}, one sentence each; empty when it is
     * fine. Checks the tokens (only {@code context.<field>} with a prefetch-token field of the hook, and the user
     * tokens; any field when the hook is unknown), unbalanced braces, absolute URLs and the
     * {@code _include}/{@code _revinclude} parameters that the prefetch query subset leaves out.
     */
    public static List<String> problems(String template, String hook) {
        List<String> problems = new ArrayList<>();
        if (template == null || template.isBlank()) {
            return List.of("The template is empty.");
        }
        Matcher tokens = TOKEN.matcher(template);
        while (tokens.find()) {
            tokenProblem(tokens.group(1), hook).ifPresent(problems::add);
        }
        String outsideTokens = TOKEN.matcher(template).replaceAll("x");
        if (outsideTokens.contains("{{") || outsideTokens.contains("}}")) {
            problems.add("The template has an unbalanced '{{' or '}}'.");
        }
        if (template.startsWith("/") || template.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
            problems.add("The template must be a URL relative to the FHIR server.");
        }
        Matcher forbidden = FORBIDDEN_PARAM.matcher(query(template));
        while (forbidden.find()) {
            problems.add("The template uses " + forbidden.group(1) + ", which prefetch templates must not use.");
        }
        return List.copyOf(problems);
    }

    /**
     * The template with every token replaced by its URL-encoded value, or empty when a token cannot be resolved
     * from this request (the context field is absent or not primitive, {@code userId} is of another type, or the
     * token is invalid).
     */
    static Optional<String> resolve(String template, CdsRequest request) {
        StringBuilder url = new StringBuilder();
        Matcher tokens = TOKEN.matcher(template);
        int last = 0;
        while (tokens.find()) {
            String value = tokenValue(tokens.group(1), request);
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            url.append(encodeLiteral(template.substring(last, tokens.start()))).append(encodeValue(value));
            last = tokens.end();
        }
        return Optional.of(url.append(encodeLiteral(template.substring(last))).toString());
    }

    /** The resource type a search template searches ({@code Observation?…} gives Observation); empty for a read. */
    public static Optional<String> searchedType(String template) {
        String path = template.split("[?#]", 2)[0];
        return path.matches("[A-Z][A-Za-z]+") ? Optional.of(path) : Optional.empty();
    }

    /** The values of the template's {@code code} parameter ({@code system|code}, decoded); empty when it has none. */
    public static Optional<List<String>> codes(String template) {
        return codeParameter(template).map(value -> List.of(value.split(",", -1)).stream()
                .map(PrefetchTemplate::decode).toList());
    }

    /** The template with {@code extra} appended to its {@code code} list; unchanged when it has none (it asks for all). */
    public static String withCodes(String template, List<String> extra) {
        Optional<String> value = codeParameter(template);
        if (value.isEmpty() || extra.isEmpty()) {
            return template;
        }
        Matcher code = CODE_PARAM.matcher(template);
        code.find();
        return template.substring(0, code.end()) + "," + String.join(",", extra) + template.substring(code.end());
    }

    private static Optional<String> codeParameter(String template) {
        Matcher code = CODE_PARAM.matcher(template);
        return code.find() ? Optional.of(code.group(1)) : Optional.empty();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Why a token cannot be used by a service of the hook; empty when it can. */
    private static Optional<String> tokenProblem(String token, String hook) {
        if (!isValidToken(token)) {
            return Optional.of("Token '{{" + token + "}}' is neither context.<field> nor a user token.");
        }
        Matcher context = CONTEXT_TOKEN.matcher(token);
        List<String> fields = CONTEXT_TOKENS.get(hook);
        if (!context.matches() || fields == null || fields.contains(context.group(1))) {
            return Optional.empty();
        }
        // a client publishes the template as it is and skips it when a token does not resolve: the data never comes
        String meant = fields.stream().filter(f -> f.equalsIgnoreCase(context.group(1))).findFirst()
                .map(f -> " (did you mean '{{context." + f + "}}'?)").orElse("");
        List<String> allowed = new ArrayList<>(fields.stream().map(f -> "{{context." + f + "}}").toList());
        USER_TOKEN_NAMES.forEach(u -> allowed.add("{{" + u + "}}"));
        return Optional.of("Token '{{" + token + "}}' is not a prefetch token of hook " + hook + meant
                + "; its tokens are " + String.join(", ", allowed) + ".");
    }

    private static boolean isValidToken(String token) {
        return CONTEXT_TOKEN.matcher(token).matches() || USER_TOKENS.containsKey(token);
    }

    private static String tokenValue(String token, CdsRequest request) {
        Matcher context = CONTEXT_TOKEN.matcher(token);
        if (context.matches()) {
            return request.contextValue(context.group(1));
        }
        String type = USER_TOKENS.get(token);
        String userId = type == null ? null : request.contextValue("userId");
        if (userId == null) {
            return null;
        }
        Matcher reference = USER_ID.matcher(userId);
        return reference.matches() && reference.group(1).equals(type) ? reference.group(2) : null;
    }

    private static String query(String template) {
        int question = template.indexOf('?');
        return question < 0 ? "" : template.substring(question);
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, so a value cannot add path or query parts. */
    static String encodeValue(String value) {
        return percentEncode(value, UNRESERVED);
    }

    private static String encodeLiteral(String literal) {
        return percentEncode(literal, LITERAL_OK);
    }

    private static String percentEncode(String text, String allowed) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (b >= 0 && allowed.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
