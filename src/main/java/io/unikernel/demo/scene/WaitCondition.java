package io.unikernel.demo.scene;

import java.util.Optional;

/** What a {@link WaitStep} waits for. */
public sealed interface WaitCondition {
    String describe();

    /** A TCP connection to host:port is accepted. */
    record Tcp(String host, int port) implements WaitCondition {
        @Override
        public String describe() {
            return "TCP " + host + ":" + port;
        }
    }

    /** An HTTP request answers with this status and, when given, a body containing the text. */
    record Http(HttpRequest request, int status, Optional<String> text) implements WaitCondition {
        @Override
        public String describe() {
            return "HTTP " + status + " from " + request.url() + text.map(t -> " containing \"" + t + "\"").orElse("");
        }
    }

    /** A SQL query is answered (with at least one row). */
    record Sql(SqlQuery query) implements WaitCondition {
        @Override
        public String describe() {
            return "SQL answer from " + query.host();
        }
    }
}
