package io.unikernel.demo.tui;

import io.unikernel.demo.guest.DetachSequence;

import java.io.IOException;
import java.util.Optional;

/**
 * The console's attach/detach state: while attached, keys go to the guest until Ctrl-P Ctrl-Q
 * (docker attach's detach keys) or until the guest's console ends. Owned by the console's thread.
 */
final class GuestAttachment {
    private DemoBackend.Attachment attachment;
    private DetachSequence detachKeys;

    boolean attached() {
        return attachment != null;
    }

    void attach(DemoBackend.Attachment to) {
        close();
        attachment = to;
        detachKeys = new DetachSequence();
    }

    /** Passes a key to the guest; returns what to tell the presenter when that ended the attachment. */
    Optional<String> key(byte[] bytes) {
        Optional<String> ended = send(detachKeys.feed(bytes));
        if (ended.isEmpty() && detachKeys.detached()) {
            // The attachment's reader ends docker attach on the same sequence (guest.DetachKeys).
            send(new byte[] {DetachSequence.CTRL_P, DetachSequence.CTRL_Q});
            close();
            return Optional.of("detached");
        }
        return ended;
    }

    /** Why the attachment ended, when the guest's side closed it since the last look. */
    Optional<String> endedByGuest() {
        if (attachment != null && !attachment.open()) {
            String why = attachment.ending();
            close();
            return Optional.of(why);
        }
        return Optional.empty();
    }

    void close() {
        if (attachment != null) {
            attachment.close();
            attachment = null;
        }
        detachKeys = null;
    }

    private Optional<String> send(byte[] bytes) {
        if (attachment == null || bytes.length == 0) {
            return Optional.empty();
        }
        try {
            attachment.send(bytes);
            return Optional.empty();
        } catch (IOException e) {
            close();
            return Optional.of("the guest's console closed: " + e.getMessage());
        }
    }
}
