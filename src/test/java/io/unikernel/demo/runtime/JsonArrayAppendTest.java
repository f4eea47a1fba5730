package io.unikernel.demo.runtime;

import io.unikernel.demo.json.JsonSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonArrayAppendTest {
    private static final List<String> RULES = List.of("linux", "resources", "devices");

    @Test
    void appendsAfterTheLastElementAndKeepsEveryOtherByte() throws Exception {
        String config = "{\"linux\": {\"resources\": {\"devices\": [ {\"allow\":false} ], \"memory\": {\"limit\": 18446744073709551615}}}}";
        assertEquals("{\"linux\": {\"resources\": {\"devices\": [ {\"allow\":false} ,{\"a\":1},{\"b\":2}], \"memory\": {\"limit\": 18446744073709551615}}}}",
                JsonArrayAppend.append(config, RULES, List.of("{\"a\":1}", "{\"b\":2}")));
    }

    @Test
    void fillsAnEmptyArrayWithoutALeadingComma() throws Exception {
        assertEquals("{\"process\":{\"env\":[ \"A=1\"]}}",
                JsonArrayAppend.append("{\"process\":{\"env\":[ ]}}", List.of("process", "env"), List.of("\"A=1\"")));
    }

    @Test
    void createsTheMissingObjectsAndArrayOnThePath() throws Exception {
        assertEquals("{\"ociVersion\":\"1.0.2\",\"linux\":{\"resources\":{\"devices\":[1]}}}",
                JsonArrayAppend.append("{\"ociVersion\":\"1.0.2\"}", RULES, List.of("1")));
        assertEquals("{\"linux\":{\"resources\":{\"devices\":[1]}}}", JsonArrayAppend.append("{}", RULES, List.of("1")));
    }

    @Test
    void replacesANullOnThePath() throws Exception {
        assertEquals("{\"linux\":{\"resources\":{\"devices\":[1]}}}",
                JsonArrayAppend.append("{\"linux\":{\"resources\":null}}", RULES, List.of("1")));
        assertEquals("{\"linux\":{\"devices\":[1]}}",
                JsonArrayAppend.append("{\"linux\":{\"devices\":null}}", List.of("linux", "devices"), List.of("1")));
    }

    @Test
    void nothingToAppendLeavesTheTextAsItWas() throws Exception {
        assertEquals("not even JSON", JsonArrayAppend.append("not even JSON", RULES, List.of()));
    }

    @Test
    void refusesAPathThroughSomethingElseNamingWhere() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class,
                () -> JsonArrayAppend.append("{\"linux\":\n  {\"resources\":\"x\"}}", RULES, List.of("1")));
        assertEquals("line 2, column 16: linux.resources is not an object", e.getMessage());
        e = assertThrows(JsonSyntaxException.class,
                () -> JsonArrayAppend.append("{\"linux\":{\"resources\":{\"devices\":{}}}}", RULES, List.of("1")));
        assertTrue(e.getMessage().endsWith("linux.resources.devices is not an array"), e.getMessage());
    }

    @Test
    void refusesAMalformedDocument() {
        assertThrows(JsonSyntaxException.class, () -> JsonArrayAppend.append("{\"linux\":", RULES, List.of("1")));
    }
}
