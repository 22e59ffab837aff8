package io.eventloom.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScopesTest {

    @Test
    void givenReadOfOneType_whenAsked_thenOnlyThatTypeIsReadableAndNothingWritable() {
        Scopes scopes = Scopes.of("read:product");

        assertThat(scopes.canRead("product")).isTrue();
        assertThat(scopes.canRead("customer")).isFalse();
        assertThat(scopes.canWrite("product")).isFalse();
        assertThat(scopes.canReadPii()).isFalse();
        assertThat(scopes.isAdmin()).isFalse();
    }

    @Test
    void givenWriteAndRead_whenAsked_thenEveryTypeButNoPersonalDataNorMetrics() {
        Scopes scopes = Scopes.of("read", "write");

        assertThat(scopes.canRead("customer-rows")).isTrue();
        assertThat(scopes.canWrite("order")).isTrue();
        assertThat(scopes.canReadPii()).isFalse();
        assertThat(scopes.canScrapeMetrics()).isFalse();
    }

    @Test
    void givenAdmin_whenAsked_thenEverything() {
        Scopes admin = Scopes.of("admin");

        assertThat(admin.canRead("anything")).isTrue();
        assertThat(admin.canWrite("anything")).isTrue();
        assertThat(admin.canReadPii()).isTrue();
        assertThat(admin.canScrapeMetrics()).isTrue();
    }

    @Test
    void givenAnIdentityProvidersOwnScopes_whenRead_thenTheyGrantNothingAndTheKnownOnesStay() {
        Scopes scopes = Scopes.of(List.of("openid", "profile", "read:pii", "READ", "write:", "admin:all"));

        assertThat(scopes.names()).containsExactly("read:pii");
        assertThat(scopes.canReadPii()).isTrue();
        assertThat(scopes.canRead("product")).isFalse();
    }

    @Test
    void givenATypo_whenChecked_thenItsProblemNamesTheValidScopes() {
        assertThat(Scopes.problem("raed")).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'raed' is not a scope").contains("read:pii"));
        assertThat(Scopes.problem("write:order")).isEmpty();
    }
}
