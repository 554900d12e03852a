// The answer charts the server builds (shared/orchestration/answer_charts.py), run through Vega-Lite and Vega as the
// console runs them (the expression interpreter, no eval), and the answer around them as a merchant reads it. The
// specs are the server's own output, kept in fixtures/answer_charts.json by a Python test that fails when they drift.
import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { compile } from "vega-lite";
import { parse, View } from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { drewMarks } from "../components/Chart";
import { AnswerTableView } from "../components/AnswerTableView";
import type { AnswerTable } from "../api/types";
import fixtures from "./fixtures/answer_charts.json";

type Spec = Record<string, unknown>;
interface Item { marktype?: string; role?: string; name?: string; items?: Item[]; datum?: Record<string, unknown> }

/** The spec run headless: its scene graph's root. */
async function run(spec: Spec): Promise<Item> {
  const vega = compile({ width: 400, ...spec } as never).spec;
  const view = new View(parse(vega, undefined, { ast: true }), { expr: expressionInterpreter, renderer: "none" });
  await view.runAsync();
  const root = (view.scenegraph() as unknown as { root: Item }).root;
  view.finalize();
  return root;
}

/** Every data mark of a given type in the scene, with its items' data. */
function marks(node: Item, type: string, out: Item[][] = []): Item[][] {
  if (node.marktype === type && node.role === "mark") out.push(node.items ?? []);
  (node.items ?? []).forEach((i) => marks(i, type, out));
  return out;
}

const chartOf = (name: keyof typeof fixtures) => fixtures[name].chart as unknown as Spec;

describe("a store's total forecast", () => {
  it("is drawn as its estimate on its 90% interval", async () => {
    const root = await run(chartOf("store_total"));
    expect(drewMarks(root)).toBe(true);
    const [band] = marks(root, "rect");
    const [point] = marks(root, "symbol");
    expect(band).toHaveLength(1);
    expect(band[0].datum).toMatchObject({ lower: 80150.44, upper: 113175.92 });
    expect(point[0].datum).toMatchObject({ estimate: 95242.32 });
  });
});

describe("a price cut", () => {
  it("is the units and the revenue without and with it, side by side", async () => {
    const root = await run(chartOf("price_cut"));
    const bars = marks(root, "rect");
    expect(bars).toHaveLength(2); // units, revenue
    expect(bars.map((b) => b.map((i) => i.datum?.when))).toEqual([
      ["Without the 10% cut", "With the 10% cut"], ["Without the 10% cut", "With the 10% cut"],
    ]);
    expect(bars[0].map((i) => i.datum?.value)).toEqual([118, 122]);
  });
});

describe("products that share a title", () => {
  it("are one bar each, told apart by their SKU", async () => {
    const root = await run(chartOf("same_titles"));
    const [bars] = marks(root, "rect");
    expect(bars.map((i) => [i.datum?.key, i.datum?.value])).toEqual([["MUG-RED", 33.3], ["MUG-BLU", 20], ["PLT-1", 12.5]]);
    expect(new Set(bars.map((i) => i.datum?.label)).size).toBe(3);
  });

  it("keep their titles as text in the table beside the chart", () => {
    const { container } = render(<AnswerTableView table={fixtures.same_titles.table as unknown as AnswerTable} />);
    expect(screen.getByText("<b>Plate</b>")).toBeInTheDocument();
    expect(container.querySelector("b")).toBeNull();
    const first = within(screen.getAllByRole("row")[1]).getAllByRole("cell").map((c) => c.textContent);
    expect(first.slice(0, 4)).toEqual(["MUG-RED", "Classic Mug", "$12.00", "$9.00"]);
  });
});

describe("a deep answer", () => {
  it("writes its table's money with the currency, as a quick answer does", () => {
    const table = fixtures.price_cut.table as unknown as AnswerTable;
    render(<AnswerTableView table={{ ...table, currency: "USD" }} />);
    const headers = screen.getAllByRole("columnheader").map((h) => h.textContent);
    const cells = within(screen.getAllByRole("row")[1]).getAllByRole("cell").map((c) => c.textContent);
    expect(cells[headers.indexOf("New price")]).toBe("$17.09");
    expect(cells[headers.indexOf("Change in revenue")]).toBe("-$153.30");
    render(<AnswerTableView table={{ ...table, currency: null }} />); // a job from before the fix: none invented
    expect(screen.getAllByText("17.09")).toHaveLength(1);
  });
});
