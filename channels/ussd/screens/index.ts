import type { MenuContext, Screen, ScreenId, ScreenModule, Step } from '../screen-types.js';
import { alertScreen } from './alert.js';
import { alertDirectionScreen } from './alert-direction.js';
import { alertPriceScreen } from './alert-price.js';
import { appScreen } from './app.js';
import { buyScreen } from './buy.js';
import { confirmScreen } from './confirm.js';
import { consentScreen } from './consent.js';
import { joinCodeScreen } from './join-code.js';
import { languageScreen } from './language.js';
import { listScreen } from './list.js';
import { listingScreen } from './listing.js';
import { mainScreen } from './main.js';
import { newPriceScreen } from './new-price.js';
import { newStockScreen } from './new-stock.js';
import { orderScreen } from './order.js';
import { paymentScreen } from './payment.js';
import { pickupCodeScreen } from './pickup-code.js';
import { quantityScreen } from './quantity.js';
import { saleScreen } from './sale.js';
import { searchWordScreen } from './search-word.js';
import { sellScreen } from './sell.js';
import { strangerScreen } from './stranger.js';
import { taskScreen } from './task.js';

/** Every screen by its id: a screen added to `ScreenState` without a module here does not compile. */
export const SCREENS: { [Id in ScreenId]: ScreenModule<Screen<Id>> } = {
  stranger: strangerScreen,
  main: mainScreen,
  joinCode: joinCodeScreen,
  buy: buyScreen,
  searchWord: searchWordScreen,
  list: listScreen,
  quantity: quantityScreen,
  payment: paymentScreen,
  confirm: confirmScreen,
  sell: sellScreen,
  listing: listingScreen,
  newPrice: newPriceScreen,
  newStock: newStockScreen,
  order: orderScreen,
  task: taskScreen,
  sale: saleScreen,
  pickupCode: pickupCodeScreen,
  language: languageScreen,
  alertDirection: alertDirectionScreen,
  alertPrice: alertPriceScreen,
  alert: alertScreen,
  consent: consentScreen,
  app: appScreen,
};

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
