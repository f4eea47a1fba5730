package io.unikernel.demo.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.unikernel.demo.host.DeviceNumber;
import io.unikernel.demo.host.DeviceRule;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.launcher.GuestDevices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Step 1 of the contract for a container an engine created: the guest's devices (and the
 * host's KVM verdict for the runner) written into the OCI bundle's config.json before runc reads it (the same {@link GuestDevices} that
 * {@code docker-unikernel run} asks Docker for).
 */
public final class BundleDevices {
    /** The mode of /dev/kvm as Docker's --device creates it (0666, as udev does). */
    private static final int KVM_FILE_MODE = 0666;

    private BundleDevices() {
    }

    public static void add(Path configJson, GuestDevices devices) throws HostException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config;
        try {
            JsonNode read = json.readTree(configJson.toFile());
            if (!(read instanceof ObjectNode o)) {
                throw new HostException(configJson + " is not an OCI runtime configuration (not a JSON object)");
            }
            config = o;
        } catch (IOException e) {
            throw new HostException("Failed to read the OCI configuration " + configJson + ": " + e.getMessage(), e);
        }
        ObjectNode linux = config.with("linux");
        ArrayNode rules = linux.with("resources").withArray("devices");
        rules.add(rule(json, devices.macvtap()));
        if (devices.kvm().isPresent()) {
            Path kvm = devices.kvm().get();
            DeviceNumber number = DeviceNumber.of(kvm);
            linux.withArray("devices").addObject()
                    .put("path", kvm.toString()).put("type", "c").put("major", number.major()).put("minor", number.minor())
                    .put("fileMode", KVM_FILE_MODE).put("uid", 0).put("gid", 0);
            rules.add(rule(json, new DeviceRule('c', number.major(), number.minor(), "rwm")));
        }
        ArrayNode env = config.with("process").withArray("env");
        devices.env().forEach(env::add);
        try {
            Files.writeString(configJson, json.writeValueAsString(config));
        } catch (IOException e) {
            throw new HostException("Failed to write the OCI configuration " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** A device rule in the OCI layout; no minor means every minor. */
    private static ObjectNode rule(ObjectMapper json, DeviceRule rule) {
        ObjectNode node = json.createObjectNode().put("allow", true).put("type", String.valueOf(rule.type())).put("major", rule.major());
        if (rule.minor() != null) {
            node.put("minor", rule.minor());
        }
        return node.put("access", rule.permissions());
    }
}
