package io.unikernel.demo.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import org.tinylog.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Docker's container events for this process on one stream, whatever the number of listeners
 * (the DNS names, the state table). When the stream ends (dockerd restarted or stopped) each
 * listener hears it once, and the stream is asked for again on the {@link ReconnectPolicy};
 * listeners hear "live" each time it answers, and list again what they keep, as events of the
 * outage are lost. The warning, if any, is the listener's (the state table shows the outage
 * itself); here one debug line per loss and one when Docker is back; nothing is thrown at a
 * thread that would print it over a console.
 */
public final class ContainerEvents implements AutoCloseable {
    /** What a user of the events hears; called on Docker's stream thread, so it should hand work off. */
    public interface Listener {
        /** The stream answers: every change from now on arrives; what happened before, list anew. */
        void live();

        void event(ContainerEvent event);

        /**
         * The live stream is lost (HOW says why); the watcher asks again on its own. NEW_OUTAGE is
         * false for a stream that came back and ended again within seconds: the same outage, for
         * a listener that warns once per outage.
         */
        void ended(String how, boolean newOutage);
    }

    /** A listener's place on the stream; closing it leaves. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** A stream that ends sooner than this after coming back belongs to the same outage. */
    private static final long STABLE_NANOS = 5_000_000_000L;

    private final Supplier<DockerClient> docker;
    private final ReconnectPolicy reconnect;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    // All below guarded by this.
    private ScheduledExecutorService retries;
    private ResultCallback.Adapter<Event> stream;
    private boolean live;
    private boolean retryPending;
    private boolean closed;
    private long lostAt;
    private long reconnectedAt;
    private int attempt;

    ContainerEvents(Supplier<DockerClient> docker, ReconnectPolicy reconnect) {
        this.docker = docker;
        this.reconnect = reconnect;
    }

    /**
     * Adds the listener; the stream opens with the first one. A listener added while the stream
     * is live hears "live" at once. Closing the subscription removes it; the stream closes with the last one.
     */
    public Subscription subscribe(Listener listener) {
        boolean liveNow;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Docker's event stream was closed with its engine");
            }
            listeners.add(listener);
            liveNow = live;
            if (stream == null && !retryPending) {
                open();
            }
        }
        if (liveNow) {
            tell(listener::live);
        }
        return () -> unsubscribe(listener);
    }

    private void unsubscribe(Listener listener) {
        ResultCallback.Adapter<Event> last = null;
        synchronized (this) {
            listeners.remove(listener);
            if (listeners.isEmpty()) {
                last = stream;
                stream = null;
                live = false;
            }
        }
        closeQuietly(last);
    }

    /** Under the lock. Events from one second back: a listener that lists on "live" misses none. */
    private void open() {
        long since = System.currentTimeMillis() / 1000 - 1;
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onStart(Closeable s) {
                super.onStart(s);
                started(this);
            }

            @Override
            public void onNext(Event event) {
                ContainerEvent ours = ofDocker(event);
                if (ours != null) {
                    listeners.forEach(l -> tell(() -> l.event(ours)));
                }
            }

            @Override
            public void onError(Throwable error) {
                ended(this, "failed (" + error.getMessage() + ")");
            }

            @Override
            public void onComplete() {
                ended(this, "ended");
            }
        };
        stream = callback;
        live = false;
        try {
            // No label filter: Docker ANDs label filters, and a guest started through our runtime has
            // our image's label but not the launcher's; listeners pick what is theirs.
            docker.get().eventsCmd().withEventTypeFilter(EventType.CONTAINER).withSince(Long.toString(since)).exec(callback);
        } catch (RuntimeException e) {
            stream = null;
            lost(e.getMessage());
        }
    }

    private void started(ResultCallback.Adapter<Event> callback) {
        synchronized (this) {
            if (stream != callback) {
                return;
            }
            live = true;
            if (lostAt != 0) {
                reconnectedAt = System.nanoTime();
                Logger.info("Following Docker's events again ({} ms after losing them, try {})",
                        (reconnectedAt - lostAt) / 1_000_000, attempt);
            }
        }
        listeners.forEach(l -> tell(l::live));
    }

    // docker-java may report one loss both ways; the first one counts.
    private void ended(ResultCallback.Adapter<Event> callback, String how) {
        boolean wasLive;
        boolean newOutage;
        synchronized (this) {
            if (stream != callback) {
                return;
            }
            stream = null;
            wasLive = live;
            live = false;
            newOutage = lost(how);
        }
        closeQuietly(callback);
        if (wasLive) {
            listeners.forEach(l -> tell(() -> l.ended(how, newOutage)));
        }
    }

    /** Under the lock: counts the try, asks again after the policy's delay; whether this loss began an outage. */
    private boolean lost(String how) {
        if (closed || listeners.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        boolean sameOutage = lostAt != 0 && (reconnectedAt == 0 || reconnectedAt < lostAt || now - reconnectedAt < STABLE_NANOS);
        if (!sameOutage) {
            lostAt = now;
            reconnectedAt = 0;
            attempt = 0;
            Logger.debug("Docker's event stream {}; asking again from {} ms on", how, reconnect.delay(1).toMillis());
        } else {
            Logger.debug("Docker not back yet (try {}): {}", attempt, how);
        }
        attempt++;
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "docker-events-reconnect");
                t.setDaemon(true);
                return t;
            });
        }
        try {
            retries.schedule(this::retry, reconnect.delay(attempt).toMillis(), TimeUnit.MILLISECONDS);
            retryPending = true;
        } catch (RejectedExecutionException stopping) {
            // close() is under way.
        }
        return !sameOutage;
    }

    private synchronized void retry() {
        retryPending = false;
        if (!closed && stream == null && !listeners.isEmpty()) {
            open();
        }
    }

    /** A listener's failure is logged, never thrown into Docker's stream thread. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            Logger.debug(e, "a listener of Docker's events failed");
        }
    }

    private static ContainerEvent ofDocker(Event event) {
        String id = event.getId() != null ? event.getId() : event.getActor() == null ? null : event.getActor().getId();
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        if (id == null || action == null) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (event.getActor() != null && event.getActor().getAttributes() != null) {
            event.getActor().getAttributes().forEach((k, v) -> {
                if (k != null && v != null) {
                    labels.put(k, v);
                }
            });
        }
        return new ContainerEvent(id, action, labels);
    }

    private static void closeQuietly(Closeable s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            Logger.debug("Failed to close Docker's event stream: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        ResultCallback.Adapter<Event> last;
        synchronized (this) {
            closed = true;
            last = stream;
            stream = null;
            live = false;
            if (retries != null) {
                retries.shutdownNow();
            }
        }
        listeners.clear();
        closeQuietly(last);
    }
}
