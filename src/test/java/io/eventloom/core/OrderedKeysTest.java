package io.eventloom.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderedKeysTest {

    @Test
    void givenNumbers_whenPadded_thenAsTheFormatterWritesThemAndInNumericOrder() {
        List<Long> numbers = LongStream.concat(LongStream.of(0, 1, 9, 10, 99, 1_000_000_007L, Long.MAX_VALUE),
                LongStream.iterate(3, n -> n < Long.MAX_VALUE / 7, n -> n * 7)).boxed().toList();

        assertThat(numbers).allSatisfy(n -> assertThat(OrderedKeys.padded(n)).isEqualTo(String.format("%019d", n)));
        assertThat(numbers.stream().sorted().map(OrderedKeys::padded).toList()).isSorted();
    }

    @Test
    void givenNegativeNumber_whenPadded_thenRefused() {
        assertThatThrownBy(() -> OrderedKeys.padded(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
