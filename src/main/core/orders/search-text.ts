/** What the queue's search box finds an order by: number, ids, names, places, SKUs, tracking. */
export interface SearchableOrder {
  orderNumber: string;
  externalId: string;
  shipName: string;
  shipCompany: string;
  shipEmail: string;
  shipCity: string;
  shipPostcode: string;
  trackingNumber: string | null;
  skus: readonly string[];
}

export function buildSearchText(o: SearchableOrder): string {
  return [
    o.orderNumber,
    o.externalId,
    o.shipName,
    o.shipCompany,
    o.shipEmail,
    o.shipCity,
    o.shipPostcode,
    o.trackingNumber ?? '',
    ...o.skus,
  ]
    .filter((part) => part.length > 0)
    .join(' | ');
}
