/**
 * Reads a body stream to its end, or cancels it and throws `tooLarge(bytes read)` as soon as it passes `limit` bytes,
 * so neither an upload nor an answer is buffered without bound. A missing body reads as empty.
 * @example const bytes = await readBoundedStream(request.body, 4096, (bytes) => new PayloadTooLargeError(`${bytes} bytes`));
 */
export async function readBoundedStream(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
  tooLarge: (bytes: number) => Error,
): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(total);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
