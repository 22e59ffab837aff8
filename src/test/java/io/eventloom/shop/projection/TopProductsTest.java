package io.eventloom.shop.projection;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopProductsTest {

    // The stores and the paged read order keys by their UTF-8 bytes, unsigned.
    private static final Comparator<String> UTF8_BYTES = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    @Test
    void givenProductsWithUnitsOfEveryMagnitude_whenKeysSortedAsUtf8Bytes_thenMostUnitsFirstAndTiesByProductId() {
        List<String> bestFirst = List.of(
                TopProducts.key(Long.MAX_VALUE, "p-z"),
                TopProducts.key(1_000_000_000_000L, "p-y"),
                TopProducts.key(100, "p-x"),
                TopProducts.key(99, "p-w"),
                TopProducts.key(10, "p-a"),
                TopProducts.key(10, "p-b"),
                TopProducts.key(10, "p-é"),
                TopProducts.key(9, "p-c"),
                TopProducts.key(2, "p-d"),
                TopProducts.key(1, "p-e"));

        assertThat(bestFirst.stream().sorted(UTF8_BYTES).toList()).containsExactlyElementsOf(bestFirst);
        List<String> worstFirst = new ArrayList<>(bestFirst);
        Collections.reverse(worstFirst);
        assertThat(worstFirst.stream().sorted(UTF8_BYTES).toList()).containsExactlyElementsOf(bestFirst);
    }

    @Test
    void givenUnits_thenKeyIsNineteenDigitsOfTheRankThenTheProductId() {
        assertThat(TopProducts.key(7, "mug")).isEqualTo("9223372036854775800:mug");
        assertThat(TopProducts.key(Long.MAX_VALUE, "mug")).isEqualTo("0000000000000000000:mug");
    }

    @Test
    void givenNoUnitsOrdered_thenNotRanked() {
        assertThat(TopProducts.rankKey(new ProductSalesRow("p-1", "MUG-1", 0L, 1L))).isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> TopProducts.key(0, "p-1"));
    }

    @Test
    void givenUnitsOrdered_thenRankedByThem() {
        assertThat(TopProducts.rankKey(new ProductSalesRow("p-1", "MUG-1", 3L, 2L)))
                .isEqualTo(TopProducts.key(3, "p-1"));
    }

    @Test
    void givenProductAdded_thenItsRankHoldsExactlyItsRow() {
        ProductSalesRow sales = new ProductSalesRow("p-1", "MUG-1", 3L, 2L);

        assertThat(TopProducts.add(TopProducts.empty(), sales)).isEqualTo(sales);
    }

    @Test
    void givenProductLeavesItsRank_whenSubtracted_thenNullSoTheOldRankKeyIsDeleted() {
        ProductSalesRow sales = new ProductSalesRow("p-1", "MUG-1", 3L, 2L);

        assertThat(TopProducts.remove(sales, sales)).isNull();
    }
}
