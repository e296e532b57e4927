// Checks the memory layout that the release build's wasm-opt option
// `--low-memory-unused` relies on (index.html): no data segment starts in the
// low 1 KiB of memory, and the stack pointer starts high enough that only a
// stack deeper than STACK_MIN_KIB reaches it (rustc puts the stack first: it
// starts at 1 MiB and grows down, with data and heap above). Reads the built
// wasm in dist/ (or the file given as the argument); prints what it found;
// exits 1 when the layout does not hold.
import { readdirSync, readFileSync } from 'node:fs';

const LOW_BYTES = 1024;
const STACK_MIN_KIB = 512;
const dist = new URL('../dist/', import.meta.url);
const name = process.argv[2] ?? readdirSync(dist).find((f) => f.endsWith('_bg.wasm'));
if (!name) {
  console.error('wasm-layout: no *_bg.wasm in dist/; run scripts/build.sh first');
  process.exit(2);
}
const bytes = readFileSync(process.argv[2] ?? new URL(name, dist));

/** Reads a LEB128 number at `at`: [value, next offset]. */
function leb(at, signed = false) {
  let value = 0n;
  let shift = 0n;
  let byte;
  do {
    byte = bytes[at++];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  if (signed && byte & 0x40) value -= 1n << shift;
  return [Number(value), at];
}

/** A constant init expression (`i32.const N end`): [N or null, next offset]. */
function constExpr(at) {
  const op = bytes[at];
  const [value, next] = leb(at + 1, true);
  let end = next;
  while (bytes[end] !== 0x0b) end++;
  return [op === 0x41 ? value : null, end + 1];
}

let stackStart = null;
const dataStarts = [];
for (let at = 8; at < bytes.length; ) {
  const id = bytes[at];
  const [size, body] = leb(at + 1);
  at = body + size;
  if (id === 6) {
    // Globals: the first mutable i32 is the stack pointer.
    let [count, p] = leb(body);
    for (; count > 0; count--) {
      const [type, mutable] = [bytes[p], bytes[p + 1]];
      const [value, next] = constExpr(p + 2);
      if (stackStart === null && type === 0x7f && mutable === 1) stackStart = value;
      p = next;
    }
  } else if (id === 11) {
    let [count, p] = leb(body);
    for (; count > 0; count--) {
      const [flags, q] = leb(p);
      p = q;
      if (flags === 0 || flags === 2) {
        if (flags === 2) p = leb(p)[1];
        const [offset, next] = constExpr(p);
        dataStarts.push(offset);
        p = next;
      }
      const [length, r] = leb(p);
      p = r + length;
    }
  }
}

const lowestData = Math.min(...dataStarts);
const problems = [];
if (stackStart === null) problems.push('no mutable i32 global (the stack pointer) with a constant start');
else if (stackStart < LOW_BYTES + STACK_MIN_KIB * 1024) problems.push(`the stack starts at ${stackStart}, under ${LOW_BYTES + STACK_MIN_KIB * 1024}`);
if (dataStarts.length === 0 || dataStarts.includes(null)) problems.push('a data segment without a constant offset');
else if (lowestData < LOW_BYTES) problems.push(`a data segment starts at ${lowestData}, in the low ${LOW_BYTES} bytes`);
console.log(`${name}: stack pointer starts at ${stackStart}; ${dataStarts.length} data segments, the lowest at ${lowestData}`);
for (const p of problems) console.error(`wasm-layout: ${p}`);
process.exit(problems.length ? 1 : 0);
