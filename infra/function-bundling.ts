// How every Lambda function is bundled, in one place: the CDK stack (constructs/village-function.ts)
// hands these options to NodejsFunction, and bundle-function.ts to esbuild for the test that reads each
// handler's code. Plain data, no CDK imports.

/** Apollo Server plugins it imports lazily, and which functions/graphql.ts installs as disabled: never loaded. */
const APOLLO_PLUGINS_NEVER_LOADED = ['usageReporting', 'schemaReporting', 'inlineTrace'].map(
  // A path, so matched after resolution (relative to the project root, where esbuild runs).
  (plugin) => `./node_modules/@apollo/server/dist/esm/plugin/${plugin}/index.js`,
);

/**
 * The links of the AWS SDK's default credential chain after the environment variables, each imported
 * lazily when the ones before it found nothing. Lambda always puts the function's role credentials in
 * the environment, so none of them is ever loaded where the bundles run (local runs use the sources).
 * They and the SSO, STS and sign-in clients they use were a sixth of a bundle.
 */
const CREDENTIAL_PROVIDERS_NEVER_LOADED = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

/** The AWS SDK's event-stream support, loaded by import() only for operations that stream events: none of ours. */
const EVENT_STREAMS_NEVER_LOADED = ['@smithy/core/event-streams'];

export const functionBundling = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  // Text as UTF-8, not \u escapes: a Chinese reply's characters take 3 bytes each instead of 6.
  charset: 'utf8',
  // Comments kept for tools (coverage hints, /*! notices */) are not read where the bundles run.
  legalComments: 'none',
  // Source maps make logged stack traces point at our TypeScript; the sources themselves need not ship.
  sourcemap: true,
  sourcesContent: false,
  // Prefer ESM entry points so every importer shares one copy of graphql (its types are checked with instanceof).
  mainFields: ['module', 'main'],
  // Some bundled CommonJS dependencies call require(); an ESM bundle has none unless we make one.
  // Written as minified code, since esbuild does not minify the banner.
  banner: 'import{createRequire}from"module";const require=createRequire(import.meta.url);',
  // Everything else is bundled, the AWS SDK too (not the runtime's copy), so the deployed SDK is the version we test against.
  // Each of these is reached only through an import() that stays in the bundle, unresolved and never run.
  external: [...APOLLO_PLUGINS_NEVER_LOADED, ...CREDENTIAL_PROVIDERS_NEVER_LOADED, ...EVENT_STREAMS_NEVER_LOADED],
  // Modules swapped for smaller ones that do the same for us; paths relative to the project root.
  alias: {
    '@graphql-tools/schema': './infra/bundle-substitutes/make-executable-schema.ts',
    '@apollo/utils.createhash': './infra/bundle-substitutes/create-hash.ts',
    'grapheme-splitter': './infra/bundle-substitutes/grapheme-splitter.ts',
    '@aws-sdk/middleware-endpoint-discovery': './infra/bundle-substitutes/endpoint-discovery.ts',
  },
} as const;
