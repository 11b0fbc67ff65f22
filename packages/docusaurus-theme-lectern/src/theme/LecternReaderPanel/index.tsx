import { useLecternClient, useLecternSession, usePersonalized } from "@lectern/client/react";
import type { Personalized, PersonalizedResult } from "@lectern/client";
import { useLocation } from "@docusaurus/router";
import { useState, type FormEvent } from "react";
import { useCurrentPageUrl } from "@lectern/theme";
import ResultList from "./ResultList";
import styles from "./styles.module.css";

/** Pages recommended per chapter, and sections shown per question. */
const pagesPerChapter = 4;
const sectionsPerQuestion = 5;
/** Enough chunks that every page of a chapter is likely to have its best section among them. */
const chunksPerChapter = 30;

/** "For you" (the chapter ranked for this reader) and "Ask the book" (a search ranked the same way). */
export default function LecternReaderPanel({ chapter }: { chapter?: string }) {
  return (
    <aside className={styles.panel} aria-label="Personalized reading" data-testid="reader-panel">
      <ForYou chapter={chapter} />
      <AskTheBook />
    </aside>
  );
}

export function ReaderPanelLoading() {
  return (
    <aside className={styles.panel} aria-label="Personalized reading" aria-busy="true">
      <h2 className={styles.heading}>For you</h2>
      <LoadingLines />
    </aside>
  );
}

function LoadingLines() {
  return (
    <div className={styles.loading} role="status" data-testid="reader-panel-loading">
      <span className={styles.skeleton} />
      <span className={styles.skeleton} />
      <span className={styles.skeleton} />
      <span className="sr-only">Loading recommendations…</span>
    </div>
  );
}

function ForYou({ chapter }: { chapter?: string }) {
  // The page being read is left out: "For you" points to what to read next.
  const { pathname } = useLocation();
  const answer = usePersonalized({ chapter, limit: chunksPerChapter, current: pathname });
  return (
    <section data-testid="for-you" aria-busy={answer.status === "loading"}>
      <h2 className={styles.heading}>For you</h2>
      {answer.status === "loading" && <LoadingLines />}
      {answer.status === "error" && (
        <p className={styles.quiet} data-testid="reader-panel-unavailable">
          Recommendations are unavailable right now. The book reads the same without them.
        </p>
      )}
      {answer.status === "ready" && (
        <>
          <RankingNote answer={answer.data} />
          <ResultList
            results={bestSectionPerPage(answer.data.results).slice(0, pagesPerChapter)}
            by="page"
            emptyText="Nothing in this chapter yet."
            testId="for-you-results"
          />
        </>
      )}
    </section>
  );
}

/** Says what the ranking is based on: the reader's background, or nothing yet (with the sign-up prompt). */
function RankingNote({ answer }: { answer: Personalized }) {
  const client = useLecternClient();
  const session = useLecternSession();
  const here = useCurrentPageUrl();
  const background = answer.profile?.background;
  if (answer.personalized && background) {
    return (
      <p className={styles.note} data-testid="ranked-for">
        Ranked for your answers: software experience “{answerWord(background.software_experience)}”, programming background “
        {answerWord(background.programming_background)}”, hardware knowledge “{answerWord(background.hardware_knowledge)}”.{" "}
        <a href={client.accountUrl(here)}>Change it</a>
      </p>
    );
  }
  if (session.status === "signed-in") {
    return (
      <p className={styles.note}>
        Answer the background questions on <a href={client.accountUrl(here)}>your account</a> to rank this for you.
      </p>
    );
  }
  return (
    <p className={styles.prompt} data-testid="signup-prompt">
      <a href={client.signUpUrl(here)}>Sign up</a> and answer three questions about your background, and this panel ranks the chapter for you, with the reasons.
      Have an account? <a href={client.signInUrl(here)}>Sign in</a>.
    </p>
  );
}

function AskTheBook() {
  const [draft, setDraft] = useState("");
  const [question, setQuestion] = useState("");
  const answer = usePersonalized({ q: question, limit: sectionsPerQuestion, enabled: question !== "" });

  function ask(event: FormEvent) {
    event.preventDefault();
    setQuestion(draft.trim());
  }

  return (
    <section className={styles.ask} data-testid="ask-the-book">
      <h2 className={styles.heading}>Ask the book</h2>
      <form role="search" className={styles.askForm} onSubmit={ask}>
        <label htmlFor="ask-the-book-input" className="sr-only">
          Search the book
        </label>
        <input
          id="ask-the-book-input"
          className={styles.askInput}
          type="search"
          value={draft}
          maxLength={500}
          placeholder="e.g. PID tuning"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={draft.trim() === ""}>
          Ask
        </button>
      </form>
      {question !== "" && answer.status === "loading" && <LoadingLines />}
      {question !== "" && answer.status === "error" && (
        <p className={styles.quiet}>{answer.error.code === "INVALID_INPUT" ? answer.error.message : "Search is unavailable right now."}</p>
      )}
      {question !== "" && answer.status === "ready" && (
        <ResultList results={answer.data.results} by="section" emptyText={`Nothing in the book matches “${question}”.`} testId="ask-results" />
      )}
    </section>
  );
}

/** An answer as the background form shows it ("expert" → "Expert"). */
const answerWord = (answer: string) => answer.charAt(0).toUpperCase() + answer.slice(1);

/** Lectern ranks sections; the chapter panel recommends pages, each by its best-ranked section. */
function bestSectionPerPage(results: PersonalizedResult[]): PersonalizedResult[] {
  const seen = new Set<string>();
  return results.filter((result) => {
    const page = result.url.split("#")[0]!;
    if (seen.has(page)) return false;
    seen.add(page);
    return true;
  });
}
