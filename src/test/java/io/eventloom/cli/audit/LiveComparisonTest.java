package io.eventloom.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.Snapshot;
import io.eventloom.http.AvroJson;
import io.eventloom.http.PersonalData;
import io.eventloom.shop.Money;
import io.eventloom.shop.customer.CustomerState;
import io.eventloom.shop.customer.CustomerStatus;
import io.eventloom.shop.product.ProductStatus;
import io.eventloom.shop.projection.ProductCatalog;
import io.eventloom.shop.projection.ProductCatalogRow;
import io.eventloom.shop.projection.ShopStats;
import io.eventloom.shop.projection.ShopStatsRow;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class LiveComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CustomerState ADA = new CustomerState(CustomerStatus.ACTIVE, "Ada", "ada@example.com", null);

    private final LiveComparison comparison = new LiveComparison();

    @Test
    void givenTheStoreAtTheEventsVersionAndState_whenCompared_thenNoDifference() throws Exception {
        assertThat(comparison.state("customer", "c-1", Optional.of(new Snapshot<>(2, ADA)),
                Optional.of(stateAnswer(2, ADA, PersonalData.SHOWN)))).isEmpty();
    }

    @Test
    void givenTheStoreBehindItsEvents_whenCompared_thenDifferentFromTheFirstVersionItLacks() throws Exception {
        Difference difference = comparison.state("customer", "c-1", Optional.of(new Snapshot<>(3, ADA)),
                Optional.of(stateAnswer(1, ADA, PersonalData.SHOWN))).orElseThrow();

        assertThat(difference.kind()).isEqualTo(Difference.Kind.DIFFERENT);
        assertThat(difference.liveVersion()).isEqualTo(OptionalLong.of(1));
        assertThat(difference.eventsVersion()).isEqualTo(OptionalLong.of(3));
        assertThat(difference.firstDifferingVersion()).isEqualTo(OptionalLong.of(2));
        assertThat(difference.liveIsAhead()).isFalse();
    }

    @Test
    void givenTheStoreAheadOfTheEventsRead_whenCompared_thenADifferenceThatMayBeInFlight() throws Exception {
        Difference difference = comparison.state("customer", "c-1", Optional.of(new Snapshot<>(2, ADA)),
                Optional.of(stateAnswer(4, ADA, PersonalData.SHOWN))).orElseThrow();

        assertThat(difference.liveIsAhead()).isTrue();
        assertThat(difference.firstDifferingVersion()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void givenTheSameVersionAndAnotherField_whenCompared_thenThatVersionAndThatFieldAreNamed() throws Exception {
        CustomerState renamed = new CustomerState(CustomerStatus.ACTIVE, "Eve", "ada@example.com", null);

        Difference difference = comparison.state("customer", "c-1", Optional.of(new Snapshot<>(2, ADA)),
                Optional.of(stateAnswer(2, renamed, PersonalData.SHOWN))).orElseThrow();

        assertThat(difference.firstDifferingVersion()).isEqualTo(OptionalLong.of(2));
        assertThat(difference.fields()).containsExactly("name");
    }

    @Test
    void givenNoStateInTheStore_whenCompared_thenMissingFromVersionOne() {
        Difference difference = comparison.state("customer", "c-1", Optional.of(new Snapshot<>(2, ADA)),
                Optional.empty()).orElseThrow();

        assertThat(difference.kind()).isEqualTo(Difference.Kind.MISSING);
        assertThat(difference.liveVersion()).isEmpty();
        assertThat(difference.firstDifferingVersion()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void givenAnAnswerMaskedForACallerWithoutPii_whenCompared_thenItMatchesAndOnlyOtherFieldsCanDiffer()
            throws Exception {
        CustomerState renamed = new CustomerState(CustomerStatus.ACTIVE, "Eve", "eve@example.com", null);

        assertThat(comparison.state("customer", "c-1", Optional.of(new Snapshot<>(2, ADA)),
                Optional.of(stateAnswer(2, ADA, PersonalData.MASKED)))).isEmpty();
        assertThat(comparison.state("customer", "c-1", Optional.of(new Snapshot<>(2, ADA)),
                Optional.of(stateAnswer(2, renamed, PersonalData.MASKED)))).hasValueSatisfying(
                        difference -> assertThat(difference.fields()).containsExactly("name"));
    }

    @Test
    void givenAFoldRowWithOtherStockAtTheSameVersion_whenCompared_thenThatVersionAndField() throws Exception {
        Difference difference = comparison.row(ProductCatalog.TYPE, "mug", Optional.of(mug(10, 2)),
                Optional.of(answer(mug(999, 2)))).orElseThrow();

        assertThat(difference.source()).isEqualTo(Difference.Source.PROJECTION);
        assertThat(difference.kind()).isEqualTo(Difference.Kind.DIFFERENT);
        assertThat(difference.firstDifferingVersion()).isEqualTo(OptionalLong.of(2));
        assertThat(difference.fields()).containsExactly("availableStock");
    }

    @Test
    void givenARowBehindAndARowNoEventsMake_whenCompared_thenDifferentFromTheVersionAfterAndUnexpected()
            throws Exception {
        Difference behind = comparison.row(ProductCatalog.TYPE, "mug", Optional.of(mug(10, 3)),
                Optional.of(answer(mug(10, 1)))).orElseThrow();
        Difference unexpected = comparison.row(ProductCatalog.TYPE, "ghost", Optional.empty(),
                Optional.of(answer(mug(10, 1)))).orElseThrow();

        assertThat(behind.firstDifferingVersion()).isEqualTo(OptionalLong.of(2));
        assertThat(behind.fields()).isEmpty();
        assertThat(unexpected.kind()).isEqualTo(Difference.Kind.UNEXPECTED);
        assertThat(unexpected.eventsVersion()).isEmpty();
        // An aggregate made since the events were read looks like this too, until they are read on.
        assertThat(unexpected.liveIsAhead()).isTrue();
        assertThat(behind.liveIsAhead()).isFalse();
    }

    @Test
    void givenARegroupRowThatDiffersOnlyInVersion_whenCompared_thenNoDifferenceAsNoOrderFixesIt() throws Exception {
        assertThat(comparison.row(ShopStats.TYPE, ShopStats.KEY, Optional.of(stats(2, 7)),
                Optional.of(answer(stats(2, 4))))).isEmpty();
    }

    @Test
    void givenARegroupRowWithAnotherCount_whenCompared_thenTheKeyAndFieldWithoutVersions() throws Exception {
        Difference difference = comparison.row(ShopStats.TYPE, ShopStats.KEY, Optional.of(stats(2, 7)),
                Optional.of(answer(stats(3, 7)))).orElseThrow();

        assertThat(difference.key()).isEqualTo(ShopStats.KEY);
        assertThat(difference.fields()).containsExactly("placed");
        assertThat(difference.liveVersion()).isEmpty();
        assertThat(difference.firstDifferingVersion()).isEmpty();
    }

    private static ProductCatalogRow mug(long available, long version) {
        return new ProductCatalogRow("mug", "MUG-1", "Mug", new Money(1250L, "EUR"), available, 0L,
                ProductStatus.ACTIVE, version, null);
    }

    private static ShopStatsRow stats(long placed, long version) {
        return new ShopStatsRow(placed, 0L, 0L, 0L, 0L, List.of(new Money(100L, "EUR")), version);
    }

    // As the client reads the API's answers: written to text, read back.
    private static JsonNode stateAnswer(long version, CustomerState state, PersonalData personal) throws Exception {
        ObjectNode answer = JSON.createObjectNode().put("aggregateId", "c-1").put("version", version);
        answer.set("state", AvroJson.write(state, state.getSchema(), personal));
        return JSON.readTree(JSON.writeValueAsString(answer));
    }

    private static JsonNode answer(SpecificRecord row) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(AvroJson.write(row, row.getSchema())));
    }
}
