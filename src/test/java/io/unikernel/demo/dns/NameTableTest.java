package io.unikernel.demo.dns;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameTableTest {
    static Inet4Address ip(String literal) throws Exception {
        return (Inet4Address) InetAddress.getByName(literal);
    }

    @Test
    void answersNameHostnameAndDockerSuffixInAnyCase() throws Exception {
        NameTable table = NameTable.of(List.of(new ContainerRecord("abc", "/Nginx", "web", ip("172.17.0.2"))));
        for (String name : List.of("nginx", "NGINX.", "nginx.docker", "Nginx.Docker.", "web", "WEB.docker.")) {
            assertEquals(List.of(ip("172.17.0.2")), table.addresses(name).orElseThrow(), name);
        }
        assertTrue(table.addresses("other").isEmpty());
    }

    @Test
    void sharedHostnameAnswersEveryContainer() throws Exception {
        NameTable table = NameTable.of(List.of(
                new ContainerRecord("a", "one", "same", ip("172.17.0.2")),
                new ContainerRecord("b", "two", "same", ip("172.17.0.3"))));
        assertEquals(List.of(ip("172.17.0.2"), ip("172.17.0.3")), table.addresses("same").orElseThrow());
    }

    @Test
    void isAuthoritativeOnlyUnderDocker() {
        assertTrue(NameTable.isAuthoritativeFor("missing.docker."));
        assertTrue(NameTable.isAuthoritativeFor("DOCKER"));
        assertFalse(NameTable.isAuthoritativeFor("docker.com."));
        assertFalse(NameTable.isAuthoritativeFor("example.org"));
    }

    @Test
    void tablesFromTheSameRecordsAreEqual() throws Exception {
        var r = new ContainerRecord("a", "one", "h", ip("172.17.0.2"));
        assertEquals(NameTable.of(List.of(r)), NameTable.of(List.of(r)));
        assertEquals(NameTable.empty(), NameTable.of(List.of()));
    }

    @Test
    void rejectsRecordWithoutName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ContainerRecord("a", "/", "h", ip("10.0.0.1")));
        assertEquals("container name is blank (id a)", e.getMessage());
    }
}
