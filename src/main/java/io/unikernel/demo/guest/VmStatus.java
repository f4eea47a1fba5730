package io.unikernel.demo.guest;

/** What QEMU says of its guest: the run state ({@code running}, {@code paused}, {@code shutdown}...) and the accelerator. */
public record VmStatus(String state, String accelerator) {
}
