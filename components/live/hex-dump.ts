/** Bytes a hex view shows at most. */
export const HEX_VIEW_LIMIT = 64 * 1024;

const BYTES_PER_LINE = 16;

/** A hex view: lines of offset, sixteen bytes in hex and their printable ASCII, with how much was shown. */
export interface HexDump {
  lines: string[];
  shown: number;
  total: number;
}

/**
 * Formats bytes as `00000000  48 65 6c 6c 6f 00 ff …  |Hello..|`, one line per 16 bytes, the first `limit` bytes.
 * @example hexDump(new Uint8Array([0x48, 0x69])).lines // ['00000000  48 69 …  |Hi|']
 */
export function hexDump(bytes: Uint8Array, limit = HEX_VIEW_LIMIT): HexDump {
  const shown = Math.min(bytes.length, limit);
  const lines: string[] = [];
  for (let offset = 0; offset < shown; offset += BYTES_PER_LINE) {
    const end = Math.min(offset + BYTES_PER_LINE, shown);
    let hex = '';
    let ascii = '';
    for (let i = offset; i < offset + BYTES_PER_LINE; i++) {
      if (i === offset + 8) hex += ' ';
      if (i >= end) {
        hex += '   ';
        continue;
      }
      const byte = bytes[i]!;
      hex += `${byte.toString(16).padStart(2, '0')} `;
      ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return { lines, shown, total: bytes.length };
}

/** The bytes of a base64 text, at most `limit` of them decoded; empty when it is not base64. */
export function base64Bytes(text: string, limit = HEX_VIEW_LIMIT): Uint8Array {
  // Four base64 characters make three bytes: decode no more than the limit needs.
  const needed = Math.ceil(limit / 3) * 4;
  let binary: string;
  try {
    binary = atob(text.length > needed ? text.slice(0, needed) : text);
  } catch {
    return new Uint8Array(0);
  }
  const bytes = new Uint8Array(Math.min(binary.length, limit));
  for (let i = 0; i < bytes.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
