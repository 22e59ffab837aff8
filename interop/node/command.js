// Posts one command to Eventloom and reads its result with third-party clients only: kafkajs for Kafka and
// @kafkajs/confluent-schema-registry for Avro in Confluent's wire format. No Eventloom code is involved, as for
// any client written against the documented contract (topic names, string keys, registry subjects).
// Usage: node command.js <bootstrap> <registryUrl> <namespace> <type> <aggregateId> <commandId>
//          <payloadRecordFullName> <payloadJson>
// Prints the decoded command result as one JSON line; exits non-zero on any error or after 60 s.
'use strict';

const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

async function main() {
  const [bootstrap, registryUrl, namespace, type, aggregateId, commandId, payloadType, payloadJson] =
    process.argv.slice(2);
  if (!payloadJson) {
    throw new Error('usage: node command.js <bootstrap> <registryUrl> <namespace> <type> <aggregateId> '
      + '<commandId> <payloadType> <payloadJson>');
  }
  const commands = `${namespace}.${type}.commands`;
  const results = `${namespace}.${type}.command-results`;
  const registry = new SchemaRegistry({ host: registryUrl });
  // The command schema as the registry publishes it under the topic's subject (TopicNameStrategy).
  const id = await registry.getLatestSchemaId(`${commands}-value`);
  const envelope = {
    commandId,
    aggregateId,
    expectedVersion: null,
    issuedAt: Date.now(),
    correlationId: commandId,
    causationId: null,
    metadata: { client: 'node' },
    payload: { [payloadType]: JSON.parse(payloadJson) },
  };

  const kafka = new Kafka({ clientId: 'eventloom-node-interop', brokers: [bootstrap], logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: `node-interop-${commandId}` });
  await consumer.connect();
  await consumer.subscribe({ topic: results, fromBeginning: true });
  const result = new Promise((resolve, reject) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        const decoded = await registry.decode(message.value);
        if (decoded.commandId === commandId) {
          resolve({ key: message.key.toString('utf8'), result: decoded });
        }
      },
    }).catch(reject);
  });

  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: commands,
    messages: [{ key: aggregateId, value: await registry.encode(id, envelope) }],
  });
  await producer.disconnect();

  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no result within 60 s')), 60000));
  const answer = await Promise.race([result, timeout]);
  await consumer.disconnect();
  console.log(JSON.stringify(answer, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
}

main().then(() => process.exit(0)).catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
