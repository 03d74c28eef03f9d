import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getItems, keys, type Store, type TransactItem, withoutKeys } from '../db/index.js';
import type { App, TokenRecord } from './app.js';

/** A token's item, under the hash of its value. */
export const tokenItem = (hash: string, token: TokenRecord) => ({ ...keys.token(hash), type: 'OAuthToken', ...token });

const tokenOf = (item: Record<string, unknown>): TokenRecord => ({
  kind: item.kind as TokenRecord['kind'],
  clientId: item.clientId as string,
  phone: (item.phone as string | null) ?? null,
  scopes: item.scopes as TokenRecord['scopes'],
  createdAt: item.createdAt as string,
  expiresAt: Number(item.expiresAt),
  usedAt: (item.usedAt as string | null) ?? null,
});

/** The Put of a new token, in a grant's transaction. */
export const tokenPut = (store: Store, hash: string, token: TokenRecord): TransactItem => ({
  Put: { TableName: store.tableName, Item: tokenItem(hash, token), ConditionExpression: 'attribute_not_exists(pk)' },
});

/** The Delete of a token, in a grant's transaction. */
export const tokenDelete = (store: Store, hash: string): TransactItem => ({
  Delete: { TableName: store.tableName, Key: keys.token(hash) },
});

/** Marks a refresh token exchanged, only if it was not: a second exchange fails this condition. */
export const refreshTokenUse = (store: Store, hash: string, now: string): TransactItem => ({
  Update: {
    TableName: store.tableName,
    Key: keys.token(hash),
    UpdateExpression: 'SET usedAt = :now',
    ConditionExpression: 'attribute_exists(pk) AND usedAt = :unused',
    ExpressionAttributeValues: { ':now': now, ':unused': null },
  },
});

// Access pattern: store an app's own token (client credentials).
export async function putToken(store: Store, hash: string, token: TokenRecord): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: tokenItem(hash, token) }));
}

// Access pattern: get a token by the hash of its value.
export async function getToken(store: Store, hash: string): Promise<TokenRecord | null> {
  const { Item } = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.token(hash), ConsistentRead: true }));
  return Item ? tokenOf(Item) : null;
}

// Access pattern: a presented token and its app in one strongly consistent BatchGetItem (the token names its app).
export async function getTokenAndApp(store: Store, hash: string, clientId: string): Promise<[TokenRecord | null, App | null]> {
  const [token, app] = await getItems<Record<string, unknown>>(store, [keys.token(hash), keys.app(clientId)], {
    consistent: true,
    read: (item) => item,
  });
  return [token ? tokenOf(token) : null, app ? withoutKeys<App>(app) : null];
}

// Access pattern: delete a token (revocation of an access token, or of an app's own token).
export async function deleteToken(store: Store, hash: string): Promise<void> {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.token(hash) }));
}
