import type { ArgBuilder, ObjectRef } from '@pothos/core';
import { MAX_PAGE_SIZE } from '../core/common/index.js';
import type { Page } from '../core/db/index.js';
import { builder } from './builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

// Lists are paged forward only, by opaque cursors over the table's sort keys: `first` items
// `after` the `endCursor` of the page before. No list is cut short without `hasNextPage` saying so.

const PageInfoType = builder.objectRef<Pick<Page<unknown>, 'hasNextPage' | 'endCursor'>>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Pass as `after` for the next page; null on the last.' }),
  }),
});

/** The page type of a list of `node`s: `<Name>Connection { nodes pageInfo }`. */
export function connectionType<T>(name: string, node: ObjectRef<Types, T>) {
  return builder.objectRef<Page<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      nodes: t.field({ type: [node], resolve: (page) => page.items }),
      pageInfo: t.field({ type: PageInfoType, resolve: (page) => page }),
    }),
  });
}

/** The arguments of every paged list. */
export function pageArgs(arg: ArgBuilder<Types>, defaultFirst = 20) {
  return {
    first: arg.int({ required: false, defaultValue: defaultFirst, description: `At most ${MAX_PAGE_SIZE}.` }),
    after: arg.string({ required: false }),
  };
}

export const pageRequest = (args: { first?: number | null; after?: string | null }, defaultFirst = 20) => ({
  first: args.first ?? defaultFirst,
  after: args.after ?? null,
});
