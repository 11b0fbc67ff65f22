import { useLecternClient, useLecternSession, usePersonalized } from "@lectern/client/react";
import type { Personalized, PersonalizedResult } from "@lectern/client";
import { useLocation } from "@docusaurus/router";
import Translate, { translate } from "@docusaurus/Translate";
import { useState, type FormEvent } from "react";
import { answerWord, useCurrentPageUrl, useLecternThemeConfig, withLecternRoot } from "@lectern/theme";
import ResultList from "./ResultList";
import styles from "./styles.module.css";

/** Pages recommended per chapter, and sections shown per question. */
const pagesPerChapter = 4;
const sectionsPerQuestion = 5;
/** Enough chunks that every page of a chapter is likely to have its best section among them. */
const chunksPerChapter = 30;

/** The panel's place on the page: the compact entries near the top link here. */
export const forYouAnchor = "lectern-for-you";

const panelLabel = () => translate({ id: "lectern.panel.label", message: "Personalized reading" });

/** "For you" (the chapter ranked for this reader) and "Ask the book" (a search ranked the same way). */
function LecternReaderPanel({ chapter }: { chapter?: string }) {
  return (
    <aside id={forYouAnchor} className={styles.panel} aria-label={panelLabel()} data-testid="reader-panel">
      <ForYou chapter={chapter} />
      <AskTheBook />
    </aside>
  );
}

export default withLecternRoot(LecternReaderPanel);

export function ReaderPanelLoading() {
  return (
    <aside id={forYouAnchor} className={styles.panel} aria-label={panelLabel()} aria-busy="true">
      <h2 className={styles.heading}>
        <Translate id="lectern.forYou.heading">For you</Translate>
      </h2>
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
      <span className="sr-only">
        <Translate id="lectern.forYou.loading">Loading recommendations…</Translate>
      </span>
    </div>
  );
}

function ForYou({ chapter }: { chapter?: string }) {
  // The page being read is left out: "For you" points to what to read next.
  const { pathname } = useLocation();
  const answer = usePersonalized({ chapter, limit: chunksPerChapter, current: pathname });
  return (
    <section data-testid="for-you" aria-busy={answer.status === "loading"}>
      <h2 className={styles.heading}>
        <Translate id="lectern.forYou.heading">For you</Translate>
      </h2>
      {answer.status === "loading" && <LoadingLines />}
      {answer.status === "error" && (
        <p className={styles.quiet} data-testid="reader-panel-unavailable">
          <Translate id="lectern.forYou.unavailable">Recommendations are unavailable right now. The book reads the same without them.</Translate>
        </p>
      )}
      {answer.status === "ready" && (
        <>
          <RankingNote answer={answer.data} />
          <ResultList
            results={bestSectionPerPage(answer.data.results).slice(0, pagesPerChapter)}
            by="page"
            emptyText={translate({ id: "lectern.forYou.empty", message: "Nothing in this chapter yet." })}
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
        <Translate
          id="lectern.forYou.rankedFor"
          values={{
            software: answerWord(background.software_experience),
            programming: answerWord(background.programming_background),
            hardware: answerWord(background.hardware_knowledge),
          }}
        >
          {"Ranked for your answers: software experience “{software}”, programming background “{programming}”, hardware knowledge “{hardware}”."}
        </Translate>{" "}
        <a href={client.accountUrl(here)}>
          <Translate id="lectern.forYou.changeAnswers">Change your answers</Translate>
        </a>
      </p>
    );
  }
  // A signed-in reader without a background (an account begun by school sign-in or a passkey): Lectern ranks as for a guest and says so.
  if (answer.prompt?.reason === "background_missing" || session.status === "signed-in") {
    return (
      <p className={styles.prompt} data-testid="background-prompt">
        <Translate
          id="lectern.forYou.answerQuestions"
          values={{
            questions: (
              <a href={client.welcomeUrl(here)}>
                <Translate id="lectern.forYou.threeQuestions">three questions about your background</Translate>
              </a>
            ),
          }}
        >
          {"Answer {questions} and this panel ranks the chapter for you. Until then it shows the book's own order."}
        </Translate>
      </p>
    );
  }
  return (
    <p className={styles.prompt} data-testid="signup-prompt">
      <Translate
        id="lectern.forYou.signUpPrompt"
        values={{
          signUp: (
            <a href={client.signUpUrl(here)}>
              <Translate id="lectern.navbar.signUp">Sign up</Translate>
            </a>
          ),
          signIn: (
            <a href={client.signInUrl(here)}>
              <Translate id="lectern.navbar.signIn">Sign in</Translate>
            </a>
          ),
        }}
      >
        {"{signUp} and answer three questions about your background, and this panel ranks the chapter for you, with the reasons. Have an account? {signIn}."}
      </Translate>
    </p>
  );
}

function AskTheBook() {
  const { askPlaceholder } = useLecternThemeConfig();
  const [draft, setDraft] = useState("");
  const [question, setQuestion] = useState("");
  const answer = usePersonalized({ q: question, limit: sectionsPerQuestion, enabled: question !== "" });

  function ask(event: FormEvent) {
    event.preventDefault();
    setQuestion(draft.trim());
  }

  return (
    <section className={styles.ask} data-testid="ask-the-book">
      <h2 className={styles.heading}>
        <Translate id="lectern.ask.heading">Ask the book</Translate>
      </h2>
      <form role="search" className={styles.askForm} onSubmit={ask}>
        <label htmlFor="ask-the-book-input" className="sr-only">
          <Translate id="lectern.ask.label">Search the book</Translate>
        </label>
        <input
          id="ask-the-book-input"
          className={styles.askInput}
          type="search"
          value={draft}
          maxLength={500}
          placeholder={askPlaceholder ?? translate({ id: "lectern.ask.placeholder", message: "Ask about a topic in this book" })}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={draft.trim() === ""}>
          <Translate id="lectern.ask.submit">Ask</Translate>
        </button>
      </form>
      {question !== "" && answer.status === "loading" && <LoadingLines />}
      {question !== "" && answer.status === "error" && (
        <p className={styles.quiet}>
          {answer.error.code === "INVALID_INPUT"
            ? answer.error.message
            : translate({ id: "lectern.ask.unavailable", message: "Search is unavailable right now." })}
        </p>
      )}
      {question !== "" && answer.status === "ready" && (
        <ResultList
          results={answer.data.results}
          by="section"
          emptyText={translate({ id: "lectern.ask.empty", message: "Nothing in the book matches “{question}”." }, { question })}
          testId="ask-results"
        />
      )}
    </section>
  );
}

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
