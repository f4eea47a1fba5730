package io.unikernel.demo.docker;

import com.github.dockerjava.api.DockerClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One create+start of IMAGE in this fresh JVM, through the REST path ({@link EngineApi}, what a
 * launch uses) or through docker-java's commands; prints the nanoseconds from main to started,
 * class loading included, then removes the container. bench/LaunchBenchmark runs it in new JVMs
 * to show what the REST path saves, the reason the gateway keeps two call styles.
 */
public final class FirstStartProbe {
    public static final String REST = "rest";
    public static final String DOCKER_JAVA = "docker-java";

    private FirstStartProbe() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        if (args.length != 2 || !List.of(REST, DOCKER_JAVA).contains(args[0])) {
            System.err.println("usage: FirstStartProbe rest|docker-java IMAGE");
            System.exit(2);
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            String id = args[0].equals(REST) ? viaRest(engine, args[1]) : viaDockerJava(engine.client(), args[1]);
            long nanos = System.nanoTime() - t0;
            engine.remove(id, true);
            System.out.println(nanos);
        } catch (ImageNotFoundException e) {
            System.err.println("FirstStartProbe: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String viaRest(ContainerEngine engine, String image) throws ImageNotFoundException {
        String id = engine.create(new ContainerSpec(image, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), Map.of(), false, List.of(), List.of(), false, Optional.empty(), List.of(), List.of()));
        engine.start(id);
        return id;
    }

    private static String viaDockerJava(DockerClient docker, String image) {
        String id = docker.createContainerCmd(image).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }
}
