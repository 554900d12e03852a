// A chart that cannot be drawn, or draws nothing, never leaves an empty frame: a short note, and the chart's figures
// as text when the answer has no table of its own. vega-embed is stubbed here: what it does is the point.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";

// a plain function, not a spy: a spy's own bookkeeping of a rejected promise would count as unhandled
const embed = vi.hoisted(() => ({ next: (): Promise<unknown> => Promise.resolve(), calls: [] as unknown[][] }));
vi.mock("vega-embed", () => ({
  default: (...args: unknown[]) => {
    embed.calls.push(args);
    return embed.next();
  },
}));

import Chart, { chartRows, drewMarks } from "../components/Chart";

const SPEC = {
  data: { values: [{ key: "MUG-RED", label: "Classic Mug (MUG-RED)", value: 33.3 },
                   { key: "X", label: "<img src=x onerror=alert(1)>", value: 12.5 }] },
  mark: "bar",
  encoding: { y: { field: "label", type: "nominal" }, x: { field: "value", type: "quantitative" } },
};

/** A rendered view as vega-embed resolves it, with the given scene graph. */
function drawn(root: unknown) {
  return { view: { scenegraph: () => ({ root }) }, finalize: vi.fn() };
}

const BARS = { marktype: "group", role: "frame", items: [{ items: [
  { marktype: "rule", role: "axis-domain", items: [{}] },
  { marktype: "rect", role: "mark", items: [{}, {}] },
] }] };
const AXES_ONLY = { marktype: "group", role: "frame", items: [{ items: [
  { marktype: "rule", role: "axis-domain", items: [{}] },
  { marktype: "rect", role: "mark", items: [] },
] }] };

beforeEach(() => {
  embed.calls = [];
});

describe("a chart that draws", () => {
  it("is a labelled image, sized to its container when it is one view", async () => {
    embed.next = () => Promise.resolve(drawn(BARS));
    render(<Chart spec={SPEC} label="Chart: gaps" />);
    await waitFor(() => expect(embed.calls.length).toBeGreaterThan(0));
    const chart = screen.getByRole("img", { name: "Chart: gaps" });
    await waitFor(() => expect(chart).toHaveClass("drawn")); // as tall as what was drawn, not the loading frame
    expect(embed.calls[0][1]).toMatchObject({ width: "container" });
    expect(screen.queryByTestId("chart-failed")).toBeNull();
  });

  it("leaves a side-by-side view (a what-if's units and revenue) to size itself", async () => {
    embed.next = () => Promise.resolve(drawn(BARS));
    const spec = { hconcat: [SPEC, SPEC] };
    render(<Chart spec={spec} label="Chart: what-if" />);
    await waitFor(() => expect(embed.calls.length).toBeGreaterThan(0));
    expect(embed.calls[0][1]).not.toHaveProperty("width");
  });
});

describe("a chart that cannot be drawn", () => {
  it("shows its figures as text, not an empty frame, when the answer has no table", async () => {
    embed.next = () => Promise.reject(new Error("Unrecognized signal name"));
    const { container } = render(<Chart spec={SPEC} label="Chart: gaps" />);
    const failed = await screen.findByTestId("chart-failed");
    expect(screen.queryByTestId("chart")).toBeNull();
    expect(failed).toHaveTextContent("The chart could not be drawn; its figures:");
    const rows = within(failed).getAllByRole("row").map((r) => r.textContent);
    expect(rows).toEqual(["labelvalue", "Classic Mug (MUG-RED)33.3", "<img src=x onerror=alert(1)>12.5"]);
    expect(container.querySelector("img")).toBeNull(); // a title is text, never markup
  });

  it("points to the answer's table rather than repeating it", async () => {
    embed.next = () => Promise.reject(new Error("boom"));
    render(<Chart spec={SPEC} label="Chart: gaps" hasTable />);
    const failed = await screen.findByTestId("chart-failed");
    expect(failed).toHaveTextContent("The chart could not be drawn; the figures are in the table below.");
    expect(within(failed).queryByRole("table")).toBeNull();
  });

  it("counts a view with axes and no mark as not drawn", async () => {
    embed.next = () => Promise.resolve(drawn(AXES_ONLY));
    render(<Chart spec={{ ...SPEC, data: { values: [] } }} label="Chart: nothing" hasTable />);
    expect(await screen.findByTestId("chart-failed")).toBeInTheDocument();
    expect(screen.queryByRole("img")).toBeNull();
  });
});

describe("reading a scene and a spec", () => {
  it("finds a data mark only where one was drawn", () => {
    expect(drewMarks(BARS)).toBe(true);
    expect(drewMarks(AXES_ONLY)).toBe(false);
    expect(drewMarks(null)).toBe(false);
  });

  it("collects the figures of every part of a compound spec", () => {
    const rows = chartRows({ hconcat: [{ data: { values: [{ a: 1 }] } }, { layer: [{ data: { values: [{ a: 2 }] } }] }] });
    expect(rows).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
