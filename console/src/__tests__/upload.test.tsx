import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { UploadPage, SIGNED_THRESHOLD, currencyCode } from "../pages/Upload";
import { clearToken, setToken } from "../auth/session";
import { fakeToken, renderAt, serve } from "./helpers";

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** An XMLHttpRequest that records what was sent and answers 201 with progress events. */
function fakeXhr(sent: Sent[], answer: (s: Sent) => unknown, status = 201) {
  class FakeXhr {
    upload = { onprogress: null as null | ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) };
    onload: null | (() => void) = null;
    onerror: null | (() => void) = null;
    status = 0;
    responseText = "";
    private s: Sent = { method: "", url: "", headers: {}, body: null };
    open(method: string, url: string) { this.s.method = method; this.s.url = url; }
    setRequestHeader(k: string, v: string) { this.s.headers[k] = v; }
    send(body: unknown) {
      this.s.body = body;
      sent.push(this.s);
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        this.status = status;
        this.responseText = JSON.stringify(answer(this.s));
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
}

afterEach(() => {
  clearToken();
  vi.unstubAllGlobals();
});

const INGESTION = { ingestion_id: "ing_" + "0".repeat(24), kind: "sales", status: "processed", source: "upload", upload_id: "up_1", original_filename: "big.csv", rows_read: 5, accepted: 4, rejected: 0, duplicates: 1 };

describe("Upload", () => {
  it("says a refused file was not read: no 'detecting kind' and no progress bar beside the reason", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    const reason = "cannot tell the kind of data from the header; columns seen: foo, bar, baz";
    fakeXhr(sent, () => ({ error: { code: "invalid_input", message: reason, details: {} } }), 400);
    serve(() => ({ body: { items: [] } }));
    renderAt("/upload", <UploadPage />);
    const file = new File(["foo,bar,baz\n1,2,3\n"], "notes.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(screen.queryByText("detecting kind…")).toBeNull();
    expect(screen.getByText("not read")).toBeInTheDocument();
    expect(screen.queryByLabelText("Upload of notes.csv")).toBeNull();
  });

  it("sends a small file straight to /v1/uploads with the token, then shows its outcome", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    fakeXhr(sent, () => ({ upload_id: "up_1", kind: "sales", bucket: "b", object: "o", size: 10, generation: "1" }));
    serve(() => ({ body: { items: [INGESTION] } }));
    renderAt("/upload", <UploadPage />);
    const file = new File(["order_id,sku,date,units\n1,A,2025-01-01,2\n"], "small.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    await screen.findByText("Sales");
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe("POST");
    expect(sent[0].url).toBe("/v1/uploads?filename=small.csv");
    expect(sent[0].headers.Authorization).toMatch(/^Bearer /);
    expect(await screen.findByText("processed")).toBeInTheDocument();
  });

  it("sends a large file through a signed URL on this origin, with its kind guessed from the header", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    fakeXhr(sent, () => null);  // GCS-like: the PUT answers without a body
    const calls = serve((url) => url.startsWith("/v1/uploads:signed-url")
      ? { status: 201, body: { url: "http://127.0.0.1:9999/v1/blobs/raw-bucket/raw/t-1/sales/2026/12/05/up_2/big.csv?expires=1&signature=s", method: "PUT", object: "raw/t-1/sales/2026/12/05/up_2/big.csv", bucket: "raw-bucket", content_type: "text/csv", expires_at: "" } }
      : { body: { items: [{ ...INGESTION, upload_id: "up_2" }] } });
    renderAt("/upload", <UploadPage />);
    const file = new File(["order_id,sku,date,units\n"], "big.csv", { type: "text/csv" });
    Object.defineProperty(file, "size", { value: SIGNED_THRESHOLD + 1 });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    await waitFor(() => expect(sent).toHaveLength(1));
    const signed = JSON.parse(String(calls[0].init.body));
    expect(signed).toEqual({ kind: "sales", filename: "big.csv", content_type: "text/csv" });
    expect(sent[0].method).toBe("PUT");
    expect(sent[0].url).toBe("/v1/blobs/raw-bucket/raw/t-1/sales/2026/12/05/up_2/big.csv?expires=1&signature=s");
    expect(sent[0].headers.Authorization).toBeUndefined();  // the signature authorises the PUT, not the token
    expect(await screen.findByText("processed")).toBeInTheDocument();  // the ingestion of upload up_2
    expect(calls.filter((c) => c.url.startsWith("/v1/datasets/ingestions")).length).toBeGreaterThan(0);
  });

  it("sends an Excel workbook and shows what became of each sheet, each sheet's counts on its own", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    fakeXhr(sent, () => ({ upload_id: "up_3", kind: "workbook", bucket: "b", object: "raw/t-1/workbook/o", size: 10, generation: "1" }));
    const sheet1 = "ing_" + "1".repeat(24), sheet2 = "ing_" + "2".repeat(24);
    const book = { ...INGESTION, ingestion_id: "ing_" + "3".repeat(24), upload_id: "up_3", original_filename: "online_retail_II.xlsx",
      rows_read: 7, accepted: 6, duplicates: 0, skipped: 1, derived: [sheet1, sheet2],
      note: "sheet 'Year 2009-2010' -> sales (4 rows); sheet 'Year 2010-2011' -> sales (2 rows); sheet 'People' skipped (1 rows): cannot tell the kind" };
    const sheets = [
      { ...INGESTION, ingestion_id: sheet1, upload_id: "up_3", sheet: "Year 2009-2010", original_filename: "online_retail_II.xlsx:Year 2009-2010", rows_read: 4, accepted: 3, rejected: 1, duplicates: 0 },
      { ...INGESTION, ingestion_id: sheet2, upload_id: "up_3", sheet: "Year 2010-2011", status: "staged", rows_read: 2, accepted: 2, duplicates: 0 },
    ];
    let polls = 0;
    const calls = serve((url) => {
      if (url.startsWith("/v1/datasets/ingestions/")) return { body: { ingestion_id: sheet1, items: [{ row_number: 3, column: "Quantity", reason: "a stock adjustment" }], total: 1 } };
      polls += 1;
      // the second sheet finishes on a later poll: the page keeps polling until every sheet is done
      return { body: { items: [book, sheets[0], polls > 1 ? { ...sheets[1], status: "processed" } : sheets[1]] } };
    });
    renderAt("/upload", <UploadPage />);
    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], "online_retail_II.xlsx");
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    expect(await screen.findByText(/sheet 'People' skipped/)).toBeInTheDocument();
    expect(sent[0].url).toBe("/v1/uploads?filename=online_retail_II.xlsx");
    const first = screen.getByRole("region", { name: "Sheet Year 2009-2010" });
    expect(first).toHaveTextContent("Sheet Year 2009-2010 (Sales)");
    expect(first).toHaveTextContent("Rows read4Accepted3Rejected1");
    expect(await screen.findByText("a stock adjustment")).toBeInTheDocument();  // that sheet's rejects
    const second = screen.getByRole("region", { name: "Sheet Year 2010-2011" });
    await waitFor(() => expect(second).toHaveTextContent("processed"), { timeout: 4000 });
    expect(calls.filter((c) => c.url.startsWith("/v1/datasets/ingestions?")).length).toBeGreaterThan(1);
  });

  it("sends a large workbook through a signed URL without a kind (each sheet names its own)", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    fakeXhr(sent, () => null);
    const calls = serve((url) => url.startsWith("/v1/uploads:signed-url")
      ? { status: 201, body: { url: "/v1/blobs/raw-bucket/raw/t-1/workbook/2026/12/05/up_4/big.xlsx?signature=s", method: "PUT", object: "raw/t-1/workbook/2026/12/05/up_4/big.xlsx", bucket: "raw-bucket", content_type: "x", expires_at: "" } }
      : { body: { items: [] } });
    renderAt("/upload", <UploadPage />);
    const file = new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], "Sample - Superstore.xls");
    Object.defineProperty(file, "size", { value: SIGNED_THRESHOLD + 1 });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ filename: "Sample - Superstore.xls", content_type: "application/vnd.ms-excel" });
    expect(sent[0].headers["Content-Type"]).toBe("application/vnd.ms-excel");
  });

  it("states the chosen currency on a direct upload and shows it in the result", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    fakeXhr(sent, (s) => ({ upload_id: "up_1", kind: "sales", bucket: "b", object: "o", size: 10, generation: "1",
      currency: new URL(s.url, "http://x").searchParams.get("currency") }));
    serve(() => ({ body: { items: [INGESTION] } }));
    renderAt("/upload", <UploadPage />);
    fireEvent.change(screen.getByLabelText(/Currency of the amounts/), { target: { value: "gbp" } });
    const file = new File(["order_id,sku,date,units,unit_price\n1,A,2025-01-01,2,9.99\n"], "small.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    await screen.findByText("processed");
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe("/v1/uploads?filename=small.csv&currency=GBP");
    expect(screen.getByText("Currency").nextSibling).toHaveTextContent("GBP");
  });

  it("states the currency in a signed-URL request", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    fakeXhr(sent, () => null);
    const calls = serve((url, init) => url.startsWith("/v1/uploads:signed-url")
      ? { status: 201, body: { url: "/v1/blobs/raw-bucket/raw/t-1/sales/2026/12/05/up_2/big.csv?signature=s", method: "PUT", object: "raw/t-1/sales/2026/12/05/up_2/big.csv", bucket: "raw-bucket", content_type: "text/csv", expires_at: "", currency: JSON.parse(String(init?.body)).currency } }
      : { body: { items: [{ ...INGESTION, upload_id: "up_2" }] } });
    renderAt("/upload", <UploadPage />);
    fireEvent.change(screen.getByLabelText(/Currency of the amounts/), { target: { value: "EUR" } });
    const file = new File(["order_id,sku,date,units\n"], "big.csv", { type: "text/csv" });
    Object.defineProperty(file, "size", { value: SIGNED_THRESHOLD + 1 });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ kind: "sales", filename: "big.csv", content_type: "text/csv", currency: "EUR" });
    await screen.findByText("processed");
    expect(screen.getByText("Currency").nextSibling).toHaveTextContent("EUR");
  });

  it("shows no currency for a kind whose rows carry none (reviews)", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    fakeXhr(sent, () => ({ upload_id: "up_1", kind: "reviews", bucket: "b", object: "o", size: 10, generation: "1", currency: "GBP" }));
    serve(() => ({ body: { items: [{ ...INGESTION, kind: "reviews" }] } }));
    renderAt("/upload", <UploadPage />);
    fireEvent.change(screen.getByLabelText(/Currency of the amounts/), { target: { value: "GBP" } });
    const file = new File(["review_id,sku,date,stars,body\nr1,A,2024-10-01,5,Great\n"], "reviews.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    await screen.findByText("processed");
    expect(sent[0].url).toBe("/v1/uploads?filename=reviews.csv&currency=GBP");
    expect(screen.queryByText("Currency")).toBeNull();
  });

  it("sends nothing while the currency is not three letters", async () => {
    setToken(fakeToken("analyst"));
    const sent: Sent[] = [];
    fakeXhr(sent, () => ({ upload_id: "up_1", kind: "sales", bucket: "b", object: "o", size: 10, generation: "1" }));
    serve(() => ({ body: { items: [INGESTION] } }));
    renderAt("/upload", <UploadPage />);
    const field = screen.getByLabelText(/Currency of the amounts/);
    fireEvent.change(field, { target: { value: "£" } });
    expect(await screen.findByRole("alert")).toHaveTextContent("three-letter ISO 4217 code");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("button", { name: "Choose files" })).toBeDisabled();
    const file = new File(["order_id,sku,date,units\n1,A,2025-01-01,2\n"], "small.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toHaveLength(0);
    expect(screen.queryByText("small.csv")).toBeNull();
  });

  it("offers common codes and sends no currency when the field is empty", () => {
    renderAt("/upload", <UploadPage />);
    const options = Array.from(document.querySelectorAll("#upload-currencies option")).map((o) => o.getAttribute("value"));
    expect(options).toEqual(expect.arrayContaining(["USD", "EUR", "GBP"]));
    expect(currencyCode("")).toBe("");
    expect(currencyCode(" gbp ")).toBe("GBP");
    expect(currencyCode("EURO")).toBeNull();
  });
});
