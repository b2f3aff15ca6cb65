/**
 * The protocol buffers wire format, as much as OTLP needs (pure): varints, fixed64, doubles and
 * length-delimited fields (strings, bytes, embedded messages). A message is built as a list of
 * fields and serialized at once; an embedded message is serialized before its parent writes its
 * length. https://protobuf.dev/programming-guides/encoding/
 */

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;

const utf8 = new TextEncoder();

/** An unsigned varint (bigint for 64-bit values). */
function varint(out: number[], value: number | bigint): void {
  let v = BigInt.asUintN(64, BigInt(value));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

function tag(out: number[], field: number, wire: number): void {
  varint(out, (field << 3) | wire);
}

/** A message under construction. Scalar fields equal to their default are written only when asked. */
export class ProtoWriter {
  private readonly bytes: number[] = [];

  /** uint32, int64, enum (negative values as 64-bit two's complement, as int64 wants). */
  varint(field: number, value: number | bigint, always = false): this {
    if (!always && BigInt(value) === 0n) return this;
    tag(this.bytes, field, WIRE_VARINT);
    varint(this.bytes, value);
    return this;
  }

  bool(field: number, value: boolean, always = false): this {
    if (!always && !value) return this;
    return this.varint(field, value ? 1 : 0, true);
  }

  /** fixed64 and sfixed64: 8 bytes, little-endian. */
  fixed64(field: number, value: bigint, always = false): this {
    if (!always && value === 0n) return this;
    tag(this.bytes, field, WIRE_I64);
    const b = new DataView(new ArrayBuffer(8));
    b.setBigUint64(0, BigInt.asUintN(64, value), true);
    for (let i = 0; i < 8; i++) this.bytes.push(b.getUint8(i));
    return this;
  }

  double(field: number, value: number, always = false): this {
    if (!always && value === 0 && !Object.is(value, -0)) return this;
    tag(this.bytes, field, WIRE_I64);
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.bytes.push(b.getUint8(i));
    return this;
  }

  bytesField(field: number, value: Uint8Array, always = false): this {
    if (!always && value.length === 0) return this;
    tag(this.bytes, field, WIRE_LEN);
    varint(this.bytes, value.length);
    for (const byte of value) this.bytes.push(byte);
    return this;
  }

  string(field: number, value: string, always = false): this {
    return this.bytesField(field, utf8.encode(value), always);
  }

  /** An embedded message, written even when empty (its presence can matter). */
  message(field: number, value: ProtoWriter): this {
    return this.bytesField(field, value.finish(), true);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** Lowercase hex -> bytes (trace and span ids). */
export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
