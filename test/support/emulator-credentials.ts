// The one place tests take the Bedrock emulator's credentials from: the emulator's own defaults (what
// startEmulator() accepts unless told otherwise), in the shapes the tests need them.
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_BEARER_TOKEN,
  DEFAULT_EMULATOR_OPTIONS,
  DEFAULT_SECRET_ACCESS_KEY,
} from '../../apps/bedrock-emulator/src/index';

export const EMULATOR_REGION = DEFAULT_EMULATOR_OPTIONS.region;

/** For AWS SDK clients (`credentials`) and SigV4 signers. */
export const EMULATOR_CREDENTIALS = {
  accessKeyId: DEFAULT_ACCESS_KEY_ID,
  secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
} as const;

/** A Bedrock API key the emulator accepts as a bearer token. */
export const EMULATOR_BEARER_TOKEN = DEFAULT_BEARER_TOKEN;

/** The same credentials as config.yaml `litellm_params` lines, indented to follow a deployment's `model:`. */
export const EMULATOR_CREDENTIALS_YAML = `
      aws_access_key_id: ${DEFAULT_ACCESS_KEY_ID}
      aws_secret_access_key: ${DEFAULT_SECRET_ACCESS_KEY}
      aws_region_name: ${DEFAULT_EMULATOR_OPTIONS.region}`;
