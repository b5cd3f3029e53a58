package io.docswarm.engine.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte-level automaton on hand-written valid and invalid prefixes. */
class JsonPrefixMatcherTest {
    static final String PLAN = """
            {"type":"object","required":["parts"],"properties":{"parts":{"type":"array","minItems":1,"maxItems":3,
             "items":{"type":"object","required":["role","title","budget","depends_on"],"properties":{
              "role":{"enum":["writer","reviewer","editor"]},
              "title":{"type":"string","maxLength":8},
              "budget":{"type":"integer","minimum":1,"maximum":20},
              "depends_on":{"type":"array","items":{"type":"integer","minimum":0}}}}}}}""";

    private static JsonPrefixMatcher matcher(String schema) {
        return JsonSchemaGrammar.compile(schema.replace('\'', '"')).newMatcher();
    }

    /** Whether the text is accepted as a prefix; if so, whether it is complete. */
    private static void assertPrefix(String schema, String text, boolean complete) {
        JsonPrefixMatcher m = matcher(schema);
        assertTrue(m.accept(text), () -> "should be a valid prefix: " + text);
        assertEquals(complete, m.isComplete(), () -> "complete? " + text);
    }

    private static void assertRejected(String schema, String text) {
        assertFalse(matcher(schema).accept(text), () -> "should be rejected: " + text);
    }

