package io.eventloom.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceUrlsTest {

    @Test
    void givenIdsThatNeedEncoding_whenPathBuilt_thenEachSegmentIsPercentEncodedAndTheUriParses() {
        String path = InstanceUrls.path("api", "product", "a b%c?d#e/f+g", "events");

        assertThat(path).isEqualTo("/api/product/a%20b%25c%3Fd%23e%2Ff%2Bg/events");
        assertThat(URI.create("http://localhost:1" + path).getRawPath()).isEqualTo(path);
    }

    @Test
    void givenNonAsciiAndDotSegments_whenPathBuilt_thenUtf8BytesAndDotsAreEncoded() {
        assertThat(InstanceUrls.path("é", ".", "..", "a.b")).isEqualTo("/%C3%A9/%2E/%2E%2E/a.b");
    }

    @Test
    void givenParameters_whenQueryBuilt_thenNamesAndValuesAreEncodedAndNoneGivesNothing() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("limit", List.of("5"));
        parameters.put("after", List.of("a&b=c d"));

        assertThat(InstanceUrls.query(parameters)).isEqualTo("?limit=5&after=a%26b%3Dc%20d");
        assertThat(InstanceUrls.query(Map.of())).isEmpty();
        assertThat(InstanceUrls.query("fromVersion", 3L)).isEqualTo("?fromVersion=3");
    }
}
