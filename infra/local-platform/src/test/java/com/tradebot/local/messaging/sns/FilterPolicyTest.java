package com.tradebot.local.messaging.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterPolicyTest {

    /** attributes: name=Type:value pairs separated by ';' (empty for none). */
    @ParameterizedTest(name = "{0} on [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"side\":[\"BUY\"]}                                  | side=String:BUY                 | true",
            "{\"side\":[\"BUY\"]}                                  | side=String:SELL                | false",
            "{\"side\":[\"BUY\",\"SELL\"]}                         | side=String:SELL                | true",
            "{\"side\":[\"BUY\"]}                                  | ''                              | false",
            "{\"pair\":[{\"prefix\":\"BTC/\"}]}                    | pair=String:BTC/USDT            | true",
            "{\"pair\":[{\"prefix\":\"BTC/\"}]}                    | pair=String:ETH/BTC             | false",
            "{\"price\":[{\"numeric\":[\">=\",100,\"<\",200]}]}    | price=Number:150.5              | true",
            "{\"price\":[{\"numeric\":[\">=\",100,\"<\",200]}]}    | price=Number:200                | false",
            "{\"price\":[{\"numeric\":[\">=\",100]}]}              | price=String:150                | false",
            "{\"price\":[100]}                                     | price=Number:100.0              | true",
            "{\"tier\":[{\"anything-but\":[\"free\"]}]}            | tier=String:pro                 | true",
            "{\"tier\":[{\"anything-but\":[\"free\"]}]}            | tier=String:free                | false",
            "{\"tier\":[{\"anything-but\":{\"prefix\":\"fr\"}}]}   | tier=String:free                | false",
            "{\"tier\":[{\"exists\":true}]}                        | tier=String:x                   | true",
            "{\"tier\":[{\"exists\":true}]}                        | other=String:x                  | false",
            "{\"tier\":[{\"exists\":false}]}                       | other=String:x                  | true",
            "{\"tier\":[{\"exists\":false}]}                       | tier=String:x                   | false",
            "{\"pairs\":[\"ETH/USDT\"]}                            | pairs=String.Array:[\"BTC/USDT\",\"ETH/USDT\"] | true",
            "{\"pairs\":[\"SOL/USDT\"]}                            | pairs=String.Array:[\"BTC/USDT\"] | false",
            "{\"side\":[\"BUY\"],\"pair\":[{\"prefix\":\"BTC\"}]} | side=String:BUY;pair=String:ETH  | false",
            "{\"side\":[\"BUY\"],\"pair\":[{\"prefix\":\"BTC\"}]} | side=String:BUY;pair=String:BTC1 | true",
    })
    void matchesAttributesAsSnsDoes(String policy, String attributes, boolean expected) {
        assertThat(FilterPolicy.parse(policy).matches(parse(attributes))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"not json", "[]", "{}", "{\"side\":\"BUY\"}"})
    void rejectsInvalidPolicies(String policy) {
        assertThatThrownBy(() -> FilterPolicy.parse(policy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter policy");
    }

    private static List<SnsMessageAttribute> parse(String spec) {
        List<SnsMessageAttribute> attributes = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return attributes;
        }
        for (String pair : spec.split(";")) {
            String name = pair.substring(0, pair.indexOf('='));
            String typeAndValue = pair.substring(pair.indexOf('=') + 1);
            String type = typeAndValue.substring(0, typeAndValue.indexOf(':'));
            attributes.add(new SnsMessageAttribute(name, type, typeAndValue.substring(typeAndValue.indexOf(':') + 1),
                    null));
        }
        return attributes;
    }
}
