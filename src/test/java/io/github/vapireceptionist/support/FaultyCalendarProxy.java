package io.github.vapireceptionist.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A small HTTP proxy on loopback in front of the sandbox calendar, for "the write was applied but its answer was
 * lost": a request matching the armed {@link Fault} is passed through to the calendar (so it is applied) and then its
 * answer is held past the client's timeout, or the connection reset; or it is refused without being passed on (500
 * with Easy!Appointments' JSON error: nothing applied). {@link #down()} makes every request after that fail (reset,
 * not passed on: the calendar not answering) until {@link #up()}. {@link #garble} passes the next matching request on
 * (applied) and answers it with a success whose body cannot be read: a PHP notice printed before the calendar's JSON.
 * Each request is sent upstream on its own connection.
 */
public final class FaultyCalendarProxy implements AutoCloseable {

    /** What happens to the one request that matches. */
    public enum Kind {
        /** Passed on (applied), the answer held past the write timeout, then the connection closed. */
        DELAY,
        /** Passed on (applied), then the connection reset instead of the answer. */
        RESET,
        /** Passed on (applied), answered 502 by "the proxy" (no Easy!Appointments JSON). */
        BAD_GATEWAY,
        /** Not passed on: 500 with Easy!Appointments' own JSON error (nothing applied). */
        REFUSE,
        /**
         * Held on its way in past the write timeout, then passed on: applied late, after the client gave up and read
         * back (a write held up inside the calendar by a lock or a backup while reads go on).
         */
        LATE
    }

    /** The next request whose method and path start match gets {@code kind}; {@code thenDown}: every later one fails. */
    public record Fault(String method, String pathContains, Kind kind, boolean thenDown) {
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "faulty-calendar-proxy");
        thread.setDaemon(true);
        return thread;
    });
    /** A success whose body cannot be read: the request passed on, its answer's body after {@link #PHP_NOTICE}. */
    public record Garble(String method, String pathContains, Integer status) {
    }

    /** What Easy!Appointments prints when PHP reports a notice before the API's own JSON. */
    public static final String PHP_NOTICE = "<br />\n<b>Notice</b>:  Undefined index: notes in "
            + "<b>/var/www/html/application/controllers/api/v1/Appointments_api_v1.php</b> on line <b>142</b><br />\n";

    private final AtomicReference<Fault> armed = new AtomicReference<>();
    private final AtomicReference<Garble> garbling = new AtomicReference<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger late = new AtomicInteger();
    private volatile boolean down;
    private volatile String refusing;
    private volatile int upstreamPort;
    private volatile long holdMillis = 1_500;
    private volatile Consumer<String> beforePassingOn = request -> { };

    /** One listening on a free loopback port, for a test class's static field. */
    public static FaultyCalendarProxy onLoopback() {
        try {
            return new FaultyCalendarProxy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FaultyCalendarProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void upstream(int port) {
        upstreamPort = port;
    }

    /** How long a DELAY holds the answer: longer than the client's write timeout. */
    public void hold(long millis) {
        holdMillis = millis;
    }

    public void arm(Fault fault) {
        armed.set(fault);
    }

    /**
     * The next request whose method and path match is passed on (applied) and answered with the calendar's status (or
     * {@code status} when not null: a 204 cannot carry a body) and a PHP notice before the calendar's body.
     */
    public void garble(String method, String pathContains, Integer status) {
        garbling.set(new Garble(method, pathContains, status));
    }

    /** Whether the garbled answer has been given (and is no longer armed). */
    public boolean garbled() {
        return garbling.get() == null;
    }

    /** Whether the armed fault has been injected (and is no longer armed). */
    public boolean fired() {
        return armed.get() == null;
    }

    public int injected() {
        return injected.get();
    }

    /** Called with "METHOD /path" before each request is passed on (e.g. a rival booking made just before ours). */
    public void beforePassingOn(Consumer<String> hook) {
        beforePassingOn = hook;
    }

    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    /** Every request with this method is refused (Easy!Appointments' 500 JSON, nothing applied) until {@link #reset}. */
    public void refuseEvery(String method) {
        refusing = method;
    }

    /** No late write still on its way to the calendar. */
    public boolean quiet() {
        return late.get() == 0;
    }

    /** Back to passing everything through. */
    public void reset() {
        armed.set(null);
        garbling.set(null);
        down = false;
        refusing = null;
        beforePassingOn = request -> { };
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                if (down) {
                    resetConnection(client);
                    return;
                }
                if (request.method().equals(refusing)) {
                    inject(new Fault(refusing, "", Kind.REFUSE, false), request, client, out);
                    continue;
                }
                Garble garble = garbling.get();
                if (garble != null && request.method().equals(garble.method()) && request.path().contains(garble.pathContains())
                        && garbling.compareAndSet(garble, null)) {
                    injected.incrementAndGet();
                    out.write(garbled(passOn(request), garble.status()));
                    out.flush();
                    continue;
                }
                Fault fault = armed.get();
                if (fault != null && request.matches(fault) && armed.compareAndSet(fault, null)) {
                    injected.incrementAndGet();
                    if (!inject(fault, request, client, out)) {
                        return;
                    }
                    continue;
                }
                out.write(passOn(request));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away: nothing to do
        }
    }

    /** True when the connection stays usable. */
    private boolean inject(Fault fault, Request request, Socket client, OutputStream out) throws IOException {
        if (fault.kind() == Kind.REFUSE) {
            byte[] body = "{\"success\":false,\"message\":\"SQLSTATE[HY000]: General error: 1205 Lock wait timeout exceeded\"}"
                    .getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return true;
        }
        if (fault.kind() == Kind.LATE) {
            down = fault.thenDown();
            late.incrementAndGet();
            try {
                sleep(holdMillis);
                passOn(request);    // lands now, its answer to nobody
            } finally {
                late.decrementAndGet();
            }
            return false;
        }
        passOn(request);    // applied: the calendar has done it
        if (fault.thenDown()) {
            down = true;
        }
        switch (fault.kind()) {
            case DELAY -> {
                sleep(holdMillis);
                return false;
            }
            case RESET -> {
                resetConnection(client);
                return false;
            }
            default -> {
                byte[] body = "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return true;
            }
        }
    }

    private byte[] passOn(Request request) throws IOException {
        beforePassingOn.accept(request.method() + " " + request.path());
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            OutputStream out = upstream.getOutputStream();
            out.write(request.head(upstreamPort));
            out.write(request.body());
            out.flush();
            return upstream.getInputStream().readAllBytes();
        }
    }

    /** The calendar's answer (read to its close) with {@link #PHP_NOTICE} before its body, as text/html. */
    private static byte[] garbled(byte[] answer, Integer status) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, headEnd).split("\r\n");
        String body = text.substring(headEnd + 4);
        boolean chunked = false;
        for (String line : head) {
            chunked |= line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:") && line.toLowerCase(Locale.ROOT).contains("chunked");
        }
        if (chunked) {
            body = dechunked(body);
        }
        String statusLine = status == null ? head[0] : "HTTP/1.1 " + status + " OK";
        byte[] garbledBody = (PHP_NOTICE + body).getBytes(StandardCharsets.ISO_8859_1);
        byte[] garbledHead = (statusLine + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: " + garbledBody.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = new byte[garbledHead.length + garbledBody.length];
        System.arraycopy(garbledHead, 0, whole, 0, garbledHead.length);
        System.arraycopy(garbledBody, 0, whole, garbledHead.length, garbledBody.length);
        return whole;
    }

    private static String dechunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static void resetConnection(Socket client) {
        try {
            client.setSoLinger(true, 0);
            client.close();
        } catch (SocketException e) {
            // already gone
        } catch (IOException e) {
            // already gone
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);    // the proxy holding an answer, not a test waiting for one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    /** One HTTP/1.1 request with a Content-Length body (what the calendar client sends). */
    private record Request(String method, String path, String headLines, byte[] body) {

        static Request read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            int b;
            while (matched < 4 && (b = in.read()) != -1) {
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                        : b == '\r' ? 1 : 0;
            }
            if (matched < 4) {
                return null;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            int length = 0;
            StringBuilder headers = new StringBuilder();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
                if (name.equals("content-length")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
                if (!name.isEmpty() && !name.equals("connection") && !name.equals("host") && !name.equals("keep-alive")) {
                    headers.append(line).append("\r\n");
                }
            }
            byte[] body = in.readNBytes(length);
            return new Request(requestLine[0], requestLine[1], headers.toString(), body);
        }

        boolean matches(Fault fault) {
            return method.equals(fault.method()) && path.contains(fault.pathContains());
        }

        byte[] head(int port) {
            return (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n" + headLines + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
