import type { RequestContext } from '../../core/access/index.js';
import type { Money, OrderStatus, PaymentStatus } from '../../core/common/index.js';
import { runOperation } from '../channel-graphql.js';
import { ConsentRequests, MyApps } from '../operations/app-operations.js';
import { BrowseProducts, MyProducts, type ProductFields } from '../operations/catalogue-operations.js';
import type { ResultOf } from '../operations/graphql.js';
import { MeWithRoles } from '../operations/member-operations.js';
import { CenterOrders, MyOrders, type OrderFields, ShopOrders } from '../operations/order-operations.js';
import { CommodityMarkets, MyPriceAlerts, PriceCommodities } from '../operations/price-operations.js';

export interface ProductItem {
  /** Global: what the buy screens order by. */
  id: string;
  /** The code in its own village: what the seller's screens show. */
  code: string;
  shopId: string;
  name: string;
  unit: string;
  stock: number;
  price: Money;
  commodity: string | null;
}

export interface OrderItem {
  code: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  total: Money;
  buyerPhone: string;
  center: string;
  /** The center a first-mile order is dropped off at; null when its seller ships it. */
  dropOff: string | null;
}

/** Who is calling, as far as the menus need: read once per session, since nothing in a session changes it but its last hop. */
interface CallerItem {
  language: string | null;
  center: { id: string; name: string; villageId: string } | null;
  isPartner: boolean;
  hasShop: boolean;
}

interface CommodityItem {
  commodity: string;
}

export interface AlertItem {
  number: number;
  commodity: string;
  market: string | null;
  direction: 'RISE' | 'FALL';
  threshold: Money;
}

/** An app's request waiting for the caller's answer. */
export interface ConsentItem {
  id: string;
  appName: string;
  scopes: string[];
  bindingMessage: string | null;
}

/** An app the caller let act for them. */
export interface AppItem {
  clientId: string;
  appName: string;
  scopes: string[];
}

const toProductItem = ({ shop, ...product }: ResultOf<typeof ProductFields>): ProductItem => ({ ...product, shopId: shop?.id ?? '' });

const toOrderItem = ({ collectingCenter, serviceCenter, ...order }: ResultOf<typeof OrderFields>): OrderItem => ({
  ...order,
  center: serviceCenter?.name ?? '',
  dropOff: collectingCenter?.name ?? null,
});

/**
 * The lists the menus page through, loaded once per session and kept in the session item, so
 * that every hop of a session sees the same list whatever changes meanwhile.
 */
export class ShownLists {
  private changed = false;

  constructor(
    private readonly ctx: RequestContext,
    readonly lists: Record<string, unknown[]>,
  ) {}

  get isChanged(): boolean {
    return this.changed;
  }

  private async cached<T>(key: string, load: () => Promise<T[]>): Promise<T[]> {
    if (!this.lists[key]) {
      this.lists[key] = await load();
      this.changed = true;
    }
    return this.lists[key] as T[];
  }

  /**
   * Remembers what an action answered, so that a later hop, which replays the session's inputs,
   * passes over it without doing it again (a wrong pickup code, which the partner may retype).
   */
  remember(key: string, outcome: string): void {
    this.lists[`outcome:${key}`] = [outcome];
    this.changed = true;
  }

  recall(key: string): string | undefined {
    return this.lists[`outcome:${key}`]?.[0] as string | undefined;
  }

  async caller(): Promise<CallerItem> {
    const [caller] = await this.cached<CallerItem>('caller', async () => {
      const { me } = await runOperation(this.ctx, MeWithRoles);
      const member = me.__typename === 'MeSuccess' ? me.data : null;
      return [
        {
          language: member?.language ?? null,
          center: member?.serviceCenter ?? null,
          isPartner: (member?.partnerOf.length ?? 0) > 0,
          hasShop: (member?.shops.length ?? 0) > 0,
        },
      ];
    });
    return caller!;
  }

  search(word: string): Promise<ProductItem[]> {
    return this.cached(`search:${word}`, async () => {
      const { products } = await runOperation(this.ctx, BrowseProducts, { search: word });
      return products.nodes.map(toProductItem);
    });
  }

  /** The products of the caller's market (their center's village); without a center, the catalogue's first. */
  marketProducts(): Promise<ProductItem[]> {
    return this.cached('market', async () => {
      const villageId = (await this.caller()).center?.villageId ?? null;
      return (await runOperation(this.ctx, BrowseProducts, { villageId })).products.nodes.map(toProductItem);
    });
  }

  myProducts(): Promise<ProductItem[]> {
    return this.cached('mine', async () => {
      const { myProducts } = await runOperation(this.ctx, MyProducts);
      return myProducts.__typename === 'MyProductsSuccess' ? myProducts.data.nodes.map(toProductItem) : [];
    });
  }

  commodities(): Promise<CommodityItem[]> {
    return this.cached('commodities', async () => (await runOperation(this.ctx, PriceCommodities)).priceCommodities);
  }

  markets(commodity: string): Promise<string[]> {
    return this.cached(`markets:${commodity}`, async () =>
      (await runOperation(this.ctx, CommodityMarkets, { commodity })).priceCommodities.flatMap((entry) => entry.markets),
    );
  }

  orders(): Promise<OrderItem[]> {
    return this.cached('orders', async () => {
      const { myOrders } = await runOperation(this.ctx, MyOrders, { first: 10 });
      return myOrders.__typename === 'MyOrdersSuccess' ? myOrders.data.nodes.map(toOrderItem) : [];
    });
  }

  /** The caller's shop's orders to accept or to ship. */
  sales(): Promise<OrderItem[]> {
    return this.cached('sales', async () => {
      const { shopOrders } = await runOperation(this.ctx, ShopOrders);
      return shopOrders.__typename === 'ShopOrdersSuccess' ? shopOrders.data.nodes.map(toOrderItem) : [];
    });
  }

  /** The partner's: orders to collect from the village's sellers, then those coming to the center or waiting there. */
  tasks(): Promise<OrderItem[]> {
    return this.cached('tasks', async () => {
      const { firstMileOrders, centerOrders } = await runOperation(this.ctx, CenterOrders);
      return [
        ...(firstMileOrders.__typename === 'FirstMileOrdersSuccess' ? firstMileOrders.data.nodes : []),
        ...(centerOrders.__typename === 'CenterOrdersSuccess' ? centerOrders.data.nodes : []),
      ].map(toOrderItem);
    });
  }

  /** The caller's price alerts. */
  alerts(): Promise<AlertItem[]> {
    return this.cached('alerts', async () => {
      const { myPriceAlerts } = await runOperation(this.ctx, MyPriceAlerts);
      return myPriceAlerts.__typename === 'MyPriceAlertsSuccess' ? myPriceAlerts.data : [];
    });
  }

  /** Apps' requests waiting for the caller's answer. */
  consentRequests(): Promise<ConsentItem[]> {
    return this.cached('consents', async () => {
      const { consentRequests } = await runOperation(this.ctx, ConsentRequests);
      return consentRequests.__typename === 'ConsentRequestsSuccess' ? consentRequests.data : [];
    });
  }

  /** The apps the caller let act for them. */
  apps(): Promise<AppItem[]> {
    return this.cached('apps', async () => {
      const { myApps } = await runOperation(this.ctx, MyApps);
      return myApps.__typename === 'MyAppsSuccess' ? myApps.data : [];
    });
  }
}
