import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resolveEndpointDiscoveryConfig as sdkResolve } from '@aws-sdk/middleware-endpoint-discovery';
import { describe, expect, it } from 'vitest';
import { resolveEndpointDiscoveryConfig } from '../../infra/bundle-substitutes/endpoint-discovery.js';

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
