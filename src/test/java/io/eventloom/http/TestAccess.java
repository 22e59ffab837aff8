package io.eventloom.http;

import io.eventloom.auth.ApiKeys;
import io.eventloom.auth.Scopes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** API keys for HTTP APIs the tests start themselves: one admin key, and keys with a scope each. */
final class TestAccess {

    static final String ADMIN_KEY = ApiKeys.newKey();
    /** Shared by every test instance, so one may forward reads to another. */
    static final byte[] FORWARDING_SECRET = "test-forwarding-secret-0123456789".getBytes(StandardCharsets.UTF_8);

    private TestAccess() {
    }

    static HttpSecurity security(ApiKeys.Entry... more) {
        List<ApiKeys.Entry> entries = new ArrayList<>(List.of(entry("test-admin", ADMIN_KEY,
                Scopes.ADMIN)));
        entries.addAll(List.of(more));
        return HttpSecurity.tokens(new ApiKeys(entries), FORWARDING_SECRET);
    }

    static ApiKeys.Entry entry(String name, String key, String... scopes) {
        return new ApiKeys.Entry(name, ApiKeys.hash(key), Scopes.of(scopes));
    }
}
