import type { MenuContext, Screen, ScreenId, ScreenModule, Step } from './screen-types.js';
import { SCREENS } from './screens/index.js';

function moduleOf<Id extends ScreenId>(screen: Screen<Id>): ScreenModule<Screen<Id>> {
  return SCREENS[screen.id];
}

/** What one input does on a screen; see `ScreenModule.apply` for `last`. */
export async function apply(mc: MenuContext, screen: Screen, input: string, last: boolean): Promise<Step> {
  return moduleOf(screen).apply(mc, screen, input, last);
}

/** The lines of a screen, fitted to the limit. */
export async function render(mc: MenuContext, screen: Screen): Promise<string> {
  return moduleOf(screen).render(mc, screen);
}
