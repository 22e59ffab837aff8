package io.eventloom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client refuses to send: raw control bytes, unknown
 * methods, broken framing, non-ASCII header bytes, a 20 kB URL. One request per connection.
 */
public final class RawHttp {

    private static final int READ_TIMEOUT_MILLIS = 60_000;

    /** What the server answered: status, headers (names in lower case) and the body as UTF-8 text. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request as it goes on the wire; {@link #toString()} names it in test reports. */
    public static final class Request {

        private final String name;
        private final String method;
        private final String target;
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body;
        private boolean chunked;
        private byte[] raw;

        private Request(String name, String method, String target) {
            this.name = name;
            this.method = method;
            this.target = target;
        }

        public static Request of(String name, String method, String target) {
            return new Request(name, method, target);
        }

        /** Bytes sent exactly as given, not even a request line added. */
        public static Request raw(String name, byte[] bytes) {
            Request request = new Request(name, null, null);
            request.raw = bytes.clone();
            return request;
        }

        /** A header sent as given; its value goes on the wire as UTF-8, as browsers and curl send it. */
        public Request header(String headerName, String value) {
            headers.add(new String[] {headerName, value});
            return this;
        }

        public Request body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        public Request body(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        /** Sends the body in one chunk, without a Content-Length. */
        public Request chunked() {
            this.chunked = true;
            return this;
        }

        byte[] bytes() {
            if (raw != null) {
                return raw.clone();
            }
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\n");
            headers.forEach(h -> head.append(h[0]).append(": ").append(h[1]).append("\r\n"));
            boolean framedByCaller = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Length")
                    || h[0].equalsIgnoreCase("Transfer-Encoding"));
            if (body != null && !framedByCaller) {
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null && chunked && !framedByCaller) {
                out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
                out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private RawHttp() {
    }

    /** Sends the request and reads the answer until the server closes the connection. */
    public static Answer send(int port, Request request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            byte[] bytes = request.bytes();
            OutputStream out = socket.getOutputStream();
            // Written alongside the read: a server may answer (413, 414) and close before it reads a large request.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading; its answer, if any, is what the test checks
                }
            });
            byte[] answer = readAll(socket.getInputStream());
            writing.join();
            return parse(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("request '" + request + "' failed", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A reset after the answer was read (the server closed with our bytes unread) still leaves the answer.
            if (answer.size() == 0) {
                throw e;
            }
        }
        return answer.toByteArray();
    }

    private static Answer parse(byte[] answer) {
        int headEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            throw new IllegalStateException("not an HTTP answer: " + new String(answer, StandardCharsets.UTF_8));
        }
        String[] lines = new String(answer, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
            String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
