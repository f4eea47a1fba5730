package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlClientTest {
    @Test
    void rowsAreAlignedUnderTheirColumnNames() {
        List<String> lines = SqlClient.format(List.of(List.of("name", "year"), List.of("rumprun", "2015"), List.of("OSv", "2013")));
        assertEquals(List.of("name     year", "rumprun  2015", "OSv      2013"), lines);
    }
}
