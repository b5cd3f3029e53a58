package io.docswarm.engine.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesValuesKeepingPropertyOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5e3, true, null], \"a\": \"x\\u00e9\\n\\\"\"} ");
        Map<?, ?> map = (Map<?, ?>) v;
        assertEquals(List.of("b", "a"), List.copyOf(map.keySet()));
        assertEquals(Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, null), map.get("b"));
        assertEquals("xé\n\"", map.get("a"));
    }

    @Test
    void writesCompactly() {
        Object v = Json.parse("{ \"k\" : [ 1 , \"a\\tb\" , {\"x\" : null} ], \"e\": \"\\u0001😀\" }");
        assertEquals("{\"k\":[1,\"a\\tb\",{\"x\":null}],\"e\":\"\\u0001😀\"}", Json.write(v));
    }

    @Test
    void rejectsWhatIsNotStrictJson() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "+1", "'a'", "\"a\nb\"",
                "{\"a\":1 \"b\":2}", "tru", "[1] 2", "{\"a\":1,\"a\":2}", "\"\\x\"", "\"\\u12\"", "NaN")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }
}
