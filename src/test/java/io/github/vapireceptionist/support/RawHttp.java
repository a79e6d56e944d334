package io.github.vapireceptionist.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP/1.0 requests from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), which Java's
 * HttpClient cannot do: how the tests play a reverse proxy, or a client that is not one.
 */
public final class RawHttp {

    public record Response(int status, Map<String, String> headers, String body) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private RawHttp() {
    }

    /** {@code method path} with the body (may be null) and headers given as name, value pairs. */
    public static Response request(String from, int port, String method, String path, String body, String... headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return exchange(from, port, method, path, body == null ? -1 : content.length, content, headers);
    }

    /**
     * A POST that announces a body of {@code declaredLength} bytes and sends none: answered only by
     * a server that refuses without reading the body; anything that waits for it times out.
     */
    public static Response promiseABody(String from, int port, String path, int declaredLength, String... headers) {
        return exchange(from, port, "POST", path, declaredLength, new byte[0], headers);
    }

    private static Response exchange(String from, int port, String method, String path, int declaredLength, byte[] content,
            String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n");
        if (declaredLength >= 0) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(declaredLength).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(content.length < declaredLength ? 10_000 : 20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("request from " + from + " failed", e);
        }
    }

    /** The head, then Content-Length bytes of body if the server said how many, else everything until it closes. */
    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed inside the response head");
            }
            head.write(next);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }
}
