// Fixed facts the benchmark's parts share: the emulated model and the emulator's credentials.
export const BEDROCK_MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
export const REGION = 'us-east-1';
export const EMULATOR_ACCESS_KEY_ID = 'AKIAQUARRYEMULATOR01';
export const EMULATOR_SECRET_ACCESS_KEY = 'quarry-emulator-secret-key-do-not-use-in-aws';

/** Quarry's public model name for an emulator: `bench-50ms` (answers after 50 ms) or `bench-hold`. */
export function quarryModelName(emulatorKey) {
  return typeof emulatorKey === 'number' ? `bench-${emulatorKey}ms` : `bench-${emulatorKey}`;
}
