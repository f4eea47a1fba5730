package io.unikernel.demo.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("docker-unikernel");
    }
}
