package io.unikernel.demo.scene;

import io.unikernel.demo.yaml.MappingReader;
import io.unikernel.demo.yaml.NodeReader;
import io.unikernel.demo.yaml.YamlFileException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What scenes talk to: host:port targets, http:// URLs, HTTP requests and SQL queries. */
final class RequestParser {
    static final int DEFAULT_STATUS = 200;
    static final int DEFAULT_SQL_PORT = 3306;

    private static final String TCP_FORM = "host:port such as mysql:3306";
    private static final String URL_FORM = "an http:// URL with a host, such as http://blog/";
    private static final List<String> REQUEST_KEYS = List.of("url", "method", "form", "status", "expect");
    private static final List<String> SQL_KEYS = List.of("host", "port", "user", "password", "database", "query");

    private final NodeReader reader;

    RequestParser(NodeReader reader) {
        this.reader = reader;
    }

    WaitCondition.Tcp tcp(Node node, String name) throws YamlFileException {
        String target = reader.string(node, name);
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            throw reader.wrongValue(node, name, TCP_FORM);
        }
        String port = target.substring(colon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw reader.error(node, name + ": port " + NodeReader.quote(port) + " is not 1 to 65535", TCP_FORM);
        }
        return new WaitCondition.Tcp(target.substring(0, colon), Integer.parseInt(port));
    }

    URI url(Node node, String name) throws YamlFileException {
        String text = reader.string(node, name);
        try {
            URI url = new URI(text);
            if ("http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            throw reader.error(node, name + ": " + NodeReader.quote(text) + " is not a URL (" + e.getReason() + ")", URL_FORM);
        }
        throw reader.error(node, name + ": " + NodeReader.quote(text) + " is not an http:// URL with a host", URL_FORM);
    }

    /** {@code http: http://blog/}, or a mapping with the request, the status and the text it must answer with. */
    HttpStep httpStep(Node value) throws YamlFileException {
        if (!(value instanceof MappingNode)) {
            return new HttpStep(HttpRequest.get(url(value, "http")), DEFAULT_STATUS, Optional.empty());
        }
        MappingReader mapping = reader.mapping(value, "http", "a URL or a mapping with url:");
        mapping.allowOnly(REQUEST_KEYS);
        return new HttpStep(request(mapping), status(mapping), mapping.optionalString("expect"));
    }

    int status(MappingReader mapping) throws YamlFileException {
        Optional<Node> status = mapping.get("status");
        return status.isPresent() ? reader.integer(status.get(), "status", 100, 599) : DEFAULT_STATUS;
    }

    SqlQuery sql(Node value, String name) throws YamlFileException {
        MappingReader mapping = reader.mapping(value, name, "a mapping with host:, user:, database: and query:");
        mapping.allowOnly(SQL_KEYS);
        Optional<Node> port = mapping.get("port");
        return new SqlQuery(mapping.string("host"),
                port.isPresent() ? reader.integer(port.get(), "port", 1, 65535) : DEFAULT_SQL_PORT,
                mapping.string("user"), mapping.optionalString("password").orElse(""), mapping.string("database"),
                mapping.string("query"));
    }

    private HttpRequest request(MappingReader mapping) throws YamlFileException {
        URI url = url(mapping.require("url", URL_FORM), "url");
        String method = mapping.optionalString("method").orElse("GET");
        if (!method.equals("GET") && !method.equals("POST")) {
            throw reader.wrongValue(mapping.get("method").orElseThrow(), "method", "GET or POST");
        }
        Optional<Node> form = mapping.get("form");
        if (form.isPresent() && method.equals("GET")) {
            throw reader.error(mapping.keyNode("form"), "a form is sent only with method: POST", "method: POST beside form:");
        }
        return new HttpRequest(url, method, form.isPresent() ? form(form.get()) : Map.of());
    }

    private Map<String, String> form(Node node) throws YamlFileException {
        MappingReader mapping = reader.mapping(node, "form", "a mapping of field names to values");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : mapping.keys()) {
            fields.put(field, mapping.string(field));
        }
        return fields;
    }
}
