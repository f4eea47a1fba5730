package io.unikernel.demo.scene;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Runs one query over JDBC with MariaDB's driver; the first row of the answer is the column names. */
final class SqlClient {
    private SqlClient() {
    }

    static List<List<String>> query(SqlQuery query, InetAddress address, Duration timeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", query.user());
        properties.setProperty("password", query.password());
        properties.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
        properties.setProperty("socketTimeout", Long.toString(timeout.toMillis()));
        String url = "jdbc:mariadb://" + address.getHostAddress() + ":" + query.port() + "/" + query.database();
        try (Connection connection = DriverManager.getConnection(url, properties);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query.sql())) {
            ResultSetMetaData meta = rows.getMetaData();
            List<List<String>> table = new ArrayList<>();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.add(meta.getColumnLabel(i));
            }
            table.add(header);
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(String.valueOf(rows.getString(i)));
                }
                table.add(row);
            }
            return table;
        }
    }

    /** The rows as aligned text lines, as the mysql client prints them. */
    static List<String> format(List<List<String>> table) {
        int columns = table.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : table) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(String.format("%-" + widths[i] + "s", row.get(i))).append(i + 1 < columns ? "  " : "");
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
