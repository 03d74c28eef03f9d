import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resolveEndpointDiscoveryConfig as sdkResolve } from '@aws-sdk/middleware-endpoint-discovery';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { resolveEndpointDiscoveryConfig } from '../../infra/bundle-substitutes/endpoint-discovery.js';
import GraphemeSplitter from '../../infra/bundle-substitutes/grapheme-splitter.js';

class DescribeEndpoints {}

describe("the bundles' stand-in for the SDK's endpoint discovery", () => {
  it('resolves the settings as the SDK does, without the endpoint cache', async () => {
    for (const input of [{ endpointDiscoveryEnabled: true }, { endpointDiscoveryEnabledProvider: async () => false }, {}]) {
      const ours = resolveEndpointDiscoveryConfig({ ...input }, { endpointDiscoveryCommandCtor: DescribeEndpoints });
      const { endpointCache, ...sdk } = sdkResolve({ ...input } as Parameters<typeof sdkResolve>[0], {
        endpointDiscoveryCommandCtor: DescribeEndpoints as never,
      });
      expect(endpointCache).toBeDefined();
      expect(Object.keys(ours).sort()).toEqual(Object.keys(sdk).sort());
      expect(ours.endpointDiscoveryCommandCtor).toBe(DescribeEndpoints);
      expect(ours.isClientEndpointDiscoveryEnabled).toBe(sdk.isClientEndpointDiscoveryEnabled);
      expect(await ours.endpointDiscoveryEnabled?.()).toBe(await sdk.endpointDiscoveryEnabled?.());
    }
  });

  it('stands in only while no DynamoDB command of the installed SDK discovers endpoints', () => {
    const require = createRequire(import.meta.url);
    const commands = join(dirname(require.resolve('@aws-sdk/client-dynamodb/package.json')), 'dist-es', 'commands');
    const discovering = readdirSync(commands).filter((file) => readFileSync(join(commands, file), 'utf8').includes('EndpointDiscovery'));
    expect(discovering).toEqual([]);
  });
});

describe("the bundles' stand-in for grapheme-splitter", () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const graphemes = (text: string) => Array.from(segmenter.segment(text), (part) => part.segment);
  const complex = ['\r', '\u0301', '\u200D', '\uFE0F', '👍', '🇹🇿', '각', '\u1100\u1161', '\u302A', '\uFF9E', '\u0915\u094D\u0937'];

  it('splits any text into the user-perceived characters Intl.Segmenter finds', () => {
    // Every character of the Basic Multilingual Plane, often those of the replies' scripts (which the
    // stand-in splits alone when a text has no other), and sequences that join into one.
    const ranges = [
      [0x0a, 0x0a],
      [0x20, 0x24f],
      [0x2000, 0x20cf],
      [0x3000, 0x303f],
      [0x4e00, 0x9fff],
      [0xff00, 0xffef],
    ];
    const characters = fc.oneof(
      ...ranges.map(([min, max]) => ({
        arbitrary: fc.integer({ min: min!, max: max! }).map((code) => String.fromCharCode(code)),
        weight: 4,
      })),
      fc.integer({ min: 0, max: 0xd7ff }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0xe000, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom(...complex),
    );
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(new GraphemeSplitter().splitGraphemes(text)).toEqual(graphemes(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('builds no segmenter for the replies of every language, only for a text that needs one', async () => {
    const intl = Intl as { Segmenter: typeof Intl.Segmenter };
    const Segmenter = intl.Segmenter;
    let built = 0;
    intl.Segmenter = class extends Segmenter {
      constructor(...args: ConstructorParameters<typeof Segmenter>) {
        super(...args);
        built += 1;
      }
    };
    try {
      vi.resetModules();
      const { default: Splitter } = await import('../../infra/bundle-substitutes/grapheme-splitter.js');
      const reply = 'Order 7KQ2MX: 2 x Rice 5kg, TZS 33,000.\nCommande passée – « riz » 订单7KQ2MX已下单。Imepokelewa! maize ↑5% 玉米≥900';
      expect(new Splitter().splitGraphemes(reply)).toEqual(graphemes(reply));
      expect(built).toBe(0);
      expect(new Splitter().splitGraphemes('Asante 👍🏽')).toEqual(['A', 's', 'a', 'n', 't', 'e', ' ', '👍🏽']);
      expect(built).toBe(1);
    } finally {
      intl.Segmenter = Segmenter;
    }
  });
});
