// Ask: a question box with example questions and this session's history. Quick answers come back at once;
// deep mode returns a job that is polled (GET /v1/jobs/{id}) with the agents' progress. Every question of a
// browser session carries the same session_id, so follow-ups ("and last month?") resolve against it.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { Send } from "lucide-react";
import { api } from "../api/client";
import type { JobView, QueryResponse, Report } from "../api/types";
import { ReportView } from "../components/ReportView";
import { ErrorNote, Loading } from "../components/Status";

export const EXAMPLES = [
  "What was revenue last month?",
  "Which of my products are overpriced compared to competitors?",
  "What are customers complaining about in their reviews over the last 90 days?",
  "Forecast demand for the next 4 weeks and tell me which products risk a stockout.",
];

interface Asked {
  question: string;
  mode: "quick" | "deep";
  report?: Report;
  jobId?: string;
}

const HISTORY = "ecomintel.ask.history";
const SESSION = "ecomintel.ask.session";

function sessionId(): string {
  let id = sessionStorage.getItem(SESSION);
  if (!id) {
    id = crypto.randomUUID().replace(/-/g, "");
    sessionStorage.setItem(SESSION, id);
  }
  return id;
}

function loadHistory(): Asked[] {
  try {
    return JSON.parse(sessionStorage.getItem(HISTORY) ?? "[]") as Asked[];
  } catch {
    return [];
  }
}

function JobProgress({ jobId, onDone }: { jobId: string; onDone: (r: Report) => void }) {
  const job = useQuery({
    queryKey: ["job", jobId],
    queryFn: () => api<JobView>(`/v1/jobs/${jobId}`),
    refetchInterval: (q) => (q.state.data?.status === "done" ? false : 1000),
  });
  const data = job.data;
  useEffect(() => {
    if (data?.status === "done" && data.report) onDone(data.report);
  }, [data, onDone]);
  if (job.error) return <ErrorNote error={job.error} />;
  const total = data?.agents.length ?? 0;
  const done = data?.parts_done.length ?? 0;
  return (
    <div className="progress-block" role="status" aria-live="polite">
      <p>Deep analysis running: {done} of {total || "?"} agents done{data ? ` (${data.parts_done.join(", ") || "starting"})` : ""}.</p>
      <progress max={Math.max(total, 1)} value={done} aria-label="Deep analysis progress" />
    </div>
  );
}

export function AskPage() {
  const [params, setParams] = useSearchParams();
  const [question, setQuestion] = useState(params.get("q") ?? "");
  const [deep, setDeep] = useState(false);
  const [history, setHistory] = useState<Asked[]>(loadHistory);
  const [current, setCurrent] = useState<Asked | null>(() => loadHistory().at(-1) ?? null);

  useEffect(() => {
    sessionStorage.setItem(HISTORY, JSON.stringify(history.slice(-20)));
  }, [history]);

  const answerTop = useRef<HTMLHeadingElement>(null);
  const [arrived, setArrived] = useState(0);
  // a new answer is brought into view (on a phone the form and examples fill the first screen)
  useEffect(() => {
    if (arrived) answerTop.current?.scrollIntoView?.({ block: "start" });
  }, [arrived]);

  const ask = useMutation({
    mutationFn: (q: { question: string; mode: "quick" | "deep" }) =>
      api<QueryResponse>("/v1/query", { method: "POST", body: { ...q, session_id: sessionId() } }),
    onSuccess: (resp, q) => {
      const item: Asked = { question: q.question, mode: q.mode, report: resp.report ?? undefined, jobId: resp.job_id ?? undefined };
      setCurrent(item);
      setHistory((h) => [...h, item]);
      setArrived((n) => n + 1);
    },
  });

  function submit(e?: FormEvent, text = question) {
    e?.preventDefault();
    const q = text.trim();
    if (q.length < 3 || ask.isPending) return;
    setQuestion(q);
    setParams({ q }, { replace: true });
    ask.mutate({ question: q, mode: deep ? "deep" : "quick" });
  }

  // a question linked from elsewhere (a dashboard tile) is asked once on arrival
  useEffect(() => {
    const q = params.get("q");
    if (q && params.get("go") === "1") submit(undefined, q);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function finished(report: Report) {
    setCurrent((c) => (c && !c.report ? { ...c, report } : c));
    setHistory((h) => h.map((x) => (x.jobId && x.jobId === report.job_id ? { ...x, report } : x)));
  }

  const examples = (
    <div className="examples" aria-label="Example questions">
      {EXAMPLES.map((q) => (
        <button key={q} type="button" className="chip" onClick={() => { setQuestion(q); submit(undefined, q); }}>{q}</button>
      ))}
    </div>
  );

  return (
    <section className="ask">
      <h1>Ask</h1>
      <form className="ask-form" onSubmit={submit}>
        <label htmlFor="question">Your question</label>
        <div className="row">
          <textarea id="question" rows={2} maxLength={2000} value={question} placeholder="e.g. What was revenue last month?"
                    onChange={(e) => setQuestion(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === "Enter" && !e.shiftKey) submit(e as unknown as FormEvent);
                    }} />
          <button type="submit" disabled={ask.isPending || question.trim().length < 3}>
            <Send size={16} aria-hidden /> {ask.isPending ? "Asking…" : "Ask"}
          </button>
        </div>
        <label className="inline">
          <input type="checkbox" checked={deep} onChange={(e) => setDeep(e.target.checked)} /> Deep analysis (runs every agent in the background)
        </label>
      </form>
      {current ? (
        // once there is an answer, the examples fold away: on a phone they would push it below the fold
        <details className="examples-fold">
          <summary>Example questions</summary>
          {examples}
        </details>
      ) : examples}
      <ErrorNote error={ask.error} />
      {ask.isPending ? <Loading what="Working out the answer" /> : null}
      <div className="ask-body">
        <div className="ask-main">
          {current && !ask.isPending ? (
            <>
              <h2 className="question" ref={answerTop} tabIndex={-1}>{current.question}</h2>
              {current.report ? <ReportView report={current.report} /> : null}
              {!current.report && current.jobId ? <JobProgress jobId={current.jobId} onDone={finished} /> : null}
            </>
          ) : null}
        </div>
        {history.length ? (
          <aside className="history" aria-label="This session's questions">
            <h2>This session</h2>
            <ol>
              {[...history].reverse().map((h, i) => (
                <li key={i}>
                  <button type="button" className="link" onClick={() => setCurrent(h)}>{h.question}</button>
                </li>
              ))}
            </ol>
          </aside>
        ) : null}
      </div>
    </section>
  );
}
