import type { RequestContext } from '../../core/access/index.js';
import type { Money } from '../../core/common/index.js';
import { execute } from '../channel-graphql.js';
import type { OrderStatusName, PaymentStatusName } from '../sms/sms-messages.js';

export interface ProductItem {
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
  status: OrderStatusName;
  paymentStatus: PaymentStatusName;
  total: Money;
  buyerPhone: string;
  center: string;
}

/** Who is calling, as far as the menus need: read once per session, since nothing in a session changes it but its last hop. */
export interface CallerItem {
  language: string | null;
  center: { id: string; name: string } | null;
  isPartner: boolean;
  hasShop: boolean;
}

export interface CommodityItem {
  commodity: string;
  markets: string[];
}

const PRODUCT_FIELDS = 'code name unit stock commodity price { amount currency } shop { id }';
const ORDER_FIELDS = 'code status paymentStatus buyerPhone total { amount currency } serviceCenter { name }';

type RawProduct = Omit<ProductItem, 'shopId'> & { shop: { id: string } | null };
const toProductItem = ({ shop, ...product }: RawProduct): ProductItem => ({ ...product, shopId: shop?.id ?? '' });

type RawOrder = Omit<OrderItem, 'center'> & { serviceCenter: { name: string } | null };
const toOrderItem = (order: RawOrder): OrderItem => ({ ...order, center: order.serviceCenter?.name ?? '' });

/**
 * The lists the menus page through, loaded once per session and kept in the session item, so
 * that every hop of a session sees the same list whatever changes meanwhile.
 */
export class SessionLists {
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

  async caller(): Promise<CallerItem> {
    const [caller] = await this.cached<CallerItem>('caller', async () => {
      const { me } = await execute<{
        me: { data?: { language: string | null; serviceCenter: { id: string; name: string } | null; partnerOf: { id: string }[]; shops: { id: string }[] } };
      }>(this.ctx, 'query Me { me { ... on MeSuccess { data { language serviceCenter { id name } partnerOf { id } shops { id } } } } }');
      return [
        {
          language: me.data?.language ?? null,
          center: me.data?.serviceCenter ?? null,
          isPartner: (me.data?.partnerOf.length ?? 0) > 0,
          hasShop: (me.data?.shops.length ?? 0) > 0,
        },
      ];
    });
    return caller!;
  }

  search(word: string): Promise<ProductItem[]> {
    return this.cached(`search:${word}`, async () => {
      const { products } = await execute<{ products: RawProduct[] }>(this.ctx, `query Search($s: String!) { products(search: $s) { ${PRODUCT_FIELDS} } }`, { s: word });
      return products.map(toProductItem);
    });
  }

  allProducts(): Promise<ProductItem[]> {
    return this.cached('all', async () => (await execute<{ products: RawProduct[] }>(this.ctx, `query All { products { ${PRODUCT_FIELDS} } }`)).products.map(toProductItem));
  }

  myProducts(): Promise<ProductItem[]> {
    return this.cached('mine', async () => {
      const { myProducts } = await execute<{ myProducts: { data?: RawProduct[] } }>(
        this.ctx,
        `query Mine { myProducts { ... on MyProductsSuccess { data { ${PRODUCT_FIELDS} } } } }`,
      );
      return (myProducts.data ?? []).map(toProductItem);
    });
  }

  commodities(): Promise<CommodityItem[]> {
    return this.cached('commodities', async () => (await execute<{ priceCommodities: CommodityItem[] }>(this.ctx, 'query C { priceCommodities { commodity markets } }')).priceCommodities);
  }

  orders(): Promise<OrderItem[]> {
    return this.cached('orders', async () => {
      const { myOrders } = await execute<{ myOrders: { data?: RawOrder[] } }>(
        this.ctx,
        `query Orders { myOrders(limit: 10) { ... on MyOrdersSuccess { data { ${ORDER_FIELDS} } } } }`,
      );
      return (myOrders.data ?? []).map(toOrderItem);
    });
  }

  tasks(): Promise<OrderItem[]> {
    return this.cached('tasks', async () => {
      const { centerOrders } = await execute<{ centerOrders: { data?: RawOrder[] } }>(
        this.ctx,
        `query Tasks { centerOrders { ... on CenterOrdersSuccess { data { ${ORDER_FIELDS} } } } }`,
      );
      return (centerOrders.data ?? []).map(toOrderItem);
    });
  }
}
