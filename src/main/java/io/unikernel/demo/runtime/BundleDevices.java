package io.unikernel.demo.runtime;

import io.unikernel.demo.json.JsonSyntaxException;
import io.unikernel.demo.host.DeviceNumber;
import io.unikernel.demo.host.DeviceRule;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.launcher.GuestDevices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 1 of the contract for a container an engine created: the guest's devices (and the
 * host's KVM verdict for the runner) written into the OCI bundle's config.json before runc reads
 * it (the same {@link GuestDevices} that {@code docker-unikernel run} asks Docker for). Edited as
 * text ({@link JsonArrayAppend}): every create pays for this, in a JVM that has just started.
 */
public final class BundleDevices {
    /** The mode of /dev/kvm as Docker's --device creates it (0666, as udev does). */
    private static final int KVM_FILE_MODE = 0666;

    private BundleDevices() {
    }

    public static void add(Path configJson, GuestDevices devices) throws HostException {
        String text;
        try {
            text = Files.readString(configJson, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HostException("Failed to read the OCI configuration " + configJson + ": " + e.getMessage(), e);
        }
        List<String> rules = new ArrayList<>(List.of(rule(devices.macvtap())));
        List<String> nodes = new ArrayList<>();
        if (devices.kvm().isPresent()) {
            Path kvm = devices.kvm().get();
            DeviceNumber number = DeviceNumber.of(kvm);
            nodes.add("{\"path\":" + DaemonJsonEdit.quote(kvm.toString()) + ",\"type\":\"c\",\"major\":" + number.major()
                    + ",\"minor\":" + number.minor() + ",\"fileMode\":" + KVM_FILE_MODE + ",\"uid\":0,\"gid\":0}");
            rules.add(rule(new DeviceRule('c', number.major(), number.minor(), "rwm")));
        }
        try {
            text = JsonArrayAppend.append(text, List.of("linux", "resources", "devices"), rules);
            text = JsonArrayAppend.append(text, List.of("linux", "devices"), nodes);
            text = JsonArrayAppend.append(text, List.of("process", "env"), devices.env().stream().map(DaemonJsonEdit::quote).toList());
        } catch (JsonSyntaxException e) {
            throw new HostException(configJson + " is not an OCI runtime configuration we can edit (" + e.getMessage() + ")", e);
        }
        try {
            Files.writeString(configJson, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HostException("Failed to write the OCI configuration " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** A device rule in the OCI layout; no minor means every minor. */
    private static String rule(DeviceRule rule) {
        return "{\"allow\":true,\"type\":" + DaemonJsonEdit.quote(String.valueOf(rule.type())) + ",\"major\":" + rule.major()
                + (rule.minor() == null ? "" : ",\"minor\":" + rule.minor()) + ",\"access\":" + DaemonJsonEdit.quote(rule.permissions()) + "}";
    }
}
