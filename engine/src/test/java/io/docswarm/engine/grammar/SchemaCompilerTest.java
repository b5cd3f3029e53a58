package io.docswarm.engine.grammar;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SchemaCompilerTest {
    private static SchemaException error(String schema) {
        return assertThrows(SchemaException.class, () -> JsonSchemaGrammar.compile(schema.replace('\'', '"')));
    }

    @Test
    void unsupportedKeywordsAreNamedWithTheirPath() {
        SchemaException e = error("{'type':'object','properties':{'parts':{'type':'array','items':"
                + "{'type':'string','pattern':'^a+$'}}}}");
        assertEquals("$.properties.parts.items", e.path());
        assertTrue(e.getMessage().contains("'pattern'"), e.getMessage());

        assertTrue(error("{'type':'string','format':'date'}").getMessage().contains("'format'"));
        assertTrue(error("{'$ref':'#/$defs/x'}").getMessage().contains("'$ref'"));
        assertTrue(error("{'type':'string','frobnicate':1}").getMessage().contains("'frobnicate'"));
        assertTrue(error("{'type':'array','items':{'type':'integer'},'uniqueItems':true}").getMessage().contains("uniqueItems"));
    }

    @Test
    void contradictionsAndMisplacedKeywordsAreErrors() {
        assertTrue(error("{'type':'integer','minLength':2}").getMessage().contains("does not apply to type integer"));
        assertTrue(error("{'type':'string','minLength':5,'maxLength':2}").getMessage().contains("minLength 5"));
        assertTrue(error("{'type':'integer','minimum':1.2,'maximum':1.8}").getMessage().contains("no integer"));
        assertTrue(error("{'type':'object','properties':{},'required':['a']}").getMessage().contains("'a'"));
        assertTrue(error("{'type':'array'}").getMessage().contains("items"));
        assertTrue(error("{}").getMessage().contains("any value"));
        assertTrue(error("{'enum':[]}").getMessage().contains("non-empty"));
        assertTrue(error("{'type':'string','enum':['a',1]}").getMessage().contains("not of type string"));
    }

    @Test
    void overlappingAlternativesAreRefused() {
        SchemaException e = error("{'anyOf':[{'type':'integer'},{'type':'number'}]}");
        assertEquals("$", e.path());
        assertTrue(e.getMessage().contains("anyOf"), e.getMessage());
        assertTrue(error("{'anyOf':[{'type':'string'},{'enum':['a']}]}").getMessage().contains("'\"'"));
        assertTrue(error("{'oneOf':[{'enum':['a','b']},{'const':'a'}]}").getMessage().contains("two branches"));
    }

    @Test
    void supportedSchemasCompile() {
        for (String schema : new String[] {
                "{'type':['string','null'],'maxLength':3}",
                "{'anyOf':[{'type':'object','properties':{'a':{'type':'boolean'}}},{'enum':[1,true,null]},{'type':'string'}]}",
                "{'type':'object','additionalProperties':false,'properties':{'a':{'const':{'x':[1,2]}}},'title':'t'}",
                "{'type':'number','exclusiveMinimum':0,'maximum':1.5,'description':'d'}",
                "{'properties':{'x':{'items':{'type':'null'},'minItems':1}}}"}) {
            assertDoesNotThrow(() -> JsonSchemaGrammar.compile(schema.replace('\'', '"')), schema);
        }
    }
}