    /** The ASCII bytes the matcher allows next. */
    private static String allowedAscii(JsonPrefixMatcher m) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0x20; b < 0x7F; b++) {
            if (m.allows(b)) {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    @Test
    void planDocuments() {
        String doc = "{\"parts\":[{\"role\":\"writer\",\"title\":\"In \\\"1\\\"\",\"budget\":12,\"depends_on\":[]},"
                + "{\"role\":\"editor\",\"title\":\"éü😀\",\"budget\":20,\"depends_on\":[0,10]}]}";
        assertPrefix(PLAN, doc, true);
        for (int i = 0; i < doc.length(); i++) {
            assertPrefix(PLAN, doc.substring(0, i), false);
        }
        assertRejected(PLAN, "{\"parts\":[]}"); // minItems 1
        assertRejected(PLAN, "{ \"parts\""); // no optional whitespace
        assertRejected(PLAN, "{\"parts\":[{\"role\":\"author\""); // not in the enum
        assertRejected(PLAN, "{\"parts\":[{\"title\""); // role is required and comes first
        assertRejected(PLAN, "{\"parts\":[{\"role\":\"writer\",\"title\":\"123456789"); // maxLength 8
        assertRejected(PLAN, "{\"parts\":[{\"role\":\"writer\",\"title\":\"a\",\"budget\":21");
        assertRejected(PLAN, "{\"parts\":[{\"role\":\"writer\",\"title\":\"a\",\"budget\":0");
        assertRejected(PLAN, "{\"parts\":[{\"role\":\"writer\",\"title\":\"a\",\"budget\":3,\"depends_on\":[-1");
        assertRejected(PLAN, "{\"parts\":[{\"role\":\"writer\",\"title\":\"a\",\"budget\":3,\"depends_on\":[01");
        assertRejected(PLAN, doc + " ");
    }

    @Test
    void nextBytesAtStructuralPoints() {
        JsonPrefixMatcher m = matcher(PLAN);
        assertEquals("{", allowedAscii(m));
        m.accept("{\"parts\":[{\"role\":\"");
        assertEquals("erw", allowedAscii(m));
        m.accept("writer\",\"title\":\"ab\",\"budget\":");
        assertEquals("123456789", allowedAscii(m));
        m.accept("2");
        assertEquals(",0", allowedAscii(m)); // 20 is allowed, 21 is not; or the value ends
        m.accept("0");
        assertEquals(",", allowedAscii(m));
        m.accept(",\"depends_on\":[1]}");
        assertEquals(",]", allowedAscii(m));
        m.accept(",{\"role\":\"editor\",\"title\":\"\",\"budget\":1,\"depends_on\":[]},{\"role\":\"editor\",\"title\":\"\",\"budget\":1,\"depends_on\":[]}");
        assertEquals("]", allowedAscii(m), "maxItems 3 reached");
        m.accept("]}");
        assertTrue(m.isComplete());
        assertFalse(m.canContinue());
    }

    @Test
    void optionalPropertiesMayBeSkippedButKeepTheirOrder() {
        String schema = "{'type':'object','required':['c'],'properties':{'a':{'type':'boolean'},'b':{'type':'null'},'c':{'type':'integer'},'d':{'type':'boolean'}}}";
        assertPrefix(schema, "{\"c\":1}", true);
        assertPrefix(schema, "{\"a\":true,\"c\":-7,\"d\":false}", true);
        assertPrefix(schema, "{\"b\":null,\"c\":0}", true);
        assertRejected(schema, "{}");
        assertRejected(schema, "{\"a\":true}");
        assertRejected(schema, "{\"c\":1,\"a\":true");
        assertRejected(schema, "{\"b\":null,\"a\"");
        assertRejected(schema, "{\"c\":-0");
        assertEquals("\"", allowedAscii(matchAfter(schema, "{")));
    }

    private static JsonPrefixMatcher matchAfter(String schema, String text) {
        JsonPrefixMatcher m = matcher(schema);
        assertTrue(m.accept(text));
        return m;
    }

    @Test
    void strings() {
        String schema = "{'type':'string','minLength':2,'maxLength':3}";
        assertPrefix(schema, "\"ab\"", true);
        assertPrefix(schema, "\"a\\n\\u00e9\"", true); // escapes count as one character each
        assertPrefix(schema, "\"日本語\"", true); // code points, not bytes
        assertRejected(schema, "\"a\"");
        assertRejected(schema, "\"abcd");
        assertRejected(schema, "\"a\nb"); // raw control character
        assertRejected(schema, "\"\\x");
        assertRejected(schema, "\"\\ud800"); // escaped surrogate
        assertPrefix(schema, "\"\\uD7FF\\u1234\"", true);
        JsonPrefixMatcher m = matcher(schema);
        assertTrue(m.accept(new byte[] {'"', (byte) 0xE6}));
        assertFalse(m.allows(0x41), "a multi-byte character must be completed");
        assertFalse(m.allows(0x22));
        assertTrue(m.allows(0x97));
        JsonPrefixMatcher strict = matcher("{'type':'string'}");
        for (int[] bad : new int[][] {{0xC0, 0x80}, {0xE0, 0x80}, {0xED, 0xA0}, {0xF4, 0x90}, {0xF5}, {0x80}}) {
            JsonPrefixMatcher copy = strict.copy();
            copy.accept('"');
            boolean all = true;
            for (int b : bad) {
                all &= copy.accept(b);
            }
            assertFalse(all, "invalid UTF-8 " + java.util.Arrays.toString(bad));
        }
        assertPrefix("{'type':'string'}", "\"" + "x".repeat(500) + "\"", true);
    }

    @Test
    void boundedNumbers() {
        String schema = "{'type':'number','minimum':-1.5,'exclusiveMaximum':2.25}";
        for (String ok : new String[] {"0", "-1.5", "-1", "2.2", "2.249", "0.0001", "-0.5", "1"}) {
            assertPrefix(schema, ok, true);
        }
        assertPrefix(schema, "-", false);
        assertPrefix(schema, "2.", false);
        assertPrefix(schema, "-0", false);
        for (String bad : new String[] {"-1.6", "-2", "2.25", "2.3", "3", "1e", "00", "-1.51", ".5", "+1"}) {
            assertRejected(schema, bad);
        }
        String positive = "{'type':'integer','exclusiveMinimum':0}";
        assertRejected(positive, "-");
        assertRejected(positive, "0");
        assertPrefix(positive, "10000000000000000000000", true);
        String narrow = "{'type':'integer','minimum':95,'maximum':105}";
        assertEquals("19", allowedAscii(matcher(narrow)).replaceAll("[^0-9]", ""));
        assertPrefix(narrow, "1", false);
        assertRejected(narrow, "11");
        assertRejected(narrow, "94");
        assertPrefix(narrow, "100", true);
        assertRejected(narrow, "106");
    }

    @Test
    void unboundedNumbersTakeExponents() {
        String schema = "{'type':'number'}";
        for (String ok : new String[] {"0", "-0.5", "1e10", "2.5E-3", "-7e+2", "123456789.000"}) {
            assertPrefix(schema, ok, true);
        }
        for (String bad : new String[] {"1e", "1.e3", "01", "-", "1.5e+"}) {
            JsonPrefixMatcher m = matcher(schema);
            assertFalse(m.accept(bad) && m.isComplete(), bad);
        }
        assertRejected("{'type':'integer'}", "1.0");
        assertRejected("{'type':'integer'}", "1e3");
    }

    @Test
    void enumsConstAndChoices() {
        String schema = "{'type':'object','required':['v','w'],'properties':{'v':{'anyOf':[{'type':'string','maxLength':2},{'type':'null'},{'enum':[1,12,true]}]},'w':{'const':{'k':[1,2]}}}}";
        assertPrefix(schema, "{\"v\":\"ab\",\"w\":{\"k\":[1,2]}}", true);
        assertPrefix(schema, "{\"v\":null,\"w\":{\"k\":[1,2]}}", true);
        assertPrefix(schema, "{\"v\":1,\"w\":{\"k\":[1,2]}}", true); // 1 is a prefix of 12 yet may end
        assertPrefix(schema, "{\"v\":12,\"w\":{\"k\":[1,2]}}", true);
        assertPrefix(schema, "{\"v\":true,\"w\":{\"k\":[1,2]}}", true);
        assertRejected(schema, "{\"v\":13");
        assertRejected(schema, "{\"v\":false");
        assertRejected(schema, "{\"v\":1,\"w\":{\"k\":[1]}");
        assertPrefix("{'enum':[5]}", "5", true);
        JsonPrefixMatcher one = matchAfter("{'enum':[1,12]}", "1");
        assertTrue(one.isComplete() && one.canContinue(), "1 may end or go on to 12");
    }

    @Test
    void arraysCountTheirItems() {
        String schema = "{'type':'array','items':{'type':'boolean'},'minItems':2,'maxItems':3}";
        assertRejected(schema, "[]");
        assertRejected(schema, "[true]");
        assertPrefix(schema, "[true,false]", true);
        assertPrefix(schema, "[true,false,true]", true);
        assertRejected(schema, "[true,false,true,");
        assertRejected("{'type':'array','items':{'type':'boolean'},'maxItems':0}", "[t");
        assertPrefix("{'type':'array','items':{'type':'boolean'},'maxItems':0}", "[]", true);
        assertPrefix("{'type':'array','items':{'type':'array','items':{'type':'integer'}}}", "[[],[1,2],[-3]]", true);
    }

    @Test
    void utf8IsCheckedByteByByte() {
        byte[] emoji = "\"😀\"".getBytes(StandardCharsets.UTF_8);
        JsonPrefixMatcher m = matcher("{'type':'string','maxLength':1}");
        for (byte b : emoji) {
            assertTrue(m.accept(b & 0xFF));
        }
        assertTrue(m.isComplete());
    }
}
