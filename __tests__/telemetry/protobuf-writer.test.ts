import { createRequire } from 'node:module';
import { ProtoWriter, hexBytes } from '../../src/telemetry/protobuf-writer.js';

// protobufjs (the OpenTelemetry definitions' runtime) as the oracle of the wire format.
const { Writer } = createRequire(import.meta.url)('protobufjs/minimal');
const oracle = () => Writer.create();
const bytes = (u: Uint8Array) => Buffer.from(u).toString('hex');

describe('ProtoWriter against protobufjs', () => {
  test.each([0, 1, 127, 128, 300, 2 ** 31, 2 ** 53 - 1])('varint %d', (n) => {
    const mine = new ProtoWriter().varint(3, n, true).finish();
    expect(bytes(mine)).toBe(
      bytes(
        oracle()
          .uint32((3 << 3) | 0)
          .uint64(n)
          .finish()
      )
    );
  });

  test.each([-1, -300, -(2 ** 40)])('negative int64 %d: ten bytes of two’s complement', (n) => {
    const mine = new ProtoWriter().varint(3, n, true).finish();
    expect(bytes(mine)).toBe(
      bytes(
        oracle()
          .uint32((3 << 3) | 0)
          .int64(n)
          .finish()
      )
    );
    expect(mine.length).toBe(11);
  });

  test.each([0n, 1n, 1_700_000_000_123_456_789n, 2n ** 64n - 1n])('fixed64 %s', (n) => {
    const mine = new ProtoWriter().fixed64(7, n, true).finish();
    expect(bytes(mine)).toBe(
      bytes(
        oracle()
          .uint32((7 << 3) | 1)
          .fixed64(n.toString())
          .finish()
      )
    );
  });

  test('sfixed64 of a negative value', () => {
    const mine = new ProtoWriter().fixed64(6, -5n, true).finish();
    expect(bytes(mine)).toBe(
      bytes(
        oracle()
          .uint32((6 << 3) | 1)
          .sfixed64(-5)
          .finish()
      )
    );
  });

  test.each([1.5, -0.25, 1e300])('double %d', (d) => {
    const mine = new ProtoWriter().double(4, d).finish();
    expect(bytes(mine)).toBe(
      bytes(
        oracle()
          .uint32((4 << 3) | 1)
          .double(d)
          .finish()
      )
    );
  });

  test.each(['', 'go1.22.12', 'ünïcødé ✓', 'x'.repeat(200)])('string %p', (s) => {
    const mine = new ProtoWriter().string(1, s, true).finish();
    expect(bytes(mine)).toBe(
      bytes(
        oracle()
          .uint32((1 << 3) | 2)
          .string(s)
          .finish()
      )
    );
  });

  test('an embedded message: its length, then its bytes', () => {
    const inner = new ProtoWriter().string(1, 'k').bool(2, true);
    const mine = new ProtoWriter().message(9, inner).finish();
    const o = oracle()
      .uint32((9 << 3) | 2)
      .fork()
      .uint32((1 << 3) | 2)
      .string('k')
      .uint32((2 << 3) | 0)
      .bool(true)
      .ldelim();
    expect(bytes(mine)).toBe(bytes(o.finish()));
  });

  test('defaults are left out unless asked for', () => {
    const w = new ProtoWriter()
      .varint(1, 0)
      .bool(2, false)
      .fixed64(3, 0n)
      .double(4, 0)
      .string(5, '')
      .bytesField(6, new Uint8Array());
    expect(w.finish()).toHaveLength(0);
    expect(new ProtoWriter().varint(1, 0, true).bool(2, false, true).finish()).toHaveLength(4);
    expect(new ProtoWriter().message(1, new ProtoWriter()).finish()).toEqual(Uint8Array.from([0x0a, 0x00]));
  });

  test('hexBytes', () => {
    expect([...hexBytes('00ff10')]).toEqual([0, 255, 16]);
  });
});
