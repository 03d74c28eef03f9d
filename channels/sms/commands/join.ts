import { runOperation } from '../../channel-graphql.js';
import { JoinServiceCenter } from '../../operations/member-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { CODE } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** JOIN <center code>: the sender becomes a member of that service center. */
export const joinCommand: SmsCommand<'JOIN'> = {
  read({ folded }) {
    const [code] = folded;
    return code && CODE.test(code) && folded.length === 1 ? { kind: 'JOIN', centerCode: code } : null;
  },
  async run(caller, { centerCode }) {
    const { joinServiceCenter } = await runOperation(caller.ctx, JoinServiceCenter, { centerCode });
    if (joinServiceCenter.__typename !== 'JoinServiceCenterSuccess') return refusalReply(caller, joinServiceCenter, 'JOIN');
    const center = joinServiceCenter.data.serviceCenter;
    // The member was just given a center: the field is null only if the schema broke its word.
    if (!center) throw new Error('JOIN: no service center after joining');
    return say(caller.language, (m, cut) => m.joined({ center: cut(center.name), code: center.id }));
  },
};
