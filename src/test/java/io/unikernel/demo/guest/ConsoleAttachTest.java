package io.unikernel.demo.guest;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.launcher.RunOptions;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker attach to a real guest's serial console: its boot lines arrive, Ctrl-P Ctrl-Q detaches. */
class ConsoleAttachTest {
    private static final String SESSION = "console-attach-test";
    private static ContainerEngine engine;

    @BeforeAll
    static void buildImage() {
        TestImage.ensureBuilt();
        engine = ContainerEngine.connect();
    }

    @AfterAll
    static void cleanUp() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
        engine.close();
    }

    @Test
    void streamsTheGuestConsoleAndDetachesOnCtrlPCtrlQLeavingTheGuestRunning() throws Exception {
        Launched launched = new Launcher(engine, HostPaths.real(), Optional::empty, SESSION)
                .launch(RunOptions.of(TestImage.NAME));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (PipedOutputStream keyboard = new PipedOutputStream();
             PipedInputStream keys = new PipedInputStream(keyboard)) {
            var attach = CompletableFuture.supplyAsync(() -> {
                try {
                    return new ConsoleAttach(engine).attach(launched.containerId(), keys, console);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!consoleText(console).contains("guest: httpd listening")) {
                assertTrue(System.nanoTime() < deadline, "no boot line on the console: " + consoleText(console));
                Thread.sleep(100);
            }
            keyboard.write(new byte[] {0x10, 0x11});
            keyboard.flush();
            assertEquals(ConsoleAttach.Ending.DETACHED, attach.get(10, TimeUnit.SECONDS));
        }
        assertTrue(consoleText(console).contains("runner: accelerator tcg"), "the console from its first line");
        assertTrue(engine.inspect(launched.containerId()).orElseThrow().running(), "detaching leaves the guest running");
    }

    private static String consoleText(ByteArrayOutputStream console) {
        synchronized (console) {
            return console.toString();
        }
    }

    @Test
    void anAttachDockerRefusesIsAnErrorNamingWhy() {
        IOException e = assertThrows(IOException.class, () -> new ConsoleAttach(engine)
                .attach("tproc-no-such-container", InputStream.nullInputStream(), OutputStream.nullOutputStream()));
        assertEquals("docker attach tproc-no-such-container failed: no such container", e.getMessage());
    }
}
