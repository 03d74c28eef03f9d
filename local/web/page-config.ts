/** What the server writes into each page as JSON, under this element id. */
export const PAGE_CONFIG_ID = 'page-config';

export interface PageConfig {
  /** The demo phones, each with its role, as the simulator's panes. */
  phones: { role: string; phone: string }[];
  /** The demo keys GraphiQL offers, each with what it may do. */
  keys: { label: string; key: string }[];
  /** The server's clock when it rendered the page: notifications from before it are not shown. */
  renderedAt: string;
}
