package io.unikernel.demo.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.net.URI;
import java.time.Duration;

/** The one place a docker-java client is made: honours DOCKER_HOST, else the default unix socket. */
public final class DockerClients {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    /** The variable that names another daemon, as for the docker CLI. */
    public static final String HOST_ENV = "DOCKER_HOST";

    private DockerClients() {
    }

    /** The daemon address this process talks to, as the user would write it. */
    public static String host() {
        String env = System.getenv(HOST_ENV);
        return env == null || env.isBlank() ? DEFAULT_HOST : env;
    }

    /** A client for {@link #host()}; nothing is contacted until the first call. */
    public static DockerClient connect() {
        return connect(host());
    }

    public static DockerClient connect(String host) {
        return connect(host, http(host));
    }

    /** A client over an existing transport, so both can share its connections. */
    public static DockerClient connect(String host, DockerHttpClient http) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** docker-java's HTTP transport alone, for the calls where its object mapping costs too much. */
    public static DockerHttpClient http(String host) {
        return new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(host))
                .connectionTimeout(Duration.ofSeconds(5))
                .maxConnections(16)
                .build();
    }
}
