import { runOperation } from '../../channel-graphql.js';
import { MeWithRoles } from '../../operations/member-operations.js';
import { KNOWN_KEYWORDS } from '../sms-keywords.js';
import { say } from '../sms-replies.js';
import type { Caller, SmsCommand } from './command-types.js';

/** HELP: the commands of the sender's roles; HELP <keyword>: that command's usage line. */
export const helpCommand: SmsCommand<'HELP'> = {
  read({ folded: [topic] }) {
    return { kind: 'HELP', topic: topic ? (KNOWN_KEYWORDS.get(topic)?.command ?? null) : null };
  },
  async run(caller, { topic }) {
    return topic ? say(caller.language, (m) => m.usage[topic]) : commandsOfRoles(caller);
  },
};

async function commandsOfRoles(caller: Caller): Promise<string> {
  const { me } = await runOperation(caller.ctx, MeWithRoles);
  const roles = me.__typename === 'MeSuccess' ? { seller: me.data.shops.length > 0, partner: me.data.partnerOf.length > 0 } : null;
  return say(caller.language, (m) => m.help(roles ?? { seller: false, partner: false }));
}
