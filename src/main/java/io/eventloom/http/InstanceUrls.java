package io.eventloom.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The path and query of a request to another instance, built from raw values that are each percent-encoded
 * (RFC 3986, UTF-8), so an id holding a space, {@code %}, {@code ?}, {@code #} or {@code /} reaches the other
 * instance exactly as it is here. Every inter-instance URL is built here.
 */
final class InstanceUrls {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private InstanceUrls() {
    }

    /** {@code /a/b/c} from the segments a, b, c, each encoded. */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(segment(segment));
        }
        return path.toString();
    }

    /** {@code ?name=value&...} from decoded parameters, each name and value encoded; empty when there are none. */
    static String query(Map<String, List<String>> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, values) -> values.forEach(value -> query.add(encode(name) + "=" + encode(value))));
        return query.toString();
    }

    static String query(String name, Object value) {
        return query(Map.of(name, List.of(String.valueOf(value))));
    }

    // "." and ".." are dot-segments that a client or server would resolve away; encoded, they stay an id.
    private static String segment(String value) {
        return value.equals(".") || value.equals("..") ? "%2E".repeat(value.length()) : encode(value);
    }

    /** Every byte but RFC 3986's unreserved characters (letters, digits, {@code -._~}) as {@code %XX}. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return encoded.toString();
    }
}
