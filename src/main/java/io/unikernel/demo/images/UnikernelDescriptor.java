package io.unikernel.demo.images;

import java.util.List;
import java.util.Optional;

/**
 * One {@code unikernels/NAME/unikernel.yaml}, checked (the format: {@code unikernels/README.md}).
 * Absent lists are empty; {@link DescriptorReader} reads it.
 */
public record UnikernelDescriptor(String name, Kind kind, Optional<String> app, String description,
                                  List<String> packages, List<String> binaries, List<String> files,
                                  List<Content> content, List<Dir> dirs, List<String> users, List<Program> rc,
                                  List<String> env, int memoryMib, List<Integer> ports, Optional<Data> data,
                                  boolean volume) {
    public UnikernelDescriptor {
        packages = List.copyOf(packages);
        binaries = List.copyOf(binaries);
        files = List.copyOf(files);
        content = List.copyOf(content);
        dirs = List.copyOf(dirs);
        users = List.copyOf(users);
        rc = List.copyOf(rc);
        env = List.copyOf(env);
        ports = List.copyOf(ports);
    }

    public enum Kind {
        /** An application on our minimal Linux, from Debian packages. */
        LINUX,
        /** One of our own unikernels (guest/unikernel/apps/APP): no packages, no Linux. */
        UNIKERNEL
    }

    /** A directory here copied to {@code to}; a release zip found in {@code zip} replaces it. */
    public record Content(String from, String to, Optional<String> zip, Optional<String> persist) {
    }

    /** A writable directory made in the root file system. */
    public record Dir(String path, String owner, String mode) {
    }

    /** A program the guest init runs; argv without argv[0]; runmode {@code &} runs it in the background. */
    public record Program(String bin, List<String> argv, Optional<String> runmode) {
        public Program {
            argv = List.copyOf(argv);
        }
    }

    /** The ext4 data image at /data: its size, and a seed directory or a script that fills it. */
    public record Data(int sizeMib, Optional<String> seed, Optional<String> seedCommand) {
    }
}
