// SigV4 headers for the "direct" baseline: the load generator replays one signed request for a whole run,
// so the emulator keeps verifying signatures for every target (its cost is the same in all three
// measurements). A signature stays valid for the emulator's 5-minute clock-skew window, so each run
// signs afresh.
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { EMULATOR_ACCESS_KEY_ID, EMULATOR_SECRET_ACCESS_KEY, REGION } from './bench-constants.mjs';

/** The hash interface @smithy/signature-v4 expects, on node:crypto. */
class NodeSha256 {
  constructor(secret) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

const signer = new SignatureV4({
  service: 'bedrock',
  region: REGION,
  credentials: { accessKeyId: EMULATOR_ACCESS_KEY_ID, secretAccessKey: EMULATOR_SECRET_ACCESS_KEY },
  sha256: NodeSha256,
});

/**
 * Headers (including `host`) for one POST of `body` to `endpoint` + `path`, signed now.
 * @param {string} endpoint e.g. http://127.0.0.1:4010
 */
export async function signedHeaders(endpoint, path, body) {
  const url = new URL(endpoint);
  const request = {
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path,
    query: {},
    headers: {
      host: url.host,
      'content-type': 'application/json',
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
    },
    body,
  };
  const signed = await signer.sign(request);
  return signed.headers;
}
