// Deterministic embedding vectors: a seeded PRNG over the input's SHA-256, so the same text always
// maps to the same vector and different texts to different ones.
import { createHash } from 'node:crypto';
import { EmulatorError } from '../../http/emulator-error';
import { expectArray, type JsonRecord } from '../../service-support/request-body';

export function embeddingVector(input: string, dimensions: number, normalize: boolean): number[] {
  const seed = createHash('sha256').update(input).digest();
  let state = seed.readUInt32LE(0) || 1;
  const values: number[] = [];
  for (let index = 0; index < dimensions; index++) {
    // xorshift32: cheap, deterministic, good enough to spread values over [-1, 1).
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values.push(((state >>> 0) / 0x100000000) * 2 - 1);
  }
  if (!normalize) return values.map(round);
  const length = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  return values.map((value) => round(value / length));
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Cohere int8 / uint8 quantisation. */
export function quantise(values: number[], unsigned: boolean): number[] {
  return values.map((value) => {
    const signed = Math.max(-128, Math.min(127, Math.round(value * 127)));
    return unsigned ? signed + 128 : signed;
  });
}

/** Sign bits packed 8 per byte (Cohere binary/ubinary); Titan's binary type is one 0/1 per dimension. */
export function packBits(values: number[], unsigned: boolean): number[] {
  const bytes: number[] = [];
  for (let start = 0; start < values.length; start += 8) {
    let byte = 0;
    for (let bit = 0; bit < 8; bit++) byte = (byte << 1) | ((values[start + bit] ?? 0) > 0 ? 1 : 0);
    bytes.push(unsigned ? byte : byte > 127 ? byte - 256 : byte);
  }
  return bytes;
}

const COHERE_EMBEDDING_TYPES = ['float', 'int8', 'uint8', 'binary', 'ubinary'];

/** Cohere's `embeddings_by_type`: each requested type's encoding of every vector. */
export function cohereEmbeddingsByType(vectors: number[][], embeddingTypes: unknown): JsonRecord {
  const types = expectArray(embeddingTypes, 'embedding_types').map((type) => String(type));
  const byType: JsonRecord = {};
  for (const type of types) {
    if (!COHERE_EMBEDDING_TYPES.includes(type))
      throw EmulatorError.malformed(`#/embedding_types: ${type} is not a valid enum value`);
    byType[type] = vectors.map((vector) =>
      type === 'float'
        ? vector
        : type === 'int8' || type === 'uint8'
          ? quantise(vector, type === 'uint8')
          : packBits(vector, type === 'ubinary'),
    );
  }
  return byType;
}
