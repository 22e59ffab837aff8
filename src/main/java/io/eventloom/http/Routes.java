package io.eventloom.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes the route groups declare, in order, added to the server in one go; kept so the OpenAPI file can be
 * checked against what is actually served.
 */
final class Routes {

    /** One route, as the OpenAPI file names it: method in lower case and path template. */
    record Route(String method, String path, Handler handler) {
    }

    private final List<Route> declared = new ArrayList<>();

    void get(String path, Handler handler) {
        declared.add(new Route("get", path, handler));
    }

    void post(String path, Handler handler) {
        declared.add(new Route("post", path, handler));
    }

    /** Adds every route in declaration order: for overlapping templates the first declared wins. */
    void addTo(RoutesConfig config) {
        for (Route route : declared) {
            switch (route.method()) {
                case "get" -> config.get(route.path(), route.handler());
                case "post" -> config.post(route.path(), route.handler());
                default -> throw new IllegalStateException("unsupported method " + route.method());
            }
        }
    }

    List<Route> declared() {
        return List.copyOf(declared);
    }
}
