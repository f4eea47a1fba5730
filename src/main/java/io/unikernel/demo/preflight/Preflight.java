package io.unikernel.demo.preflight;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.dns.ResolvConf;
import io.unikernel.demo.dns.ResolvRepair;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.kvm.HostKvm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks that this host can run the demo: root, Docker, macvtap, KVM, the images, port 53 on the
 * bridge, the host's resolv.conf, memory and disk. Every check runs whatever the others found, so the checklist shows
 * all there is to fix at once.
 */
public final class Preflight {
    private final HostPaths host;
    private final String dockerHost;
    private final List<String> images;

    /** @param images unikernel names whose images the demo launches, e.g. nginx, mysql */
    public Preflight(HostPaths host, List<String> images) {
        this(host, DockerClients.host(), images);
    }

    /** @param dockerHost the Docker daemon to check, as DOCKER_HOST spells it */
    public Preflight(HostPaths host, String dockerHost, List<String> images) {
        this.host = host;
        this.dockerHost = dockerHost;
        this.images = List.copyOf(images);
    }

    public List<Check> run() {
        return run(check -> {
        });
    }

    /** Runs every check in checklist order, handing each result to onEach as soon as it is known. */
    public List<Check> run(Consumer<Check> onEach) {
        try (ContainerEngine engine = ContainerEngine.connect(dockerHost)) {
            List<HostCheck> checks = List.of(
                    new RootCheck(host.proc()),
                    new DockerCheck(engine::daemonInfo, dockerHost),
                    new MacvtapCheck(host.proc()),
                    new KvmCheck(new HostKvm(host.kvm(), host.proc(), host.kvmVerdict(), engine)),
                    new ImagesCheck(engine, images),
                    new DnsPortCheck(engine::bridgeGateway, ResolvConf.DNS_PORT, host.dnsStateDir()),
                    new ResolvCheck(new ResolvRepair(ContainerDns.Options.RESOLV_CONF, host.dnsStateDir())),
                    new MemoryCheck(host.proc()),
                    new DiskCheck(engine::daemonInfo));
            List<Check> results = new ArrayList<>();
            for (HostCheck check : checks) {
                Check result = runOne(check);
                results.add(result);
                onEach.accept(result);
            }
            return results;
        }
    }

    /** True when nothing failed: warnings leave the demo working. */
    public static boolean passed(List<Check> checks) {
        return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    }

    private Check runOne(HostCheck check) {
        try {
            return check.run();
        } catch (RuntimeException e) {
            if (causedByIo(e)) {
                return Check.fail(check.name(), "not checked: cannot reach the Docker daemon at " + dockerHost,
                        DockerCheck.START_DOCKER);
            }
            return Check.fail(check.name(), "could not check: " + rootMessage(e), "");
        } catch (Exception e) {
            return Check.fail(check.name(), "could not check: " + e.getMessage(), "");
        }
    }

    /** docker-java reports an unreachable daemon as a runtime exception caused by an IOException. */
    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
