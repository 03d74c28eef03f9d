import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromAST,
} from 'graphql';

// Limits every request must pass before it runs, so that one request cannot make thousands of
// table reads. The token limit is GraphQL's own parser's; the others are measured here, on the
// operation with its variables, after validation and before execution (docs/api.md#limits).

export const MAX_TOKENS = 1000;
export const MAX_ALIASES = 15;
/** Fields nested in fields (fragments add no level); the schema's deepest request is 7. */
export const MAX_DEPTH = 10;
export const MAX_DIRECTIVES = 50;
export const MAX_COST = 5000;

// The cost counts what a request may read from the table: about one read (a get, a page's query,
// one item of a batched load, one item of a list) for each object it answers.
/** A field of an object type (or union, or interface), each time it is answered. */
export const OBJECT_COST = 1;
/** A scalar or an enum, and the object types below: values carried by their parent, never read on their own. */
export const SCALAR_COST = 0;
const VALUE_TYPES = new Set(['Money', 'PageInfo']);
/** How many items a list without `first` (an order's lines, payments or history; a phone's shops) is counted as. */
export const UNPAGED_LIST_SIZE = 10;

/** What a request asks for: its cost, its depth, its aliases and directives. */
export interface RequestMeasure {
  cost: number;
  depth: number;
  aliases: number;
  directives: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** A fragment is measured once per page size it is spread under, however often it is spread. */
  measured: Map<string, RequestMeasure>;
}

/** The page size a field asks for: its `first`, from the request or the variables, or the argument's default. */
function pageSize(walk: Walk, field: FieldNode, definition: GraphQLField<unknown, unknown>): number | null {
  const argument = definition.args.find((arg) => arg.name === 'first');
  if (!argument) return null;
  const given = field.arguments?.find((arg) => arg.name.value === 'first');
  const value = given ? valueFromAST(given.value, argument.type, walk.variables) : argument.defaultValue;
  return typeof value === 'number' ? Math.max(value, 0) : null;
}

function measureField(walk: Walk, field: FieldNode, parent: GraphQLNamedType, page: number | null): RequestMeasure {
  const own = { aliases: field.alias ? 1 : 0, directives: field.directives?.length ?? 0 };
  // Introspection reads no table, and GraphiQL's own query of the schema is deeper than any request of ours.
  if (field.name.value === '__schema' || field.name.value === '__typename') return { cost: 0, depth: 1, ...own };
  const definition =
    field.name.value === '__type'
      ? walk.schema.getQueryType()?.getFields().__type
      : isObjectType(parent) || isInterfaceType(parent)
        ? parent.getFields()[field.name.value]
        : undefined;
  if (!definition) return { cost: 0, depth: 1, ...own };
  const type = getNamedType(definition.type);
  if (!isCompositeType(type) || !field.selectionSet) return { cost: SCALAR_COST, depth: 1, ...own };
  const first = pageSize(walk, field, definition);
  // A list answers its page's items (the `first` of the field above it, as a connection's nodes do) or an
  // unpaged list's estimate, each item costing what one object and its own fields cost.
  const list = isListType(getNullableType(definition.type));
  const items = list ? (first ?? page ?? UNPAGED_LIST_SIZE) : 1;
  const inner = measureSelections(walk, field.selectionSet, type, list ? null : (first ?? page));
  return {
    cost: items * ((VALUE_TYPES.has(type.name) ? SCALAR_COST : OBJECT_COST) + inner.cost),
    depth: 1 + inner.depth,
    aliases: own.aliases + inner.aliases,
    directives: own.directives + inner.directives,
  };
}

function measureSelections(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLNamedType, page: number | null): RequestMeasure {
  const total: RequestMeasure = { cost: 0, depth: 0, aliases: 0, directives: 0 };
  for (const selection of selectionSet.selections) {
    let part: RequestMeasure;
    if (selection.kind === Kind.FIELD) part = measureField(walk, selection, parent, page);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      part = measureSelections(walk, selection.selectionSet, type ?? parent, page);
    } else {
      // Validation has checked that the fragment exists, on a type of the schema, and spreads no cycle.
      const key = `${selection.name.value}@${page}`;
      const fragment = walk.fragments.get(selection.name.value)!;
      if (!walk.measured.has(key)) {
        const type = walk.schema.getType(fragment.typeCondition.name.value)!;
        walk.measured.set(key, measureSelections(walk, fragment.selectionSet, type, page));
      }
      part = walk.measured.get(key)!;
    }
    const directives = selection.kind === Kind.FIELD ? 0 : (selection.directives?.length ?? 0);
    total.cost += part.cost;
    total.depth = Math.max(total.depth, part.depth);
    total.aliases += part.aliases;
    total.directives += part.directives + directives;
  }
  return total;
}

/** Measures one operation of a validated document, with the variables it is sent with. */
export function measureRequest(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): RequestMeasure {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  ) as Map<string, FragmentDefinitionNode>;
  const root = schema.getRootType(operation.operation);
  if (!root) return { cost: 0, depth: 0, aliases: 0, directives: 0 };
  const measure = measureSelections({ schema, fragments, variables, measured: new Map() }, operation.selectionSet, root, null);
  return { ...measure, directives: measure.directives + (operation.directives?.length ?? 0) };
}

function refusal(message: string, code: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/** The first limit a request is over, as the error its caller gets; null within all. */
export function overLimit(measure: RequestMeasure): GraphQLError | null {
  if (measure.aliases > MAX_ALIASES)
    return refusal(`Too many aliases: ${measure.aliases}, the limit is ${MAX_ALIASES}.`, 'ALIAS_LIMIT_EXCEEDED', {
      limit: MAX_ALIASES,
      found: measure.aliases,
    });
  if (measure.depth > MAX_DEPTH)
    return refusal(`Too deep: ${measure.depth} levels of fields, the limit is ${MAX_DEPTH}.`, 'DEPTH_LIMIT_EXCEEDED', {
      limit: MAX_DEPTH,
      found: measure.depth,
    });
  if (measure.directives > MAX_DIRECTIVES)
    return refusal(`Too many directives: ${measure.directives}, the limit is ${MAX_DIRECTIVES}.`, 'DIRECTIVE_LIMIT_EXCEEDED', {
      limit: MAX_DIRECTIVES,
      found: measure.directives,
    });
  if (measure.cost > MAX_COST)
    return refusal(
      `Over the cost limit: this request costs ${measure.cost}, the limit is ${MAX_COST} (ask for smaller pages or fewer objects in each item).`,
      'COST_LIMIT_EXCEEDED',
      { cost: { requested: measure.cost, limit: MAX_COST } },
    );
  return null;
}

/**
 * Measures each request's operation before it runs: one over a limit is refused (HTTP 400, an
 * error whose `extensions.code` names the limit), and every answer says what the request cost in
 * `extensions.cost`, so that an app can tune its requests.
 */
export const requestLimits: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    let cost: number | null = null;
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        if (!operation) return;
        const measure = measureRequest(schema, document, operation, request.variables ?? {});
        cost = measure.cost;
        const refused = overLimit(measure);
        if (refused) throw refused;
      },
      async willSendResponse({ response }) {
        if (cost === null || response.body.kind !== 'single') return;
        const answer = response.body.singleResult;
        answer.extensions = { ...answer.extensions, cost: { requested: cost, limit: MAX_COST } };
      },
    };
  },
};
