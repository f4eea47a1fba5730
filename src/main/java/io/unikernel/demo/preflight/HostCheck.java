package io.unikernel.demo.preflight;

/** One preflight check; {@link Preflight} turns whatever it throws into a FAIL line of its own. */
interface HostCheck {
    String name();

    Check run() throws Exception;
}
