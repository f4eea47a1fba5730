package io.unikernel.demo.preflight;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.images.UnikernelImages;

import java.util.ArrayList;
import java.util.List;

/** The unikernel images a demo launches must be built: they are made here, never pulled. */
public final class ImagesCheck implements HostCheck {
    private final ContainerEngine engine;
    private final List<String> names;

    /** @param names unikernel names ({@code nginx}) or image names ({@code unikernel/nginx}) */
    public ImagesCheck(ContainerEngine engine, List<String> names) {
        this.engine = engine;
        this.names = names.stream().map(ImagesCheck::bareName).toList();
    }

    @Override
    public String name() {
        return "images";
    }

    @Override
    public Check run() {
        if (names.isEmpty()) {
            return Check.ok(name(), "no images asked for");
        }
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return Check.ok(name(), String.join(", ", names.stream().map(n -> UnikernelImages.PREFIX + n).toList())
                    + " present");
        }
        return Check.fail(name(), "missing: " + String.join(", ", missing.stream().map(n -> UnikernelImages.PREFIX + n).toList()),
                "./docker-unikernel build " + String.join(" ", missing));
    }

    /** The unikernel names (without the prefix) whose image Docker does not have, in the order asked. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (engine.imageId(UnikernelImages.PREFIX + name).isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static String bareName(String name) {
        return name.startsWith(UnikernelImages.PREFIX) ? name.substring(UnikernelImages.PREFIX.length()) : name;
    }
}
