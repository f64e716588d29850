import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { priceFor, priceTableEntry, priceTableEntryForBaseModel } from './price-table';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('priceFor', () => {
  it('prices a base model id from the table', () => {
    expect(priceFor(HAIKU)).toEqual({
      key: HAIKU,
      inputPerToken: 2.5e-7,
      outputPerToken: 1.25e-6,
      cacheReadPerToken: 2.5e-8,
      cacheWritePerToken: 3.125e-7,
    });
  });

  it('prices a cross-region profile at its own (higher) price, not the base price', () => {
    const profile = priceFor(`us.${SONNET_45}`);
    const base = priceFor(SONNET_45);
    expect(profile?.key).toBe(`us.${SONNET_45}`);
    expect(profile?.inputPerToken).toBe(3.3e-6);
    expect(base?.inputPerToken).toBe(3e-6);
  });

  it('falls back to the base price for a profile the table does not list', () => {
    const price = priceFor('eu.meta.llama3-1-8b-instruct-v1:0');
    expect(price?.key).toBe('meta.llama3-1-8b-instruct-v1:0');
  });

  it('prefers the region-specific price of the region called', () => {
    expect(priceFor('meta.llama3-8b-instruct-v1:0', 'ap-south-1')?.key).toBe(
      'bedrock/ap-south-1/meta.llama3-8b-instruct-v1:0',
    );
    expect(priceFor(HAIKU, 'us-gov-west-1')?.key).toBe(`bedrock/us-gov-west-1/${HAIKU}`);
    expect(priceFor(HAIKU, 'us-gov-west-1')?.inputPerToken).not.toBe(priceFor(HAIKU)?.inputPerToken);
    // A region without its own price uses the generic one.
    expect(priceFor(HAIKU, 'eu-west-3')?.key).toBe(HAIKU);
  });

  it('uses the exact profile price before a region-specific base price', () => {
    expect(priceFor(`us.${HAIKU}`, 'us-gov-west-1')?.key).toBe(`us.${HAIKU}`);
  });

  it('returns undefined for a model it does not know', () => {
    expect(priceFor('acme.unknown-model-v1:0')).toBeUndefined();
    expect(
      priceFor('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc'),
    ).toBeUndefined();
  });

  it('fills missing cache prices by family: Anthropic 0.1×/1.25×, Nova 0.25×/1×', () => {
    const claudeV2 = priceFor('anthropic.claude-v2:1');
    expect(claudeV2?.cacheReadPerToken).toBeCloseTo(8e-7, 15);
    expect(claudeV2?.cacheWritePerToken).toBeCloseTo(1e-5, 15);
    const novaPro = priceFor('amazon.nova-pro-v1:0');
    expect(novaPro?.cacheReadPerToken).toBeCloseTo(2e-7, 15);
    expect(novaPro?.cacheWritePerToken).toBe(8e-7);
    // Listed prices win over the fallback.
    expect(priceFor('amazon.nova-2-lite-v1:0')?.cacheReadPerToken).toBe(7.5e-8);
  });

  it('carries batch, image and rerank prices', () => {
    expect(priceFor('meta.llama4-scout-17b-instruct-v1:0')).toMatchObject({
      batchInputPerToken: 8.5e-8,
      batchOutputPerToken: 3.3e-7,
    });
    expect(priceFor('amazon.titan-image-generator-v2:0')).toMatchObject({
      perImage: 0.008,
      perImageVariants: {
        premium_image: 0.01,
        above_1024_and_1024_pixels: 0.01,
        above_1024_and_1024_pixels_and_premium_image: 0.012,
      },
    });
    expect(priceFor('1024-x-1024/50-steps/stability.stable-diffusion-xl-v1')?.perImage).toBe(0.04);
    expect(priceFor('cohere.rerank-v3-5:0')?.perQuery).toBe(0.002);
  });
});

describe('the committed price table', () => {
  const repositoryRoot = resolve(__dirname, '../../../..');
  const sourcePath = resolve(repositoryRoot, 'scripts/data/bedrock-model-prices.json');
  const tablePath = resolve(__dirname, 'bedrock-prices.json');

  it('is what scripts/build-price-table.mjs builds from the price source in the repository', () => {
    const outputPath = join(mkdtempSync(join(tmpdir(), 'quarry-prices-')), 'bedrock-prices.json');
    const build = spawnSync(
      process.execPath,
      [resolve(repositoryRoot, 'scripts/build-price-table.mjs'), sourcePath, outputPath],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
    expect({ status: build.status, stderr: build.stderr }).toEqual({ status: 0, stderr: '' });
    // Compared as data: prettier lays the temporary copy out without the repository's settings.
    expect(JSON.parse(readFileSync(outputPath, 'utf8'))).toEqual(JSON.parse(readFileSync(tablePath, 'utf8')));
  });

  it('carries every priced base model of the source data at the source price', () => {
    const source: Record<string, { input_cost_per_token?: number }> = JSON.parse(
      readFileSync(sourcePath, 'utf8'),
    );
    const baseModels = Object.entries(source).filter(
      ([key]) => !key.startsWith('bedrock/') && !key.includes('@') && !key.startsWith('claude-'),
    );
    expect(baseModels.length).toBeGreaterThan(100);
    for (const [key, entry] of baseModels) {
      expect({ key, input: priceTableEntry(key)?.input }).toEqual({ key, input: entry.input_cost_per_token });
    }
  });

  it('describes a model listed only as a cross-region profile by its base id', () => {
    expect(priceTableEntryForBaseModel('amazon.nova-premier-v1:0')?.mode).toBe('chat');
    expect(priceTableEntryForBaseModel('deepseek.r1-v1:0')?.supports).toContain('reasoning');
  });
});
