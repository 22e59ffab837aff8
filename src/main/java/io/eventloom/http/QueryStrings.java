package io.eventloom.http;

import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Refuses a query string that is not valid percent-encoded UTF-8 ({@code ?minVersion=%zz}) with a 400
 * {@code invalid_parameter}: Javalin would otherwise drop such a parameter silently, as if it had not been sent.
 */
final class QueryStrings {

    private QueryStrings() {
    }

    static void requireWellFormed(Context ctx) {
        String query = ctx.queryString();
        if (query == null) {
            return;
        }
        for (String part : query.split("[&=]", -1)) {
            if (!decodes(part)) {
                throw ApiError.badRequest("invalid_parameter", "the query string is not valid percent-encoded"
                        + " UTF-8 (a '%' must be followed by two hexadecimal digits, and the bytes must be UTF-8)");
            }
        }
    }

    private static boolean decodes(String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                if (i + 2 >= part.length()) {
                    return false;
                }
                String hex = part.substring(i + 1, i + 3);
                if (!HexFormat.isHexDigit(hex.charAt(0)) || !HexFormat.isHexDigit(hex.charAt(1))) {
                    return false;
                }
                bytes.write(HexFormat.fromHexDigits(hex));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
