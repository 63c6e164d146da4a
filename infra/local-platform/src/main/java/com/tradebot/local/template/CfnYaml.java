package com.tradebot.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Loads CloudFormation YAML into plain maps and lists. The short-form tags ({@code !Ref}, {@code !Sub}, ...) become
 * their long forms ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}) so that one resolver handles both spellings.
 */
public final class CfnYaml {
    private static final List<String> FUNCTION_TAGS = List.of("Sub", "Join", "Select", "Split", "If", "Equals", "Not",
            "And", "Or", "FindInMap", "ImportValue", "Base64", "GetAZs", "Cidr", "Transform", "Length", "ToJsonString");

    private CfnYaml() {
    }

    public static Object load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return newLoad().loadFromReader(reader);
        } catch (IOException e) {
            throw new TemplateException("Cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    public static Object load(String yaml) {
        return newLoad().loadFromString(yaml);
    }

    private static Load newLoad() {
        LoadSettings settings = LoadSettings.builder().setLabel("template").setCodePointLimit(20 * 1024 * 1024).build();
        return new Load(settings, new IntrinsicTagConstructor(settings));
    }

    private static final class IntrinsicTagConstructor extends StandardConstructor {
        IntrinsicTagConstructor(LoadSettings settings) {
            super(settings);
            tagConstructors.put(new Tag("!Ref"), node -> Map.of("Ref", scalar(node)));
            tagConstructors.put(new Tag("!Condition"), node -> Map.of("Condition", scalar(node)));
            tagConstructors.put(new Tag("!GetAtt"), node -> Map.of("Fn::GetAtt", getAttArguments(node)));
            for (String function : FUNCTION_TAGS) {
                tagConstructors.put(new Tag("!" + function), node -> Map.of("Fn::" + function, contents(node)));
            }
        }

        private String scalar(Node node) {
            if (!(node instanceof ScalarNode scalarNode)) {
                throw new TemplateException("Expected a scalar after " + node.getTag().getValue());
            }
            return scalarNode.getValue();
        }

        /** {@code !GetAtt A.B} is a string; the long form takes a list. */
        private Object getAttArguments(Node node) {
            if (node instanceof ScalarNode scalarNode) {
                String value = scalarNode.getValue();
                int dot = value.indexOf('.');
                if (dot < 1) {
                    throw new TemplateException("!GetAtt needs LogicalId.Attribute, got: " + value);
                }
                return List.of(value.substring(0, dot), value.substring(dot + 1));
            }
            return contents(node);
        }

        private Object contents(Node node) {
            if (node instanceof ScalarNode scalarNode) {
                return scalarNode.getValue();
            }
            if (node instanceof SequenceNode sequenceNode) {
                List<Object> items = new ArrayList<>();
                for (Node child : sequenceNode.getValue()) {
                    items.add(constructObject(child));
                }
                return items;
            }
            return constructMapping((MappingNode) node);
        }
    }
}
