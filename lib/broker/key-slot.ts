/** Hash slots of a Redis Cluster. */
export const SLOTS = 16_384;

/**
 * The hash slot of a key or shard channel, as Redis computes it: CRC16 (XMODEM) of its bytes, or of the part
 * between the first `{` and the next `}` when that part is not empty (a hash tag), modulo 16384. Linear in the
 * name's length.
 * @example keySlot('{orders}.created') === keySlot('orders') // 3 masters: on one of them
 */
export function keySlot(name: string): number {
  const bytes = Buffer.from(name, 'utf8');
  const open = bytes.indexOf(0x7b);
  const close = open === -1 ? -1 : bytes.indexOf(0x7d, open + 1);
  const hashed = close > open + 1 ? bytes.subarray(open + 1, close) : bytes;
  return crc16(hashed) % SLOTS;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
