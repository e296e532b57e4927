// Checks the memory layout that the release build's wasm-opt option
// `--low-memory-unused` relies on (index.html): no data segment starts in the
// low 1 KiB of memory, and the stack pointer starts high enough that only a
// stack deeper than STACK_MIN_KIB could come near it (rustc puts the stack
// first: today it starts at 1 MiB and grows down, with data and heap above).
// Reads the linker's output, whose name section names `__stack_pointer`
// (target/wasm32-unknown-unknown/release/, or the file given as the first
// argument), and the data segments of the optimised wasm in dist/ too.
// Prints what it found; exits 1 when the layout does not hold.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const LOW_BYTES = 1024;
const STACK_MIN_KIB = 512;
const linked = process.argv[2]
  ?? new URL('../target/wasm32-unknown-unknown/release/ketamine-dosing-reference.wasm', import.meta.url).pathname;
const dist = new URL('../dist/', import.meta.url);
const shipped = process.argv[2] ? null : readdirSync(dist).find((f) => f.endsWith('_bg.wasm'));
if (!existsSync(linked) || (!process.argv[2] && !shipped)) {
  console.error('wasm-layout: no wasm to read; run scripts/build.sh first');
  process.exit(2);
}

/** The parts of a wasm binary this check needs. */
function read(bytes) {
  const fail = () => { throw new Error('the wasm file ends inside a section'); };
  const byte = (at) => (at < bytes.length ? bytes[at] : fail());
  /** LEB128 at `at`: [value, next offset]; unsigned unless `signed`. */
  const leb = (at, signed = false) => {
    let value = 0n;
    let shift = 0n;
    let b;
    do {
      b = byte(at++);
      value |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (signed && b & 0x40) value -= 1n << shift;
    return [Number(value), at];
  };
  /** A constant init expression: [its i32 (as unsigned) or null, next offset]. */
  const constExpr = (at) => {
    const op = byte(at);
    const [value, next] = leb(at + 1, true);
    let end = next;
    while (byte(end) !== 0x0b) end++;
    return [op === 0x41 ? value >>> 0 : null, end + 1];
  };
  const globals = [];
  const dataStarts = [];
  const globalNames = new Map();
  for (let at = 8; at < bytes.length;) {
    const id = byte(at);
    const [size, body] = leb(at + 1);
    at = body + size;
    if (id === 6) {
      let [count, p] = leb(body);
      for (; count > 0; count--) {
        // Value type (i32 = 0x7f; reference types with a heap type are not used here), mutability.
        const [type, mutable] = [byte(p), byte(p + 1)];
        const [value, next] = constExpr(p + 2);
        globals.push({ type, mutable, value });
        p = next;
      }
    } else if (id === 11) {
      let [count, p] = leb(body);
      for (; count > 0; count--) {
        const [flags, q] = leb(p);
        p = q;
        if (flags !== 1) {
          if (flags === 2) p = leb(p)[1];
          const [offset, next] = constExpr(p);
          dataStarts.push(offset);
          p = next;
        }
        const [length, r] = leb(p);
        p = r + length;
      }
    } else if (id === 0) {
      const [nameLength, nameAt] = leb(body);
      if (new TextDecoder().decode(bytes.subarray(nameAt, nameAt + nameLength)) === 'name') {
        for (let p = nameAt + nameLength; p < at;) {
          const kind = byte(p);
          const [length, q] = leb(p + 1);
          if (kind === 7) {
            let [count, r] = leb(q);
            for (; count > 0; count--) {
              const [index, s] = leb(r);
              const [n, t] = leb(s);
              globalNames.set(new TextDecoder().decode(bytes.subarray(t, t + n)), index);
              r = t + n;
            }
          }
          p = q + length;
        }
      }
    }
  }
  return { globals, dataStarts, globalNames };
}

const problems = [];
const checkData = (label, dataStarts) => {
  if (dataStarts.includes(null)) problems.push(`${label}: a data segment without a constant offset`);
  const low = dataStarts.filter((o) => o !== null && o < LOW_BYTES);
  if (low.length) problems.push(`${label}: a data segment starts at ${low[0]}, in the low ${LOW_BYTES} bytes`);
  return dataStarts.length ? Math.min(...dataStarts.filter((o) => o !== null)) : 'none';
};

/** The file's bytes, or a clear stop if it is not a wasm binary. */
function wasmBytes(path) {
  const bytes = readFileSync(path);
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x0061736d) {
    console.error(`wasm-layout: ${path} is not a wasm binary (it does not start with "\\0asm")`);
    process.exit(2);
  }
  return bytes;
}

const linkedWasm = read(wasmBytes(linked));
const index = linkedWasm.globalNames.get('__stack_pointer');
const stack = index === undefined ? undefined : linkedWasm.globals[index];
const stackStart = stack?.value ?? null;
if (stack === undefined) problems.push('no global named __stack_pointer in the name section');
else if (stack.type !== 0x7f || stack.mutable !== 1 || stackStart === null) problems.push('__stack_pointer is not a mutable i32 with a constant start');
else if (stackStart < LOW_BYTES + STACK_MIN_KIB * 1024) problems.push(`the stack starts at ${stackStart}, under ${LOW_BYTES + STACK_MIN_KIB * 1024}`);
const lowest = checkData('linked', linkedWasm.dataStarts);
console.log(`${linked.split('/').pop()}: __stack_pointer starts at ${stackStart}; ${linkedWasm.dataStarts.length} data segments, the lowest at ${lowest}`);
if (shipped) {
  const shippedWasm = read(wasmBytes(new URL(shipped, dist).pathname));
  const lowestShipped = checkData('shipped', shippedWasm.dataStarts);
  console.log(`${shipped}: ${shippedWasm.dataStarts.length} data segments, the lowest at ${lowestShipped}`);
}
for (const p of problems) console.error(`wasm-layout: ${p}`);
process.exit(problems.length ? 1 : 0);
