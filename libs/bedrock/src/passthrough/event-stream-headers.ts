// Reads what the passthrough's usage tap needs from one whole event-stream message (bedrock-wire.md §8):
// its `:event-type` and its payload, without copying or checking CRCs. The message itself is relayed
// untouched; a message this cannot read is simply not metered.
const PRELUDE_BYTES = 12;
const MESSAGE_CRC_BYTES = 4;
/** Value sizes of the fixed-size header types (0 true, 1 false, 2 byte, 3 int16, 4 int32, 5 int64, 8 timestamp, 9 uuid). */
const FIXED_VALUE_BYTES: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };
const BYTES_TYPE = 6;
const STRING_TYPE = 7;

export interface EventMessage {
  eventType: string | undefined;
  payload: Uint8Array;
}

export function readEventMessage(message: Uint8Array): EventMessage | undefined {
  if (message.byteLength < PRELUDE_BYTES + MESSAGE_CRC_BYTES) return undefined;
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const headersLength = view.getUint32(4, false);
  const headersEnd = PRELUDE_BYTES + headersLength;
  const payloadEnd = message.byteLength - MESSAGE_CRC_BYTES;
  if (headersEnd > payloadEnd) return undefined;
  let eventType: string | undefined;
  let offset = PRELUDE_BYTES;
  while (offset < headersEnd) {
    const nameLength = message[offset];
    const name = Buffer.from(message.buffer, message.byteOffset + offset + 1, nameLength).toString('latin1');
    offset += 1 + nameLength;
    const type = message[offset];
    offset += 1;
    let valueLength: number;
    if (type === BYTES_TYPE || type === STRING_TYPE) {
      if (offset + 2 > headersEnd) return undefined;
      valueLength = view.getUint16(offset, false);
      offset += 2;
    } else if (type in FIXED_VALUE_BYTES) {
      valueLength = FIXED_VALUE_BYTES[type];
    } else {
      return undefined;
    }
    if (offset + valueLength > headersEnd) return undefined;
    if (type === STRING_TYPE && name === ':event-type') {
      eventType = Buffer.from(message.buffer, message.byteOffset + offset, valueLength).toString('utf8');
    }
    offset += valueLength;
  }
  return { eventType, payload: message.subarray(headersEnd, payloadEnd) };
}
