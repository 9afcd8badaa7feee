// Docker multiplexes a non-TTY container's stdout and stderr into frames:
// 8 bytes of header (stream type, 3 zero bytes, big-endian payload length)
// then the payload. Kubernetes logs interleave both streams, so the frames'
// payloads are passed on in order and the headers dropped.

const HEADER = 8;

export async function* demuxDockerLog(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let pending = Buffer.alloc(0);
  for await (const chunk of source) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, Buffer.from(chunk)]);
    let offset = 0;
    const out: Buffer[] = [];
    while (pending.length - offset >= HEADER) {
      const size = pending.readUInt32BE(offset + 4);
      if (pending.length - offset < HEADER + size) break;
      out.push(pending.subarray(offset + HEADER, offset + HEADER + size));
      offset += HEADER + size;
    }
    pending = pending.subarray(offset);
    if (out.length > 0) yield Buffer.concat(out);
  }
}

/** A TTY container's log is raw bytes. */
export async function* rawLog(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  for await (const chunk of source) yield Buffer.from(chunk);
}
