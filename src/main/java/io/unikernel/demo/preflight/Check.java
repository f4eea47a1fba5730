package io.unikernel.demo.preflight;

import java.util.Objects;

/**
 * One line of the preflight checklist: what was checked, how it stands, what was found, and
 * the command or action that fixes it ("" when nothing needs fixing).
 */
public record Check(String name, Status status, String detail, String fix) {
    public enum Status {
        /** Ready. */
        OK,
        /** The demo still works, less well (e.g. no KVM: guests run under TCG). */
        WARN,
        /** The demo cannot run until it is fixed. */
        FAIL
    }

    public Check {
        Objects.requireNonNull(name, "name was not specified");
        Objects.requireNonNull(status, "status was not specified");
        Objects.requireNonNull(detail, "detail was not specified");
        Objects.requireNonNull(fix, "fix was not specified");
    }

    /** The checklist line: a tick, a cross or a warning sign, what was found, and the fix. */
    public String line() {
        String mark = switch (status) {
            case OK -> "✔";
            case WARN -> "!";
            case FAIL -> "✘";
        };
        String text = String.format("%s %-8s %s", mark, name, detail);
        return fix.isEmpty() ? text : text + " — fix: " + fix;
    }

    public static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, "");
    }

    public static Check warn(String name, String detail, String fix) {
        return new Check(name, Status.WARN, detail, fix);
    }

    public static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }
}
