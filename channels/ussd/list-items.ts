import { ORDER_STATUS_NAMES } from '../text/status-names.js';
import { marketPrices } from './market-prices.js';
import { money, value } from './screen-helpers.js';
import type { MenuContext, Screen, Step } from './screen-types.js';

/** A product's commodity when it has none: shown as "Other", after all the named ones. */
const OTHER = '';

interface ListItems {
  header: string;
  labels: string[];
  choose: (index: number) => Step | Promise<Step>;
  /** What the screen says instead when there is nothing to list. */
  empty: string;
}

/** The labelled items of a list screen, and what choosing one does. */
export async function listItems(mc: MenuContext, screen: Screen<'list'>): Promise<ListItems> {
  const { caller, lists, m } = mc;
  const v = (text: string) => value(caller, text, 40);
  switch (screen.list) {
    case 'categories': {
      const commodities = [...new Set((await lists.marketProducts()).map((product) => product.commodity ?? OTHER))].sort((a, b) =>
        a === OTHER ? 1 : b === OTHER ? -1 : a.localeCompare(b),
      );
      return {
        header: m.chooseCategory,
        labels: commodities.map((commodity) => (commodity === OTHER ? m.otherCategory : v(commodity))),
        choose: (i) => ({ push: { id: 'list', list: 'products', page: 0, source: `category:${commodities[i]}` } }),
        empty: m.nothingFound,
      };
    }
    case 'products': {
      const source = screen.source ?? '';
      const products = source.startsWith('search:')
        ? await lists.search(source.slice('search:'.length))
        : (await lists.marketProducts()).filter((product) => (product.commodity ?? OTHER) === source.slice('category:'.length));
      const available = products.filter((product) => product.stock > 0);
      return {
        header: m.chooseProduct,
        labels: available.map((p) => v(`${p.name} ${money(p.price)}`)),
        choose: (i) => ({ push: { id: 'quantity', product: available[i]! } }),
        empty: m.nothingFound,
      };
    }
    case 'mine': {
      const products = await lists.myProducts();
      return {
        header: m.chooseListing,
        labels: products.map((p) => v(`${p.code} ${money(p.price)} (${p.stock})`)),
        choose: (i) => ({ push: { id: 'listing', product: products[i]! } }),
        empty: m.noShop,
      };
    }
    case 'commodities': {
      const commodities = await lists.commodities();
      // The caller's alerts come last, so that a commodity keeps its number.
      return {
        header: m.chooseCommodity,
        labels: [...commodities.map((c) => v(c.commodity)), m.myAlerts],
        choose: (i) =>
          i < commodities.length
            ? { push: { id: 'list', list: 'markets', page: 0, source: commodities[i]!.commodity } }
            : { push: { id: 'list', list: 'alerts', page: 0 } },
        empty: m.noPrices,
      };
    }
    case 'markets': {
      const commodity = screen.source ?? '';
      const markets = await lists.markets(commodity);
      const choices = [null, ...markets];
      return {
        header: m.chooseMarket,
        labels: [...choices.map((market) => (market === null ? m.allMarkets : v(market))), m.newAlert],
        choose: (i) =>
          i < choices.length ? marketPrices(mc, commodity, choices[i] ?? null) : { push: { id: 'alertDirection', commodity } },
        empty: m.noPrices,
      };
    }
    case 'alerts': {
      const alerts = await lists.alerts();
      return {
        header: m.chooseAlert,
        labels: alerts.map((a) => v(`${a.commodity} ${a.direction === 'RISE' ? '>=' : '<='} ${money(a.threshold)}`)),
        choose: (i) => ({ push: { id: 'alert', alert: alerts[i]! } }),
        empty: m.noAlerts,
      };
    }
    case 'apps': {
      // Requests waiting for an answer first: they end within minutes.
      const [requests, apps] = await Promise.all([lists.consentRequests(), lists.apps()]);
      return {
        header: m.chooseApp,
        // A name short enough that the line still says the app asks.
        labels: [...requests.map((r) => m.appAsking({ app: value(caller, r.appName, 24) })), ...apps.map((a) => v(a.appName))],
        choose: (i) =>
          i < requests.length
            ? { push: { id: 'consent', request: requests[i]! } }
            : { push: { id: 'app', app: apps[i - requests.length]! } },
        empty: m.noApps,
      };
    }
    case 'sales': {
      const orders = await lists.sales();
      const status = ORDER_STATUS_NAMES[caller.language];
      return {
        header: m.chooseSale,
        labels: orders.map((o) => v(`${o.code} ${status[o.status]} ${money(o.total)}`)),
        choose: (i) => ({ push: { id: 'sale', order: orders[i]! } }),
        empty: m.noSales,
      };
    }
    case 'orders':
    case 'tasks': {
      const orders = screen.list === 'orders' ? await lists.orders() : await lists.tasks();
      const status = ORDER_STATUS_NAMES[caller.language];
      return {
        header: screen.list === 'orders' ? m.chooseOrder : m.mainMenu.tasks,
        labels: orders.map((o) => v(`${o.code} ${status[o.status]} ${money(o.total)}`)),
        choose: (i) => ({ push: { id: screen.list === 'orders' ? 'order' : 'task', order: orders[i]! } }),
        empty: screen.list === 'orders' ? m.noOrders : m.noTasks,
      };
    }
  }
}
