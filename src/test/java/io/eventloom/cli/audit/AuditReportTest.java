package io.eventloom.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.cli.ExitCodes;
import io.eventloom.shop.Shop;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReportTest {

    private static final AuditScope SCOPE = AuditScope.of(Shop.domain(), "customer");
    private static final Difference ROW = Difference.ofAggregate(Difference.Source.PROJECTION, "customer-rows", "c-2",
            OptionalLong.of(1), OptionalLong.of(1), List.of("email"));
    private static final Difference STATE = Difference.ofAggregate(Difference.Source.STATE, "customer", "c-1",
            OptionalLong.of(1), OptionalLong.of(2), List.of());

    @Test
    void givenNoDifference_whenPrinted_thenOnlyTheSummaryAndExitOk() {
        AuditReport report = new AuditReport(SCOPE, 9, 2, 4, List.of());

        assertThat(text(report)).isEqualTo("Audited 1 aggregate type (2 aggregates) and 2 projections (4 rows)"
                + " against 9 events: no difference.\n");
        assertThat(report.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void givenDifferences_whenPrinted_thenALineEachStatesFirstAndExitFound() {
        AuditReport report = new AuditReport(SCOPE, 9, 2, 4, List.of(ROW, STATE));

        assertThat(text(report).lines()).containsExactly(
                "state customer 'c-1': different: store at version 1; events at version 2;"
                        + " first differing version 2",
                "projection customer-rows 'c-2': different: row at version 1; events at version 1;"
                        + " first differing version 1; fields email",
                "Audited 1 aggregate type (2 aggregates) and 2 projections (4 rows) against 9 events: 2 differences.");
        assertThat(report.exitCode()).isEqualTo(ExitCodes.FOUND);
    }

    @Test
    void givenDifferences_whenWrittenAsJson_thenScopeCountsAndEachDifference() {
        JsonNode json = new AuditReport(SCOPE, 9, 2, 4, List.of(STATE,
                Difference.unreadable("customer", "c-3", "shop.customer.events-1@7", "bad bytes"))).json();

        assertThat(json.path("aggregateTypes")).extracting(JsonNode::asText).containsExactly("customer");
        assertThat(json.path("projections")).extracting(JsonNode::asText)
                .containsExactly("customer-rows", "order-summary");
        assertThat(json.path("counts").toString())
                .isEqualTo("{\"events\":9,\"aggregates\":2,\"rows\":4,\"differences\":2}");
        assertThat(json.path("differences").get(0).toString()).isEqualTo("{\"source\":\"events\",\"name\":\"customer\","
                + "\"key\":\"c-3\",\"kind\":\"unreadable\",\"liveVersion\":null,\"eventsVersion\":null,"
                + "\"firstDifferingVersion\":null,\"fields\":[],\"detail\":\"shop.customer.events-1@7: bad bytes\"}");
        assertThat(json.path("differences").get(1).path("firstDifferingVersion").asLong()).isEqualTo(2);
    }

    private static String text(AuditReport report) {
        StringWriter out = new StringWriter();
        report.printText(new PrintWriter(out, true));
        return out.toString();
    }
}
