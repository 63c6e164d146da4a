package com.tradebot.dynamodb.value;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredItemTest {

    @Property
    void behavesAsTheMapItWasMadeFrom(@ForAll @Size(max = 20) List<String> names) {
        Map<String, AttributeValue> source = new LinkedHashMap<>();
        for (String name : names) {
            source.put(name, AttributeValue.s(name + "!"));
        }
        Map<String, AttributeValue> stored = StoredItem.of(new LinkedHashMap<>(source));

        assertThat(stored).isEqualTo(source);
        assertThat(source).isEqualTo(stored);
        assertThat(stored.hashCode()).isEqualTo(source.hashCode());
        assertThat(new ArrayList<>(stored.keySet())).isEqualTo(new ArrayList<>(source.keySet()));
        assertThat(new ArrayList<>(stored.values())).isEqualTo(new ArrayList<>(source.values()));
        assertThat(stored.size()).isEqualTo(source.size());
        for (String name : names) {
            assertThat(stored.get(name)).isEqualTo(source.get(name));
            assertThat(stored.containsKey(name)).isTrue();
        }
        assertThat(stored.get("not" + names)).isNull();
        assertThat(stored.get(null)).isNull();
        assertThat(stored.containsKey(null)).isFalse();
    }

    @Property
    void theBuilderKeepsTheFirstOfARepeatedNameAndSaysSo(@ForAll @Size(max = 40) List<@StringLength(max = 2) String> names) {
        Map<String, AttributeValue> expected = new LinkedHashMap<>();
        StoredItem.Builder builder = new StoredItem.Builder();
        for (int i = 0; i < names.size(); i++) {
            AttributeValue value = AttributeValue.n(i);
            boolean added = expected.putIfAbsent(names.get(i), value) == null;
            assertThat(builder.add(names.get(i), value)).isEqualTo(added);
        }
        Map<String, AttributeValue> built = builder.build();

        assertThat(built).isEqualTo(expected);
        assertThat(new ArrayList<>(built.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
        assertThatThrownBy(() -> built.put("x", AttributeValue.NULL)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void cannotBeChanged() {
        Map<String, AttributeValue> stored = StoredItem.of(new LinkedHashMap<>(Map.of("a", AttributeValue.s("x"))));

        assertThatThrownBy(() -> stored.put("b", AttributeValue.s("y"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> stored.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(stored::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> stored.entrySet().iterator().next().setValue(AttributeValue.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> {
            var it = stored.entrySet().iterator();
            it.next();
            it.remove();
        }).isInstanceOf(UnsupportedOperationException.class);
        assertThat(stored).containsExactly(Map.entry("a", AttributeValue.s("x")));
    }

    @Test
    void anItemAlreadyStoredIsKeptAsItIs() {
        Map<String, AttributeValue> stored = StoredItem.of(new LinkedHashMap<>(Map.of("a", AttributeValue.s("x"))));

        assertThat(StoredItem.of(stored)).isSameAs(stored);
    }
}
