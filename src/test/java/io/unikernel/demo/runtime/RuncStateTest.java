package io.unikernel.demo.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RuncStateTest {
    @Test
    void readsThePidOfRuncsStateDocument() throws Exception {
        String state = "{\n  \"ociVersion\": \"1.0.2-dev\",\n  \"id\": \"c1\",\n  \"pid\": 4242,\n  \"status\": \"created\",\n"
                + "  \"bundle\": \"/run/x\",\n  \"annotations\": {\"a\": \"b\"}\n}\n";
        assertEquals(4242, Runc.pidOf(state, "c1"));
    }

    @Test
    void aStateWithoutPidIsAnErrorNamingTheContainer() {
        IOException e = assertThrows(IOException.class, () -> Runc.pidOf("{\"id\":\"c1\"}", "c1"));
        assertEquals("runc state c1 printed no pid", e.getMessage());
        assertThrows(IOException.class, () -> Runc.pidOf("{\"pid\":\"x\"}", "c1"));
        assertThrows(IOException.class, () -> Runc.pidOf("", "c1"));
    }
}
