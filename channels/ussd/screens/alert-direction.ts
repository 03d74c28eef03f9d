import { BACK, value } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';
import { fitScreen } from '../ussd-screen.js';

/** A new price alert: does the caller want to hear of a rise or of a fall? */
export const alertDirectionScreen: ScreenModule<Screen<'alertDirection'>> = {
  render: ({ caller, m, limit }, { commodity }) =>
    fitScreen((max) => [m.alertWhen({ commodity: value(caller, commodity, max) }), ...m.alertDirections, m.back], limit),
  apply(_mc, { commodity }, input) {
    if (input === BACK) return { back: true };
    if (input === '1') return { push: { id: 'alertPrice', commodity, direction: 'RISE' } };
    if (input === '2') return { push: { id: 'alertPrice', commodity, direction: 'FALL' } };
    return { invalid: 'invalid' };
  },
};
