package io.eventloom.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The values the raw reference processes: a command id, then padding to a fixed size. The id comes back in the
 * output, which is how an open-loop run matches a result to its command.
 */
final class RawRecords {

    /**
     * The value size the ceilings in KAFKA-FACTS were measured with. A Restock envelope takes about 70 bytes in
     * Avro, but Eventloom writes an event, a result and a new state per command, each larger than that.
     */
    static final int VALUE_BYTES = 200;
    private static final byte SEPARATOR = '|';

    private RawRecords() {
    }

    static byte[] value(String commandId) {
        byte[] id = commandId.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[Math.max(VALUE_BYTES, id.length + 1)];
        System.arraycopy(id, 0, value, 0, id.length);
        Arrays.fill(value, id.length, value.length, (byte) 'x');
        value[id.length] = SEPARATOR;
        return value;
    }

    static String commandId(byte[] value) {
        int end = 0;
        while (end < value.length && value[end] != SEPARATOR) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }
}
