import type { Screen, ScreenId, ScreenModule } from '../screen-types.js';
import { buyScreen } from './buy.js';
import { confirmScreen } from './confirm.js';
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
import { searchWordScreen } from './search-word.js';
import { strangerScreen } from './stranger.js';
import { taskScreen } from './task.js';

/** Every screen by its id: a screen added to `Screen` without a module here does not compile. */
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
  listing: listingScreen,
  newPrice: newPriceScreen,
  newStock: newStockScreen,
  order: orderScreen,
  task: taskScreen,
  pickupCode: pickupCodeScreen,
  language: languageScreen,
};
