package io.unikernel.demo.docker;

/** Docker has no image of that name locally (and we never pull). */
public class ImageNotFoundException extends Exception {
    private final String image;

    public ImageNotFoundException(String image, Throwable cause) {
        super("Image " + image + " not found locally", cause);
        this.image = image;
    }

    public String image() {
        return image;
    }
}
