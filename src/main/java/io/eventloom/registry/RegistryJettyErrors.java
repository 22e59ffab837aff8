package io.eventloom.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.core.InternalDetails;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty's own refusals, made before a request reaches the registry (a URL or headers over the size limit, bytes
 * that are not valid HTTP), in Confluent's error shape with the HTTP status as {@code error_code}, not as HTML.
 */
final class RegistryJettyErrors extends ErrorHandler {

    private final ObjectMapper json;

    RegistryJettyErrors(ObjectMapper json) {
        this.json = json;
    }

    // Every method gets the JSON body, not only the GET, POST and HEAD Jetty writes error pages for.
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        int limit = request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize();
        String text = switch (status) {
            case 414 -> "URI too long: the request line and headers may hold at most " + limit + " bytes";
            case 431 -> "Request headers too large: the request line and headers may hold at most " + limit
                    + " bytes";
            case 500 -> "Internal error";
            default -> "HTTP " + status + " " + (message == null || InternalDetails.foundIn(message)
                    ? HttpStatus.getMessage(status) : message);
        };
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RegistryRoutes.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(RegistryErrors.body(json, status, text)), callback);
    }
}
