package io.unikernel.demo.scene;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * When a step applies: {@code if-installed: mariadb} runs it only when that program is on the PATH,
 * {@code unless-installed: mariadb} only when it is not (so a scene can offer the real client and
 * fall back to the built-in SQL step).
 */
public record Guard(Optional<String> ifInstalled, Optional<String> unlessInstalled) {
    public static final Guard ALWAYS = new Guard(Optional.empty(), Optional.empty());

    public boolean applies(Predicate<String> installed) {
        return ifInstalled.map(installed::test).orElse(true) && unlessInstalled.map(p -> !installed.test(p)).orElse(true);
    }
}
