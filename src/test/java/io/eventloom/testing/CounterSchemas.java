package io.eventloom.testing;

import io.eventloom.core.counter.CounterCommandEnvelope;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

import java.util.ArrayList;
import java.util.List;

/** Schemas of the counter test domain other than the generated ones. */
public final class CounterSchemas {

    private CounterSchemas() {
    }

    /** The counter's command schema with one more optional field, as a newer producer would write it. */
    public static Schema evolvedCommandSchema() {
        Schema current = SpecificData.get().getSchema(CounterCommandEnvelope.class);
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("channel", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "Added later: where the command came from.",
                Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }
}
