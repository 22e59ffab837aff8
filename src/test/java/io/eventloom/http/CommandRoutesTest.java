package io.eventloom.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRoutesTest {

    @Test
    void givenRejectionCodes_whenAnswered_thenConflict409TooLarge413AndEveryOther422() {
        assertThat(CommandRoutes.rejectionStatus("CONCURRENCY_CONFLICT")).isEqualTo(409);
        assertThat(CommandRoutes.rejectionStatus("RECORD_TOO_LARGE")).isEqualTo(413);
        assertThat(CommandRoutes.rejectionStatus("IDEMPOTENCY_KEY_REUSED")).isEqualTo(422);
        assertThat(CommandRoutes.rejectionStatus("OUT_OF_STOCK")).isEqualTo(422);
    }
}
