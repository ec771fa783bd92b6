/**
 * The API's way of naming a product where a read model takes `product`: `product` (an HS code or
 * basket[:domain]) or `basket`, and without either the UNESCO basket, so a dashboard link without
 * a product still answers. The CLI requires the product instead.
 */
import { z } from 'zod';

export const DEFAULT_PRODUCT = 'unesco-fcs-2009';

/** The `product` and `basket` query fields, both optional. */
export function productOrBasketQuery(productHelp: string) {
  return {
    product: z.string().min(1).optional().describe(productHelp),
    basket: z.string().min(1).optional().describe(`basket[:domain] (alternative to product; default ${DEFAULT_PRODUCT})`),
  };
}

/** The question with `product` from `product`, else `basket`, else the default basket. */
export function productOrBasket(asked: Record<string, unknown>): Record<string, unknown> {
  const { basket, ...rest } = asked;
  return { ...rest, product: rest.product ?? basket ?? DEFAULT_PRODUCT };
}
