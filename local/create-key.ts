import { parseArgs } from 'node:util';
import { issueApiKey, type Principal } from '../core/access/index.js';
import { normalizePhone } from '../core/common/index.js';
import { readFunctionConfig } from '../core/config/index.js';
import { createStore } from '../core/db/index.js';

const USAGE = `Usage: npm run create-key -- (--phone +255754000001 | --app NAME | --admin) [--days N]
Reads TABLE_NAME and, for DynamoDB Local, DYNAMODB_ENDPOINT (npm start prints both).`;

function principalFrom(values: { phone?: string; app?: string; admin?: boolean }): Principal | string {
  if ([values.phone, values.app, values.admin].filter(Boolean).length !== 1) return 'Give exactly one of --phone, --app, --admin.';
  if (values.admin) return { kind: 'ADMIN' };
  if (values.app) return { kind: 'APP', name: values.app };
  const phone = normalizePhone(values.phone!);
  return phone ? { kind: 'PHONE', phone } : `${values.phone} is not a phone number in international format (+255...).`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { phone: { type: 'string' }, app: { type: 'string' }, admin: { type: 'boolean' }, days: { type: 'string' } },
  });
  const principal = principalFrom(values);
  const seconds = values.days === undefined ? undefined : Math.round(Number(values.days) * 86_400);
  // A fraction of a day that rounds to no second at all is refused, never a key without expiry.
  if (typeof principal === 'string' || (seconds !== undefined && !(seconds >= 1))) {
    console.error(`${typeof principal === 'string' ? principal : '--days must be at least one second (0.0000116).'}\n${USAGE}`);
    process.exit(2);
  }
  const config = readFunctionConfig();
  const store = createStore({ tableName: config.tableName, region: config.region, endpoint: config.dynamoEndpoint });
  const label = principal.kind === 'PHONE' ? principal.phone : principal.kind === 'APP' ? principal.name : 'admin';
  const key = await issueApiKey(store, principal, label, new Date(), seconds);
  console.log(key);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
