package io.unikernel.demo.docker;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Everything needed to create one container, in our words rather than docker-java's. */
public record ContainerSpec(
        String image,
        List<String> command,
        Optional<String> name,
        Optional<String> hostname,
        Optional<String> network,
        List<String> env,
        Map<String, String> labels,
        boolean publishAll,
        List<String> publish,
        List<String> volumes,
        boolean autoRemove,
        Optional<Long> memoryBytes,
        List<String> deviceCgroupRules,
        List<String> devices) {

    public ContainerSpec {
        Objects.requireNonNull(image, "image was not specified");
        command = List.copyOf(command);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        publish = List.copyOf(publish);
        volumes = List.copyOf(volumes);
        deviceCgroupRules = List.copyOf(deviceCgroupRules);
        devices = List.copyOf(devices);
    }
}
