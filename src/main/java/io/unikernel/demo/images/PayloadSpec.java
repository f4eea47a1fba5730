package io.unikernel.demo.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.unikernel.demo.images.UnikernelDescriptor.Content;
import io.unikernel.demo.images.UnikernelDescriptor.Dir;
import io.unikernel.demo.images.UnikernelDescriptor.Kind;
import io.unikernel.demo.images.UnikernelDescriptor.Program;

import java.util.ArrayList;
import java.util.List;

/**
 * What the payload scripts and the guest get from a descriptor: the scripts a list of lines, one
 * value each, fields split by tabs ({@code guest/apps/payload.sh} says which); the guest the blk,
 * env and rc part of its JSON configuration.
 */
final class PayloadSpec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadSpec() {
    }

    /** The lines for the payload script; a content line's persist is only ever there after its zip. */
    static String lines(UnikernelDescriptor d) {
        List<String> lines = new ArrayList<>();
        d.app().ifPresent(app -> lines.add(line("app", app)));
        d.packages().forEach(p -> lines.add(line("package", p)));
        d.binaries().forEach(p -> lines.add(line("binary", p)));
        d.files().forEach(p -> lines.add(line("file", p)));
        d.users().forEach(u -> lines.add(line("user", u)));
        for (Dir dir : d.dirs()) {
            lines.add(line("dir", dir.path(), dir.owner(), dir.mode()));
        }
        for (Content c : d.content()) {
            List<String> fields = new ArrayList<>(List.of("content", c.from(), c.to()));
            c.zip().ifPresent(fields::add);
            c.persist().ifPresent(fields::add);
            lines.add(String.join("\t", fields));
        }
        d.data().ifPresent(data -> {
            lines.add(line("data", Integer.toString(data.sizeMib())));
            data.seed().ifPresent(s -> lines.add(line("data-seed", s)));
            data.seedCommand().ifPresent(s -> lines.add(line("data-seed-command", s)));
        });
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /**
     * The guest's blk/env/rc, compact: the config image on the first virtio disk, the data image on
     * the second; our own unikernels have no disks.
     */
    static String guestJson(UnikernelDescriptor d) {
        ObjectNode config = JSON.createObjectNode();
        if (d.kind() == Kind.LINUX) {
            ArrayNode blk = config.putArray("blk");
            blk.add(disk("/dev/vda", "iso9660", "/etc"));
            if (d.data().isPresent()) {
                blk.add(disk("/dev/vdb", "ext4", "/data"));
            }
        }
        ArrayNode env = config.putArray("env");
        d.env().forEach(env::add);
        ArrayNode rc = config.putArray("rc");
        for (Program program : d.rc()) {
            ObjectNode entry = rc.addObject().put("bin", program.bin());
            ArrayNode argv = entry.putArray("argv");
            program.argv().forEach(argv::add);
            program.runmode().ifPresent(mode -> entry.put("runmode", mode));
        }
        return config + "\n";
    }

    private static ObjectNode disk(String path, String fstype, String mountpoint) {
        return JSON.createObjectNode().put("source", "dev").put("path", path).put("fstype", fstype)
                .put("mountpoint", mountpoint);
    }

    private static String line(String key, String... fields) {
        return key + "\t" + String.join("\t", fields);
    }
}
