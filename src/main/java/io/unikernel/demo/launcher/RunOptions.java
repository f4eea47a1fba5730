package io.unikernel.demo.launcher;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@code docker-unikernel run} was asked to do; the docker-run options keep docker's meaning. */
public record RunOptions(
        String image,
        List<String> command,
        Optional<String> name,
        Optional<String> hostname,
        Optional<String> network,
        boolean publishAll,
        List<String> publish,
        List<String> env,
        List<String> volumes,
        boolean removeOnExit,
        Optional<Long> memoryBytes,
        boolean attach,
        boolean keepOnError,
        boolean timings) {

    public RunOptions {
        Objects.requireNonNull(image, "image was not specified");
        if (image.isBlank()) {
            throw new IllegalArgumentException("image name is empty");
        }
        command = List.copyOf(command);
        publish = List.copyOf(publish);
        env = List.copyOf(env);
        volumes = List.copyOf(volumes);
    }

    /** Defaults for everything but the image: detached, no ports, nothing kept on error. */
    public static RunOptions of(String image) {
        return new RunOptions(image, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(), List.of(),
                List.of(), false, Optional.empty(), false, false, false);
    }

    public RunOptions withName(String newName) {
        return new RunOptions(image, command, Optional.of(newName), hostname, network, publishAll, publish, env, volumes,
                removeOnExit, memoryBytes, attach, keepOnError, timings);
    }

    public RunOptions withHostname(String newHostname) {
        return new RunOptions(image, command, name, Optional.of(newHostname), network, publishAll, publish, env, volumes,
                removeOnExit, memoryBytes, attach, keepOnError, timings);
    }
}
