package io.eventloom.bench;

import org.apache.kafka.common.serialization.Serializer;

import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * What an open-loop run sends to and how it recognises answers: the input topic and a command built from its id
 * and key, the output topic and the command id read back from an output value.
 */
record OpenLoopTarget<V>(SystemUnderTest system, String inputTopic, Serializer<V> serializer,
                         BiFunction<String, String, V> command, String outputTopic, Function<byte[], String> answerId,
                         BooleanSupplier alive) {
}
