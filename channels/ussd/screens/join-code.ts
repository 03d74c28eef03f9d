import { runOperation } from '../../channel-graphql.js';
import { JoinServiceCenter } from '../../operations/member-operations.js';
import { BACK, onLastInput, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import { fitScreen } from '../ussd-screen.js';

async function join(mc: MenuContext, code: string): Promise<Step> {
  const { joinServiceCenter } = await runOperation(mc.caller.ctx, JoinServiceCenter, { centerCode: code });
  if (joinServiceCenter.__typename !== 'JoinServiceCenterSuccess') return { invalid: 'unknownCenter' };
  const center = joinServiceCenter.data.serviceCenter;
  // The member was just given a center: the field is null only if the schema broke its word.
  if (!center) throw new Error('join: no service center after joining');
  return { end: fitScreen((max) => [mc.m.joined({ center: value(mc.caller, center.name, max) })]) };
}

export const joinCodeScreen: ScreenModule<Screen<'joinCode'>> = {
  render: ({ m }) => [m.enterCenterCode, m.back].join('\n'),
  apply(mc, _screen, input, last) {
    if (input === BACK) return { back: true };
    return /^[A-Za-z0-9]{2,12}$/.test(input) ? onLastInput(mc, last, () => join(mc, input)) : { invalid: 'unknownCenter' };
  },
};
