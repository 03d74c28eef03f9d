// Stands in for @aws-sdk/middleware-endpoint-discovery in the bundles (infra/function-bundling.ts).
// The DynamoDB client resolves endpoint-discovery settings when it is made, and the real module
// builds an endpoint cache for them then (@aws-sdk/endpoint-cache, over mnemonist's LRU cache); but
// no DynamoDB command of this SDK discovers endpoints, so nothing ever reads the cache or the setting.

/** The client's settings with the discovery command, as the SDK resolves them, without a cache. */
export function resolveEndpointDiscoveryConfig<Input extends object>(
  input: Input & { endpointDiscoveryEnabled?: boolean; endpointDiscoveryEnabledProvider?: () => Promise<boolean | undefined> },
  { endpointDiscoveryCommandCtor }: { endpointDiscoveryCommandCtor: unknown },
) {
  const { endpointDiscoveryEnabled, endpointDiscoveryEnabledProvider } = input;
  return Object.assign(input, {
    endpointDiscoveryCommandCtor,
    endpointDiscoveryEnabled:
      endpointDiscoveryEnabled !== undefined ? () => Promise.resolve(endpointDiscoveryEnabled) : endpointDiscoveryEnabledProvider,
    isClientEndpointDiscoveryEnabled: endpointDiscoveryEnabled !== undefined,
  });
}

/** Where the setting would be read from; never asked, since no command discovers endpoints. */
export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {
  environmentVariableSelector: () => undefined,
  configFileSelector: () => undefined,
  default: undefined,
};
