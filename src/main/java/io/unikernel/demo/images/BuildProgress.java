package io.unikernel.demo.images;

/** Told about a build as it goes: the CLI prints it, the console draws a bar. */
@FunctionalInterface
public interface BuildProgress {
    /**
     * @param image   the image being built, e.g. {@code unikernel/nginx}, or a shared piece ({@code kernel})
     * @param phase   what is happening now, in a few words
     * @param percent 0-100 for this image
     */
    void update(String image, String phase, int percent);

    BuildProgress NONE = (image, phase, percent) -> { };
}
