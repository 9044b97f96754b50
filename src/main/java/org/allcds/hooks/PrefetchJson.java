package org.allcds.hooks;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A request's prefetch as sent: each key's JSON, a key whose value is JSON null (the client has no data) kept as
 * {@link tools.jackson.databind.node.NullNode}, an omitted key absent. The call that reads it gives it up once the
 * resources are read from it ({@link #release}): for a large record the JSON tree is most of the call's memory, and
 * only the resources are used after. Reading it after that is a fault of the code, not of the request.
 */
public final class PrefetchJson {

    private final Map<String, JsonNode> keys;
    private volatile boolean released;

    public PrefetchJson(Map<String, JsonNode> keys) {
        this.keys = keys == null ? new LinkedHashMap<>() : new LinkedHashMap<>(keys);
    }

    /** The key's JSON; null when the key was not sent. */
    public JsonNode get(String key) {
        return held().get(key);
    }

    /** Gives the JSON up, so that the memory it holds is free for the rest of the call. */
    public void release() {
        released = true;
        keys.clear();
    }

    private Map<String, JsonNode> held() {
        if (released) {
            throw new IllegalStateException("The prefetch's JSON was released once its resources were read");
        }
        return keys;
    }
}
