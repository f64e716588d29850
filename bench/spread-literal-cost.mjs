// Why the hot path writes its object literals out (bench/README.md, finding 7): on Node 20 (V8 11.3) an
// object literal that starts with a spread and goes on (`{ ...base, kind }`) builds a new hidden class every
// time it runs, which costs microseconds and leaves every later read of the object with a cache miss.
//   node bench/spread-literal-cost.mjs          (ROUNDS=5: child processes per shape, alternating)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const sameMap = (() => {
  try {
    return new Function('a', 'b', 'return %HaveSameMap(a, b)');
  } catch {
    return () => 'run with --allow-natives-syntax';
  }
})();

const input = () => ({ modelId: 'm', messages: [], system: [], inferenceConfig: { maxTokens: 64 } });
const SIGNAL = Symbol('signal');

/** The shapes of the chat path before and after the change. */
const SHAPES = {
  'spread first, then members: { ...base, kind, send }': () => {
    const base = { model: 'm', modes: [], translate: () => 0 };
    return { ...base, kind: 'unary', send: () => 1 };
  },
  'written out: { kind, model, modes, translate, send }': () => ({
    kind: 'unary',
    model: 'm',
    modes: [],
    translate: () => 0,
    send: () => 1,
  }),
  'spread copy, then a symbol: { ...input, [signal]: s }': () => ({ ...input(), [SIGNAL]: 1 }),
  'Object.assign({}, input), then the symbol set': () => {
    const copy = Object.assign({}, input());
    copy[SIGNAL] = 1;
    return copy;
  },
};

// Each shape runs in a child process of its own (a shape that makes hidden classes fills the heap and
// would slow the others' blocks with its garbage collections); the children alternate, medians reported.
const shape = process.argv[2];
if (shape !== undefined) {
  const make = Object.values(SHAPES)[Number(shape)];
  let sink;
  for (let index = 0; index < 50_000; index++) sink = make(); // warm-up: optimised code
  const started = process.hrtime.bigint();
  for (let index = 0; index < 200_000; index++) sink = make();
  const perObject = Number(process.hrtime.bigint() - started) / 200_000;
  process.stdout.write(JSON.stringify({ perObject, shared: sameMap(make(), make()), sink: typeof sink }));
} else {
  const rounds = Number(process.env.ROUNDS ?? 5);
  const results = Object.keys(SHAPES).map(() => []);
  let shared = [];
  for (let round = 0; round < rounds; round++) {
    shared = Object.keys(SHAPES).map((_, index) => {
      const child = spawnSync(
        process.execPath,
        ['--allow-natives-syntax', fileURLToPath(import.meta.url), String(index)],
        {
          encoding: 'utf8',
        },
      );
      const measured = JSON.parse(child.stdout);
      results[index].push(measured.perObject);
      return measured.shared;
    });
  }
  Object.keys(SHAPES).forEach((name, index) => {
    const sorted = results[index].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `${median.toFixed(0).padStart(6)} ns per object  shared hidden class: ${shared[index]}  ${name}`,
    );
  });
}
