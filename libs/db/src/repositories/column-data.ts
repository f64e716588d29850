// Change records → Prisma's input shapes: lists copied (Prisma wants them mutable), JSON typed as input.
import type { Prisma } from '../generated/client';
import type { KeyChanges } from '../records/key.record';
import type { LimitChanges } from '../records/limit-columns';

export function columnData<Changes extends LimitChanges>(changes: Changes) {
  return {
    ...changes,
    models: changes.models === undefined ? undefined : [...changes.models],
    metadata: jsonData(changes.metadata),
  };
}

export function keyData<Changes extends KeyChanges>(changes: Changes) {
  return {
    ...columnData(changes),
    aliases: jsonData(changes.aliases),
    modelMaxBudget: jsonData(changes.modelMaxBudget as Readonly<Record<string, unknown>> | undefined),
  };
}

export function jsonData(value: Readonly<Record<string, unknown>>): Prisma.InputJsonValue;
export function jsonData(
  value: Readonly<Record<string, unknown>> | undefined,
): Prisma.InputJsonValue | undefined;
export function jsonData(value: Readonly<Record<string, unknown>> | undefined) {
  return value as Prisma.InputJsonValue | undefined;
}
