import { codeToType } from '../../../core/catalogue/index.js';
import { runOperation } from '../../channel-graphql.js';
import { FindProducts } from '../../operations/catalogue-operations.js';
import type { Messages } from '../sms-messages.js';
import { type Cut, money, say, sayList } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';

/** FIND <words>: products whose names hold the words, with the codes to order them by. */
export const findCommand: SmsCommand<'FIND'> = {
  read({ typed }) {
    return typed.length > 0 ? { kind: 'FIND', words: typed.map((word) => word.toLowerCase()).slice(0, 5) } : null;
  },
  async run(caller, { words }) {
    const { nodes: products } = (await runOperation(caller.ctx, FindProducts, { search: words.join(' ') })).products;
    if (products.length === 0) return say(caller.language, (m, cut) => m.foundNone({ words: cut(words.join(' ')) }));
    return sayList(
      caller.language,
      () => '',
      products.map(
        (p) => (m: Messages, cut: Cut) =>
          m.foundItem({ code: codeToType(p, caller.center?.villageId ?? null), name: cut(`${p.name} ${p.unit}`), price: money(p.price) }),
      ),
    );
  },
};
