package io.github.vapireceptionist.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on loopback that accepts the conversation up to RCPT TO and then answers with a
 * given reply (451, 550...), as a real server does for a full mailbox or an unknown user. GreenMail
 * has no way to answer that, so this stands in for those tests only.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final String rcptReply;
    private final AtomicInteger recipientsRefused = new AtomicInteger();
    private final Thread acceptor;

    ScriptedSmtpServer(int port, String rcptReply) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.rcptReply = rcptReply;
        this.acceptor = new Thread(this::serve, "scripted-smtp");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    int recipientsRefused() {
        return recipientsRefused.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket);
            } catch (IOException e) {
                // closed, or the client hung up: wait for the next connection
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        reply(out, "220 scripted.localhost ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 scripted.localhost");
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                case "RCPT" -> {
                    recipientsRefused.incrementAndGet();
                    reply(out, rcptReply);
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
