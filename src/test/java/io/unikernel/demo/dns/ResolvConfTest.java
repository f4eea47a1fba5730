package io.unikernel.demo.dns;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResolvConfTest {
    @Test
    void readsNameserversInOrderAndIgnoresTheRest() throws Exception {
        ResolvConf conf = ResolvConf.parse("""
                # comment
                search example.org
                nameserver 10.0.0.2
                ; nameserver 10.9.9.9
                options ndots:2
                nameserver   fe80::1%eth0
                nameserver not-an-address
                nameserver 1.1.1.1 # trailing
                """);
        assertEquals(List.of(InetAddress.getByName("10.0.0.2"), InetAddress.getByName("fe80::1"),
                InetAddress.getByName("1.1.1.1")), conf.nameservers());
    }

    @Test
    void upstreamsSkipTheServerItself() throws Exception {
        ResolvConf conf = ResolvConf.parse("nameserver 172.17.0.1\nnameserver 127.0.0.53\nnameserver 10.0.0.2\n");
        var bridge = new InetSocketAddress(InetAddress.getByName("172.17.0.1"), 53);
        assertEquals(List.of(new InetSocketAddress("127.0.0.53", 53), new InetSocketAddress("10.0.0.2", 53)),
                ContainerDns.upstreamsOf(conf, bridge));
        var loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53);
        assertEquals(List.of(new InetSocketAddress("172.17.0.1", 53), new InetSocketAddress("10.0.0.2", 53)),
                ContainerDns.upstreamsOf(conf, loopback));
    }
}
