package io.unikernel.demo.scene;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scene file durations: {@code 500ms}, {@code 90s}, {@code 2m}, or a bare number of seconds. */
final class Durations {
    static final String FORMS = "a duration above zero such as 500ms, 90s, 2m or 60 (seconds)";

    // Nine digits keep every unit far from overflowing a Duration.
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    private Durations() {
    }

    /** The duration, or empty when the text is not one or is not above zero. */
    static Optional<Duration> parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        return amount > 0 ? Optional.of(duration) : Optional.empty();
    }
}
