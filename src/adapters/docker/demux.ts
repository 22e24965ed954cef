// Docker's multiplexed stream (container and task logs, exec output without a TTY): each frame is
// [stream (1 stdout, 2 stderr), 0, 0, 0, size (4 bytes, big-endian)] + payload.

/**
 * The payloads of a multiplexed stream, in order (`only`: those of stdout, 1, or stderr, 2); a stream that is
 * not framed (a TTY's) as it is.
 */
export function demux(buf: Buffer, only?: 1 | 2): string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length && (buf[i] === 1 || buf[i] === 2) && buf[i + 1] === 0) {
    const size = buf.readUInt32BE(i + 4);
    if (only === undefined || buf[i] === only) parts.push(buf.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  // joined as bytes: a character split over two frames stays whole
  return i === 0 ? buf.toString('utf8') : Buffer.concat(parts).toString('utf8');
}
