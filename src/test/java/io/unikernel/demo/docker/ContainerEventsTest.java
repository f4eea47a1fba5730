package io.unikernel.demo.docker;

import io.unikernel.demo.testsupport.BusyboxImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's one stream of container events, against the real Docker engine. */
class ContainerEventsTest {
    private static final String LABEL = "io.unikernel.demo.test";
    private static final String VALUE = "s3wa-events";
    private static ContainerEngine engine;

    @BeforeAll
    static void connect() throws Exception {
        engine = ContainerEngine.connect();
        BusyboxImage.ensure(engine);
    }

    @AfterEach
    void removeOurContainers() {
        engine.listLabelled(LABEL, VALUE).forEach(c -> engine.remove(c.id(), true));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void everyListenerHearsAContainersStartAndDieWithItsLabels() throws Exception {
        Recorder dns = new Recorder();
        Recorder table = new Recorder();
        try (var first = engine.events().subscribe(dns); var second = engine.events().subscribe(table)) {
            assertTrue(dns.live.await(10, TimeUnit.SECONDS), "the stream never answered");
            assertTrue(table.live.await(10, TimeUnit.SECONDS), "the second listener never heard the stream live");
            String id = startSleeper("s3wa-events-start");
            engine.remove(id, true);
            for (Recorder heard : List.of(dns, table)) {
                ContainerEvent start = heard.next(id, "start");
                assertEquals(VALUE, start.labels().get(LABEL), "labels of " + start);
                assertNotNull(heard.next(id, "die"));
            }
        }
    }

    @Test
    void aListenerAddedWhileTheStreamIsLiveHearsLiveAtOnce() throws Exception {
        Recorder early = new Recorder();
        Recorder late = new Recorder();
        try (var first = engine.events().subscribe(early)) {
            assertTrue(early.live.await(10, TimeUnit.SECONDS), "the stream never answered");
            try (var second = engine.events().subscribe(late)) {
                assertEquals(0, late.live.getCount(), "a late listener would wait for a stream that is already live");
            }
        }
    }

    private static String startSleeper(String name) throws ImageNotFoundException {
        String id = engine.create(new ContainerSpec(BusyboxImage.NAME, List.of("sleep", "600"), Optional.of(name),
                Optional.empty(), Optional.empty(), List.of(), Map.of(LABEL, VALUE), false, List.of(), List.of(), false,
                Optional.empty(), List.of(), List.of()));
        engine.start(id);
        return id;
    }

    /** What one listener heard. */
    private static final class Recorder implements ContainerEvents.Listener {
        final CountDownLatch live = new CountDownLatch(1);
        final BlockingQueue<ContainerEvent> events = new LinkedBlockingQueue<>();

        @Override
        public void live() {
            live.countDown();
        }

        @Override
        public void event(ContainerEvent event) {
            events.add(event);
        }

        @Override
        public void ended(String how, boolean newOutage) {
        }

        /** The next event of the container with the action, skipping others; fails after 10 s. */
        ContainerEvent next(String id, String action) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                ContainerEvent e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e != null && e.id().equals(id) && e.action().equals(action)) {
                    return e;
                }
            }
            throw new AssertionError("no " + action + " event of " + id + " within 10 s");
        }
    }
}
