package io.eventloom.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventloom.core.InternalDetails;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Jetty's own refusals, made before a request reaches the API (a URL or headers over the size limit, bytes that
 * are not valid HTTP), answered in the API's JSON error shape rather than Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

    // Every method gets the JSON body, not only the GET, POST and HEAD Jetty writes error pages for.
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) throws JsonProcessingException {
        int limit = request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize();
        byte[] body = Json.MAPPER.writeValueAsBytes(Json.errorBody(HttpApi.errorCode(status),
                message(status, message, limit), Map.of()));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String message(int status, String jettyMessage, int limit) {
        return switch (status) {
            case 414 -> "the URL is too long: the request line and headers may hold at most " + limit + " bytes";
            case 431 -> "the headers are too large: the request line and headers may hold at most " + limit
                    + " bytes";
            case 500 -> "the server failed to answer this request";
            default -> "the request was refused before it reached the API: " + (jettyMessage == null
                    || InternalDetails.foundIn(jettyMessage) ? HttpStatus.getMessage(status) : jettyMessage);
        };
    }
}
