package io.eventloom.serde;

import io.eventloom.serde.testing.Greeting;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Schemas of the test record {@link Greeting}: v1 as a plain schema, v2 as the generated class. */
public final class TestSchemas {

    /** The first version: no language field. Same full name as the generated v2 class. */
    public static final Schema GREETING_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Greeting", "namespace": "io.eventloom.serde.testing",
             "fields": [{"name": "name", "type": "string"}, {"name": "count", "type": "int"}]}""");

    /** v2 plus a field without a default: readers of v2 cannot read old data, so BACKWARD refuses it. */
    public static final Schema GREETING_V3_REQUIRED_FIELD = new Schema.Parser().parse("""
            {"type": "record", "name": "Greeting", "namespace": "io.eventloom.serde.testing",
             "fields": [{"name": "name", "type": "string"}, {"name": "count", "type": "int"},
                        {"name": "language", "type": ["null", "string"], "default": null},
                        {"name": "region", "type": "string"}]}""");

    private TestSchemas() {
    }

    public static GenericRecord greetingV1(String name, int count) {
        GenericRecord record = new GenericData.Record(GREETING_V1);
        record.put("name", name);
        record.put("count", count);
        return record;
    }

    public static Greeting greeting(String name, int count, String language) {
        return Greeting.newBuilder().setName(name).setCount(count).setLanguage(language).build();
    }
}
