// Drives Eventloom's schema registry with @kafkajs/confluent-schema-registry, a widely used third-party
// Confluent client, exactly as an application would: register, fetch by id, encode, decode.
// Usage: node interop.js <registryUrl> <subject> <schemaJson> <hexOfBytesWrittenByJava>
// Prints one JSON line with what happened; exits non-zero on any error.
'use strict';

const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

async function main() {
  const [registryUrl, subject, schemaJson, javaHex] = process.argv.slice(2);
  if (!javaHex) {
    throw new Error('usage: node interop.js <registryUrl> <subject> <schemaJson> <hexOfJavaBytes>');
  }
  const registry = new SchemaRegistry({ host: registryUrl });

  const { id: registeredId } = await registry.register(
    { type: SchemaType.AVRO, schema: schemaJson },
    { subject },
  );
  const latestId = await registry.getLatestSchemaId(subject);
  const fetched = await registry.getSchema(registeredId);
  const encoded = await registry.encode(registeredId, { name: 'from-node', count: 42, language: 'js' });
  const decodedFromJava = await registry.decode(Buffer.from(javaHex, 'hex'));

  console.log(JSON.stringify({
    registeredId,
    latestId,
    fetchedName: fetched.name,
    encodedHex: encoded.toString('hex'),
    decodedFromJava,
  }));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
