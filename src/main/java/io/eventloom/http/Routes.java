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

    /** One route, as the OpenAPI file names it (method in lower case and path template), with what it asks. */
    record Route(String method, String path, Permission permission, Handler handler) {
    }

    private final List<Route> declared = new ArrayList<>();

    void get(String path, Permission permission, Handler handler) {
        declared.add(new Route("get", path, permission, handler));
    }

    void post(String path, Permission permission, Handler handler) {
        declared.add(new Route("post", path, permission, handler));
    }

    /**
     * Adds every route in declaration order, each behind the guard: for overlapping templates the first declared
     * wins.
     */
    void addTo(RoutesConfig config, AccessGuard guard) {
        for (Route route : declared) {
            Handler guarded = guard.protect(route.permission(), route.handler());
            switch (route.method()) {
                case "get" -> config.get(route.path(), guarded);
                case "post" -> config.post(route.path(), guarded);
                default -> throw new IllegalStateException("unsupported method " + route.method());
            }
        }
    }

    List<Route> declared() {
        return List.copyOf(declared);
    }
}
