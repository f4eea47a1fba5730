package io.unikernel.demo.scene;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The step kinds a scene file knows, and the keys each allows beside its own. */
enum StepKind {
    PREFLIGHT, BUILD("kernel"), DNS("host-resolv"), RUN, WAIT, CONSOLE, EXEC("expect", "timeout"), SHELL("input", "expect", "timeout"),
    HTTP, SQL, REMOVE, PAUSE, COMPARE;

    static final String IF_INSTALLED = "if-installed";
    static final String UNLESS_INSTALLED = "unless-installed";

    private final List<String> extraKeys;

    StepKind(String... extraKeys) {
        this.extraKeys = List.of(extraKeys);
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every key a step of this kind may have: its kind first, its own options, then the guards. */
    List<String> allowedKeys() {
        return Stream.concat(Stream.of(key()), Stream.concat(extraKeys.stream(), Stream.of(IF_INSTALLED, UNLESS_INSTALLED)))
                .toList();
    }

    static Optional<StepKind> of(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key().equals(key)).findFirst();
    }

    /** True for keys that belong in a step but are not a kind, such as kernel or if-installed. */
    static boolean isOption(String key) {
        return Arrays.stream(values()).anyMatch(kind -> kind.allowedKeys().contains(key) && !kind.key().equals(key));
    }

    static String names() {
        return Arrays.stream(values()).map(StepKind::key).collect(Collectors.joining(", "));
    }
}
