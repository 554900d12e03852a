// Data kinds, and a guess of a file's kind from its header (only needed for signed-URL uploads, which must
// name the kind up front; direct uploads let the server detect it from the header).
export const KINDS = ["sales", "products", "reviews", "competitor_prices", "inventory"] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABEL: Record<string, string> = {
  sales: "Sales",
  products: "Products",
  reviews: "Reviews",
  competitor_prices: "Competitor prices",
  inventory: "Inventory",
};

export function guessKind(headerLine: string): Kind | null {
  const cols = headerLine.toLowerCase().split(/[,;\t|]/).map((c) => c.trim().replace(/^"|"$/g, ""));
  const has = (...names: string[]) => names.some((n) => cols.some((c) => c.includes(n)));
  if (has("competitor")) return "competitor_prices";
  if (has("rating", "review")) return "reviews";
  if (has("on_hand", "on hand", "stock", "quantity_available")) return "inventory";
  if (has("units", "qty", "quantity", "order")) return "sales";
  if (has("title", "name", "cost", "brand")) return "products";
  return null;
}

/** The first line of a CSV file, gunzipped when needed (DecompressionStream). */
export async function headerOf(file: Blob, gzip: boolean): Promise<string> {
  const head = file.slice(0, 64 * 1024);
  let text: string;
  if (gzip && typeof DecompressionStream !== "undefined") {
    const reader = head.stream().pipeThrough(new DecompressionStream("gzip")).getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      while (size < 16 * 1024) {
        const { value, done } = await reader.read();
        if (done || !value) break;
        chunks.push(value);
        size += value.length;
      }
    } catch {
      /* a cut gzip stream ends early: the first line is all we need */
    }
    text = await new Blob(chunks as BlobPart[]).text();
  } else {
    text = await head.text();
  }
  return text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
}
