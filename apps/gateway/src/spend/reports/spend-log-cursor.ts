// The opaque cursor of /spend/logs pages: where the previous page ended (its last row's start time and
// id), base64url-encoded so clients pass it back unchanged and do not build one themselves.
import { OpenAIError } from '@quarry/openai';
import type { SpendLogCursor } from '@quarry/db';

const SHAPE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,19})$/;

export function encodeCursor(cursor: SpendLogCursor): string {
  return Buffer.from(`${cursor.startTime.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): SpendLogCursor {
  const match = SHAPE.exec(Buffer.from(value, 'base64url').toString('utf8'));
  const startTime = match ? new Date(match[1]!) : undefined;
  if (!match || !startTime || Number.isNaN(startTime.getTime()) || BigInt(match[2]!) > 2n ** 63n - 1n)
    throw OpenAIError.badRequest(
      'cursor is not a cursor this endpoint returned (pass next_cursor back unchanged)',
      'cursor',
      'invalid_field',
    );
  return { startTime, id: BigInt(match[2]!) };
}
