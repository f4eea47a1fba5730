package io.unikernel.demo.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernel.demo.host.DeviceRule;
import io.unikernel.demo.kvm.KvmVerdict;
import io.unikernel.demo.launcher.GuestDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleDevicesTest {
    @TempDir
    Path bundle;

    @Test
    void addsTheMacvtapRuleAndKeepsTheRestOfTheConfiguration() throws Exception {
        Path config = bundle.resolve("config.json");
        Files.writeString(config, "{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"/runner\"]},"
                + "\"linux\":{\"resources\":{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],\"memory\":{\"limit\":18446744073709551615}}}}");
        BundleDevices.add(config, new GuestDevices(DeviceRule.allMinorsOf(246), Optional.empty(), List.of()));

        JsonNode written = new ObjectMapper().readTree(config.toFile());
        assertEquals("[{\"allow\":false,\"access\":\"rwm\"},{\"allow\":true,\"type\":\"c\",\"major\":246,\"access\":\"rwm\"}]",
                written.path("linux").path("resources").path("devices").toString());
        assertEquals("18446744073709551615", written.path("linux").path("resources").path("memory").path("limit").asText());
        assertEquals("/runner", written.path("process").path("args").get(0).asText());
        assertTrue(written.path("linux").path("devices").isMissingNode(), "no /dev/kvm when the host does not pass it");
    }

    @Test
    void handsTheHostsKvmVerdictToTheRunnerThroughTheProcessEnvironment() throws Exception {
        Path config = bundle.resolve("config.json");
        Files.writeString(config, "{\"process\":{\"env\":[\"PATH=/bin\"]},\"linux\":{}}");
        BundleDevices.add(config, new GuestDevices(DeviceRule.allMinorsOf(246), Optional.empty(),
                KvmVerdict.tcg("probe guest did not boot").env()));

        assertEquals("[\"PATH=/bin\",\"UNIKERNEL_ACCEL=tcg\",\"UNIKERNEL_ACCEL_REASON=probe guest did not boot\"]",
                new ObjectMapper().readTree(config.toFile()).path("process").path("env").toString());
    }

    @Test
    void addsKvmAsDeviceAndRuleWhenPassedThrough() throws Exception {
        Path config = bundle.resolve("config.json");
        Files.writeString(config, "{\"linux\":{}}");
        // /dev/null stands in for /dev/kvm: any character device node has a number to copy.
        BundleDevices.add(config, new GuestDevices(DeviceRule.allMinorsOf(246), Optional.of(Path.of("/dev/null")), List.of()));

        JsonNode linux = new ObjectMapper().readTree(config.toFile()).path("linux");
        assertEquals("[{\"path\":\"/dev/null\",\"type\":\"c\",\"major\":1,\"minor\":3,\"fileMode\":438,\"uid\":0,\"gid\":0}]",
                linux.path("devices").toString());
        assertEquals("{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rwm\"}",
                linux.path("resources").path("devices").get(1).toString());
    }
}
