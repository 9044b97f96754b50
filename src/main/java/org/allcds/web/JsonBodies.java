package org.allcds.web;

import java.io.InputStream;
import org.allcds.errors.CdsException;
import org.allcds.errors.InvalidCdsRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into a JSON tree under limits: nesting depth (deep JSON must not overflow the stack) and
 * duplicate keys; the body size is bounded by {@link BodyLimitFilter}. Problems become a 400 naming the position.
 */
final class JsonBodies {

    private final JsonMapper mapper;

    JsonBodies(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // Big decimals: a WBC of 49.999999999999999 must reach the rules as sent, not rounded to 50 by a double.
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    JsonNode read(InputStream body) {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidCdsRequestException("The request body is empty; a JSON object is required.");
            }
            if (!tree.isObject()) {
                throw new InvalidCdsRequestException("The request body must be a JSON object.");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw new InvalidCdsRequestException("The request body is nested too deeply or has a value too long"
                    + at(e) + ".");
        } catch (JacksonException e) {
            if (e.getCause() instanceof CdsException limit) {
                throw limit;
            }
            throw new InvalidCdsRequestException("The request body is not valid JSON" + at(e) + ": "
                    + firstLine(e.getOriginalMessage()) + ".");
        }
    }

    static String at(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        // Never echo request content back: keep the parser's description, drop quoted input.
        return line.replaceAll("'[^']*'", "").replaceAll("\"[^\"]*\"", "").trim();
    }
}
