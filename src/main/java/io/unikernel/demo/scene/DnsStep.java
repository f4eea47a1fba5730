package io.unikernel.demo.scene;

/** Starts or stops the DNS server that answers container names. */
public record DnsStep(boolean start, boolean hostResolv) implements Step {
    @Override
    public String describe() {
        return start ? "start DNS" + (hostResolv ? " (host resolves container names)" : "") : "stop DNS";
    }
}
