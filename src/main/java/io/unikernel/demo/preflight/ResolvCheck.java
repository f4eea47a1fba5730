package io.unikernel.demo.preflight;

import io.unikernel.demo.dns.ResolvRepair;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The host's resolv.conf must not name a DNS server of ours that is gone (a SIGKILLed
 * {@code dns --host-resolv} or console leaves it so): then the host resolves no name at all.
 */
final class ResolvCheck implements HostCheck {
    private final ResolvRepair repair;

    ResolvCheck(ResolvRepair repair) {
        this.repair = repair;
    }

    @Override
    public String name() {
        return "resolv";
    }

    @Override
    public Check run() throws IOException {
        var standing = repair.inspect();
        if (standing instanceof ResolvRepair.Standing.Served served) {
            return Check.ok(name(), repair.resolvConf() + " asks our DNS server on "
                    + served.address().getHostAddress() + " first (pid " + served.pid() + ")");
        }
        if (standing instanceof ResolvRepair.Standing.Stale stale) {
            return Check.fail(name(), repair.resolvConf() + " asks "
                    + stale.address().map(InetAddress::getHostAddress).orElse("our DNS server")
                    + " first, a docker-unikernel DNS server that is no longer running: the host resolves no name",
                    repair.fix(stale));
        }
        return Check.ok(name(), repair.resolvConf() + " names no DNS server of ours");
    }
}
