package com.tradebot.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.tradebot.local.stepfunctions.StatesException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JSONPath reads through Jayway json-path; {@code $$} paths read the context object. */
public final class JsonPaths {
    private JsonPaths() {
    }

    /** Throws IllegalArgumentException when the path does not compile (used at definition load). */
    public static void validate(String path, String where) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException(where + ": '" + path + "' is not a JSONPath (must start with $)");
        }
        try {
            JsonPath.compile(path.startsWith("$$") ? path.substring(1) : path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(where + ": invalid JSONPath '" + path + "': " + e.getMessage(), e);
        }
    }

    /** Reads a path; empty when it does not match anything. */
    public static Optional<JsonNode> find(JsonNode document, String path) {
        try {
            Object value = JsonPath.compile(path).read(document, Json.JSON_PATH);
            return Optional.of(Json.toTree(value));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Reads a path of the state input ({@code $...}) or of the context object ({@code $$...}). */
    public static JsonNode select(JsonNode input, JsonNode context, String path) throws StatesException {
        boolean fromContext = path.startsWith("$$");
        JsonNode document = fromContext ? context : input;
        String documentPath = fromContext ? path.substring(1) : path;
        return find(document, documentPath).orElseThrow(() -> StatesErrors.runtime(
                "Invalid path '" + path + "' : No results for path: " + documentPath + " in input " + Json.write(document)));
    }

    /** Checks a ResultPath-style reference path: {@code $}, then field names in dot or bracket notation only. */
    public static void validateReferencePath(String path, String where) {
        validate(path, where);
        referenceSegments(path, where);
    }

    /**
     * Returns a copy of {@code input} with {@code value} at the reference path, creating missing objects on the way.
     * Jayway's put/set cannot create missing parents, so the (names-only) reference path is walked here.
     */
    public static JsonNode putAtReferencePath(JsonNode input, String path, JsonNode value) throws StatesException {
        List<String> segments = referenceSegments(path, "ResultPath");
        if (segments.isEmpty()) {
            return value;
        }
        if (!input.isObject()) {
            throw new StatesException(StatesErrors.RESULT_PATH_MATCH_FAILURE,
                    "Unable to apply ResultPath '" + path + "' to input " + Json.write(input) + ": input is not an object");
        }
        ObjectNode root = input.deepCopy();
        ObjectNode current = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            JsonNode child = current.get(segments.get(i));
            if (child == null || child.isNull()) {
                child = current.putObject(segments.get(i));
            } else if (!child.isObject()) {
                throw new StatesException(StatesErrors.RESULT_PATH_MATCH_FAILURE,
                        "Unable to apply ResultPath '" + path + "': field '" + segments.get(i) + "' is not an object");
            }
            current = (ObjectNode) child;
        }
        current.set(segments.get(segments.size() - 1), value);
        return root;
    }

    // Reference paths are a tiny subset of JSONPath (names only); splitting them here is simpler than a grammar.
    private static List<String> referenceSegments(String path, String where) {
        List<String> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(i + 1, end);
                if (name.isEmpty() || name.contains("*") || name.contains("@")) {
                    throw notReference(path, where);
                }
                segments.add(name);
                i = end;
            } else if (c == '[' && i + 1 < path.length() && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
                char quote = path.charAt(i + 1);
                int close = path.indexOf(quote + "]", i + 2);
                if (close < 0) {
                    throw notReference(path, where);
                }
                segments.add(path.substring(i + 2, close));
                i = close + 2;
            } else {
                throw notReference(path, where);
            }
        }
        return segments;
    }

    private static IllegalArgumentException notReference(String path, String where) {
        return new IllegalArgumentException(where + ": '" + path
                + "' is not a reference path (only $, .name and ['name'] are allowed)");
    }
}
