import { listItems } from '../list-items.js';
import { BACK, choiceOf } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';
import { pageScreen, pages } from '../ussd-screen.js';

/** A list split into pages: "00 More" goes to the next page, "0 Back" to the one before. */
export const listScreen: ScreenModule<Screen<'list'>> = {
  async render(mc, screen) {
    const { m } = mc;
    const items = await listItems(mc, screen);
    if (items.labels.length === 0) return [items.empty, m.back].join('\n');
    const paged = pages(items.header, items.labels, m.more, m.back, mc.limit);
    return pageScreen(items.header, items.labels, paged[screen.page] ?? paged[0]!, m.more, m.back).join('\n');
  },
  async apply(mc, screen, input) {
    const { m } = mc;
    if (input === BACK) return screen.page > 0 ? { replace: { ...screen, page: screen.page - 1 } } : { back: true };
    const items = await listItems(mc, screen);
    const paged = pages(items.header, items.labels, m.more, m.back, mc.limit);
    const page = paged[screen.page] ?? paged[0]!;
    if (input === '00' && page.hasMore) return { replace: { ...screen, page: screen.page + 1 } };
    const choice = choiceOf(input);
    const index = choice === null ? undefined : page.indexes[choice - 1];
    return index === undefined ? { invalid: 'invalid' } : items.choose(index);
  },
};
