// The S3 stand-in batch jobs use when no S3 endpoint is configured: s3rver on a free 127.0.0.1
// port with a throw-away directory. Clients may create any bucket and the batch runner reads it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account';

export interface LocalS3 {
  endpoint: string;
  close(): Promise<void>;
}

export async function startLocalS3(credentials: {
  accessKeyId: string;
  secretAccessKey: string;
}): Promise<LocalS3> {
  // s3rver knows only its built-in key pair; it does not check SigV4 signatures but does refuse
  // unknown access keys, so register the configured one.
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const directory = await mkdtemp(join(tmpdir(), 'quarry-emulator-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  let address;
  try {
    address = await server.run();
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
