// Builds libs/bedrock/src/pricing/bedrock-prices.json, the gateway's own Bedrock price and
// capability table, from the public price map (facts from LiteLLM's model_prices_and_context_window,
// MIT) kept in the repository at scripts/data/bedrock-model-prices.json (see scripts/data/README.md).
// The output is committed too, and libs/bedrock/src/pricing/price-table.spec.ts checks that this
// script rebuilds it unchanged from that source.
//
//   node scripts/build-price-table.mjs [input.json] [output.json]
//
// Kept per entry: per-token input/output/cache-read/cache-write prices, batch prices, the >200k-token
// tier, per-image and per-query prices, mode, capability flags and token limits. Dropped:
// provisioned-throughput commitments (`…/1-month-commitment/…`, billed per hour by AWS, not per
// token), route-specific duplicates (`bedrock/invoke/…`), per-second/audio/video prices.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputPath = resolve(process.argv[2] ?? resolve(root, 'scripts/data/bedrock-model-prices.json'));
const outputPath = resolve(process.argv[3] ?? resolve(root, 'libs/bedrock/src/pricing/bedrock-prices.json'));

const REGION = /^(\*|[a-z]{2}(-gov)?-[a-z]+-\d)$/;
const FLAGS = [
  'function_calling',
  'tool_choice',
  'vision',
  'pdf_input',
  'reasoning',
  'response_schema',
  'prompt_caching',
];
const IMAGE_VARIANT_PREFIX = 'output_cost_per_image_';

const source = JSON.parse(readFileSync(inputPath, 'utf8'));
const models = {};

for (const [rawKey, entry] of Object.entries(source)) {
  const key = normaliseKey(rawKey, source);
  // A repaired key never replaces an entry that was spelled right in the source.
  if (key === undefined || (key !== rawKey && key in source)) continue;
  models[key] = compact(entry);
}

const sorted = Object.fromEntries(
  Object.keys(models)
    .sort()
    .map((key) => [key, models[key]]),
);
const table = {
  source: 'LiteLLM model_prices_and_context_window (MIT), Bedrock entries; see scripts/build-price-table.mjs',
  models: sorted,
};
// Formatted as the repository's prettier config wants it, so `npm run lint` stays clean.
const options = { ...(await prettier.resolveConfig(outputPath)), parser: 'json' };
writeFileSync(outputPath, await prettier.format(JSON.stringify(table), options));
console.log(`wrote ${Object.keys(sorted).length} entries to ${outputPath}`);

/** The key the gateway looks prices up by, or undefined to drop the entry. */
function normaliseKey(key, all) {
  // `…@20251001` is Vertex AI's id style, never sent to Bedrock.
  if (key.includes('-commitment/') || key.includes('@')) return undefined;
  if (!key.startsWith('bedrock/')) return withProvider(key);
  const rest = key.slice('bedrock/'.length);
  const [first] = rest.split('/');
  if (first === 'invoke' || first === 'converse') return undefined;
  if (REGION.test(first) && rest.includes('/')) {
    return first === '*' ? undefined : `bedrock/${first}/${withProvider(rest.slice(first.length + 1))}`;
  }
  // `bedrock/<id>` duplicates `<id>` where both exist; otherwise it is the only entry for <id>.
  return rest in all ? undefined : withProvider(rest);
}

/** A few source keys lost their provider (`claude-sonnet-4-5-…`); Bedrock ids always carry it. */
function withProvider(modelId) {
  return modelId.startsWith('claude-') ? `anthropic.${modelId}` : modelId;
}

function compact(entry) {
  const out = { mode: entry.mode };
  copy(out, 'input', entry.input_cost_per_token);
  copy(out, 'output', entry.output_cost_per_token);
  copy(out, 'cacheRead', entry.cache_read_input_token_cost);
  copy(out, 'cacheWrite', entry.cache_creation_input_token_cost);
  copy(out, 'inputBatch', entry.input_cost_per_token_batches);
  copy(out, 'outputBatch', entry.output_cost_per_token_batches);
  if (typeof entry.input_cost_per_token_above_200k_tokens === 'number') {
    const tier = {};
    copy(tier, 'input', entry.input_cost_per_token_above_200k_tokens);
    copy(tier, 'output', entry.output_cost_per_token_above_200k_tokens);
    copy(tier, 'cacheRead', entry.cache_read_input_token_cost_above_200k_tokens);
    copy(tier, 'cacheWrite', entry.cache_creation_input_token_cost_above_200k_tokens);
    out.above200k = tier;
  }
  // Service tiers (LiteLLM's suffixed keys); tiers without prices are scaled at run time (service-tier.ts).
  for (const [suffix, field] of [
    ['flex', 'flex'],
    ['priority', 'priority'],
    ['latency_optimized', 'latencyOptimized'],
  ]) {
    if (typeof entry[`input_cost_per_token_${suffix}`] !== 'number') continue;
    const tier = {};
    copy(tier, 'input', entry[`input_cost_per_token_${suffix}`]);
    copy(tier, 'output', entry[`output_cost_per_token_${suffix}`]);
    copy(tier, 'cacheRead', entry[`cache_read_input_token_cost_${suffix}`]);
    out[field] = tier;
  }
  copy(out, 'image', entry.output_cost_per_image);
  const variants = {};
  for (const [field, value] of Object.entries(entry)) {
    if (field.startsWith(IMAGE_VARIANT_PREFIX) && typeof value === 'number') {
      variants[field.slice(IMAGE_VARIANT_PREFIX.length)] = value;
    }
  }
  if (Object.keys(variants).length > 0) out.imageVariants = variants;
  copy(out, 'inputImage', entry.input_cost_per_image);
  copy(out, 'query', entry.input_cost_per_query);
  copy(out, 'maxInput', entry.max_input_tokens);
  copy(out, 'maxOutput', entry.max_output_tokens ?? entry.max_tokens);
  const supports = FLAGS.filter((flag) => entry[`supports_${flag}`] === true);
  if (supports.length > 0) out.supports = supports;
  return out;
}

function copy(target, field, value) {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) target[field] = value;
}
