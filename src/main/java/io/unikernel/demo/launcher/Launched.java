package io.unikernel.demo.launcher;

/** A container whose guest network is plumbed: the runner inside is now booting the guest. */
public record Launched(String containerId, String name, GuestNetwork network, Timings timings) {
}
