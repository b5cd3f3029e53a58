package io.docswarm.engine.grammar;

import java.util.LinkedHashMap;
import java.util.Map;

/** Schemas like those the agents use, for the generation tests and the benchmark. */
final class AgentSchemas {
    private AgentSchemas() {
    }

    static final String PLAN = """
            {"type":"object","required":["parts"],"additionalProperties":false,"properties":{
              "parts":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,
                "required":["role","title","budget","depends_on"],"properties":{
                  "role":{"enum":["writer","reviewer","researcher","editor"]},
                  "title":{"type":"string","maxLength":80},
                  "budget":{"type":"integer","minimum":1,"maximum":20},
                  "depends_on":{"type":"array","items":{"type":"integer","minimum":0}}}}}}}""";

    static final String REVIEW = """
            {"type":"object","required":["ok","findings"],"properties":{
              "ok":{"type":"boolean"},
              "findings":{"type":"array","items":{"type":"object","required":["part","issue","fix"],"properties":{
                "part":{"type":"integer"},"issue":{"type":"string"},"fix":{"type":"string"}}}}}}""";

    static final String NESTED = """
            {"type":"object","required":["id","meta","tags"],"properties":{
              "id":{"type":"string","minLength":3,"maxLength":12},
              "meta":{"type":"object","required":["kind","score"],"properties":{
                "kind":{"enum":["a","b",null,3]},
                "score":{"type":"number","minimum":-1,"maximum":1},
                "note":{"type":["string","null"],"maxLength":20},
                "owner":{"type":"object","properties":{
                  "name":{"type":"string","minLength":1},"age":{"type":"integer","minimum":0,"maximum":150}}}}},
              "tags":{"type":"array","items":{"enum":["x","y","z"]},"minItems":1,"maxItems":3},
              "extra":{"anyOf":[{"type":"boolean"},{"type":"array","items":{"type":"number"},"maxItems":2}]}}}""";

    static final String NUMBERS = """
            {"type":"array","minItems":1,"maxItems":4,"items":{"type":"object","required":["i","x","e"],"properties":{
              "i":{"type":"integer","exclusiveMinimum":-50,"maximum":50},
              "x":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":0.5},
              "e":{"type":"number"},
              "c":{"const":"fixed"}}}}""";

    static final String SCALAR = """
            {"type":"integer","minimum":10,"maximum":100000}""";

    static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("plan", PLAN);
        m.put("review", REVIEW);
        m.put("nested", NESTED);
        m.put("numbers", NUMBERS);
        m.put("scalar", SCALAR);
        return m;
    }
}
