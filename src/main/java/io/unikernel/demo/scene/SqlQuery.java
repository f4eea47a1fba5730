package io.unikernel.demo.scene;

/** A query over JDBC (MariaDB's protocol) to a guest; host may be a container name. */
public record SqlQuery(String host, int port, String user, String password, String database, String sql) {
}
