/** Import boundaries, checked by `npm test` (see CONTRIBUTING.md for what goes where). */
const DOMAINS = '(orders|catalogue|payments|delivery|prices|members|outbox|access)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files must not import each other in a circle, type imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-through-index',
      comment: 'A folder of core/ reaches another only through its index.ts, its public face.',
      severity: 'error',
      from: { path: '^core/([^/]+)/' },
      to: { path: '^core/[^/]+/', pathNot: ['^core/$1/', '^core/[^/]+/index\\.ts$'] },
    },
    {
      name: 'core-through-index',
      comment: 'Code outside core/ uses a domain through its index.ts (tests may reach inside to test a part).',
      severity: 'error',
      from: { pathNot: '^(core|tests)/' },
      to: { path: '^core/[^/]+/', pathNot: '^core/[^/]+/index\\.ts$' },
    },
    {
      name: 'db-knows-no-domain',
      comment: 'core/db/ holds the store, keys and write helpers; it must not know any domain.',
      severity: 'error',
      from: { path: '^core/(db|common|config)/' },
      to: { path: `^core/${DOMAINS}/` },
    },
    {
      name: 'core-knows-no-api',
      comment: 'core/ is agnostic of the API and the channels: dependencies point functions -> channels -> schema -> core.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(schema|channels|functions|local|infra|bench|model)/' },
    },
    {
      name: 'schema-knows-no-channel',
      comment: 'schema/ is what channels and apps call; it must not depend on them.',
      severity: 'error',
      from: { path: '^schema/' },
      to: { path: '^(channels|functions|local|infra|bench|model)/' },
    },
    {
      name: 'channels-know-no-function',
      comment: 'Channels are called by the Lambda entry points, never the other way round.',
      severity: 'error',
      from: { path: '^channels/' },
      to: { path: '^(functions|local|infra|bench|model)/' },
    },
    {
      name: 'channels-apart',
      comment:
        'SMS and USSD do not import each other: what both use sits in channels/text/, channels/operations/ or at the top of channels/.',
      severity: 'error',
      from: { path: '^channels/(sms|ussd)/' },
      to: { path: '^channels/(sms|ussd)/', pathNot: '^channels/$1/' },
    },
    {
      name: 'functions-use-few-domains',
      comment:
        'Lambda entry points reach core/ only for settings, the store, authentication (API keys, OAuth clients and tokens), the M-Pesa callback and the logger and metrics; the rest goes through channels or schema.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^core/', pathNot: '^core/(config|db|access|apps|payments|telemetry)/index\\.ts$' },
    },
    {
      name: 'deployed-code-knows-no-local',
      comment:
        'What deploys (infra/ and the functions it bundles) never imports the local server, its simulator and stand-ins, the tests, the benchmarks or the capacity model.',
      severity: 'error',
      from: { path: '^(functions|infra)/' },
      to: { path: '^(local|tests|bench|model)/' },
    },
    {
      name: 'browser-code-stays-local',
      comment: 'The pages and their packages (React, GraphiQL, Monaco) and the test browser are local tools: nothing deployed loads them.',
      severity: 'error',
      from: { path: '^(functions|infra|schema|channels|core)/' },
      to: { path: '(^local/web/|node_modules/(react|react-dom|graphiql|@graphiql|monaco-editor|monaco-graphql|playwright-core)/)' },
    },
    {
      name: 'functions-call-no-repository',
      comment: 'Lambda entry points call channels, schema or a domain service, never a repository.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '-repository\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk\\.out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
