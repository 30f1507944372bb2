#!/usr/bin/env node
// Local S3: s3rver, run as a child of the local runner under `node --openssl-legacy-provider`
// (else ListObjectsV2 pagination answers 500). Config comes as one JSON argument:
// { port, address, directory, buckets: [{ name, cors?: string }] }. Reports `{ ready: port }`
// over IPC and exits when the runner goes away.
import S3rver from 's3rver';

const config = JSON.parse(process.argv[2] ?? '{}');
const server = new S3rver({
  port: config.port ?? 4569,
  address: config.address ?? '127.0.0.1',
  directory: config.directory,
  silent: !config.verbose,
  configureBuckets: (config.buckets ?? []).map((bucket) => ({
    name: bucket.name,
    configs: bucket.cors ? [Buffer.from(bucket.cors)] : [],
  })),
});

const shutdown = () => {
  server.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

server.run().then(
  (address) => {
    if (process.send) process.send({ ready: address.port });
    else console.log(`s3rver listening on ${address.address}:${address.port}`);
  },
  (error) => {
    console.error(`[s3] cannot start: ${error.message}`);
    process.exit(1);
  },
);
