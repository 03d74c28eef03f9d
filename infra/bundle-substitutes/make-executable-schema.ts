// Stands in for @graphql-tools/schema in the bundles (infra/function-bundling.ts). Apollo Server imports
// it to build a schema from typeDefs and resolvers; we always hand it a built schema, so it is never called.
export function makeExecutableSchema(): never {
  throw new Error('@graphql-tools/schema is not bundled: pass ApolloServer a schema, not typeDefs');
}
