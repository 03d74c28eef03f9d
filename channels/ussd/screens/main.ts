import { choiceOf } from '../screen-helpers.js';
import type { MenuCaller, Screen, ScreenModule, Step } from '../screen-types.js';
import type { UssdMessages } from '../ussd-messages.js';

function mainOptions(caller: MenuCaller, m: UssdMessages): { label: string; next: Step }[] {
  const options: { label: string; next: Step }[] = [
    // Buying needs a pickup point: a seller or partner who never joined one joins first.
    { label: m.mainMenu.buy, next: { push: caller.center ? { id: 'buy' } : { id: 'joinCode' } } },
    { label: m.mainMenu.sell, next: { push: { id: 'sell' } } },
    { label: m.mainMenu.prices, next: { push: { id: 'list', list: 'commodities', page: 0 } } },
    { label: m.mainMenu.orders, next: { push: { id: 'list', list: 'orders', page: 0 } } },
  ];
  if (caller.isPartner) options.push({ label: m.mainMenu.tasks, next: { push: { id: 'list', list: 'tasks', page: 0 } } });
  options.push({ label: m.mainMenu.language, next: { push: { id: 'language' } } });
  // Last, so that every entry before it keeps its number.
  options.push({ label: m.mainMenu.apps, next: { push: { id: 'list', list: 'apps', page: 0 } } });
  return options;
}

export const mainScreen: ScreenModule<Screen<'main'>> = {
  render: ({ caller, m }) =>
    mainOptions(caller, m)
      .map((option, i) => `${i + 1} ${option.label}`)
      .join('\n'),
  apply({ caller, m }, _screen, input) {
    const choice = choiceOf(input);
    const option = choice === null ? undefined : mainOptions(caller, m)[choice - 1];
    return option ? option.next : { invalid: 'invalid' };
  },
};
