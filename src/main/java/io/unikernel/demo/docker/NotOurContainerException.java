package io.unikernel.demo.docker;

/** A container named for removal does not exist or was not made by docker-unikernel; nothing was removed. */
public class NotOurContainerException extends Exception {
    public NotOurContainerException(String message) {
        super(message);
    }
}
