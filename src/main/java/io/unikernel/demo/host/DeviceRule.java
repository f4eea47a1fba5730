package io.unikernel.demo.host;

/**
 * A device cgroup rule, rendered the way both cgroup v1's devices.allow and Docker's
 * {@code --device-cgroup-rule} read it: {@code c 246:* rwm}. A null minor means any minor.
 */
public record DeviceRule(char type, int major, Integer minor, String permissions) {
    public DeviceRule {
        if (type != 'c' && type != 'b' && type != 'a') {
            throw new IllegalArgumentException("device rule type '" + type + "' must be c, b or a");
        }
        if (permissions.isEmpty() || !permissions.matches("r?w?m?")) {
            throw new IllegalArgumentException("device rule permissions '" + permissions + "' must be a subset of rwm in that order");
        }
    }

    /** Read, write and mknod on every minor of a character device major. */
    public static DeviceRule allMinorsOf(int major) {
        return new DeviceRule('c', major, null, "rwm");
    }

    @Override
    public String toString() {
        return type + " " + major + ":" + (minor == null ? "*" : minor.toString()) + " " + permissions;
    }
}
