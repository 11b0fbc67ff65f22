import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sessionFromRequest } from "@/lib/auth";
import { config } from "@/lib/config";
import { isAuthor, minimumCount, readInsights } from "@/lib/insights";
import { backgroundQuestions } from "@/lib/profile";
import { currentRequest } from "@/lib/http";
import { BarRow, Count, LevelLegend, LevelSplit, trackNames } from "./_components/charts";
import { ReaderComments } from "./_components/comments";
import styles from "./insights.module.css";

export const metadata: Metadata = { title: "Insights for authors" };
export const dynamic = "force-dynamic";

const reasonNames: Record<string, string> = {
  too_hard: "Too hard",
  too_easy: "Too easy",
  unclear: "Unclear",
  outdated: "Outdated",
  other: "Other",
};

const schedule = (hours: number) => (hours === 24 ? "once a day" : hours === 1 ? "every hour" : `every ${hours} hours`);
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const share = (value: number | null) => (value === null ? null : `${Math.round(value * 100)}%`);
/** "fewer than 5 readers": the hiding rule in words, from the one minimumCount lib/insights applies. */
const fewerThanMinimum = (what: string) => `fewer than ${minimumCount} ${what}`;
const largest = (values: (number | null)[]) => Math.max(0, ...values.map((value) => value ?? 0));
/** "Expert", as the reader picked it on the form, not the level id "expert". */
const answerName = (answer: string) => `${answer.charAt(0).toUpperCase()}${answer.slice(1)}`;

/** A headline figure; hidden, it says why in words ("not enough yet: fewer than 5 sign-ups timed"). */
function Stat({ label, value, hint, hiddenHint }: { label: string; value: string | null; hint: string; hiddenHint: string }) {
  return (
    <div className={styles.stat}>
      <small>{label}</small>
      <strong>{value ?? <span className={styles.hidden}>not enough yet</span>}</strong>
      <small>{value === null ? hiddenHint : hint}</small>
    </div>
  );
}

/** The authors' page (DESIGN "Authors' insights"): the API's aggregates drawn as bars. */
export default async function InsightsPage() {
  const session = await sessionFromRequest(await currentRequest());
  if (!session) redirect(`/sign-in?returnTo=${encodeURIComponent("/insights")}`);
  if (!isAuthor(session.user)) {
    return (
      <section className="card">
        <h1>Insights are for the book&apos;s authors</h1>
        <p className="lead">You are signed in as a reader. The book&apos;s operator names its authors; ask them if you write for this book.</p>
        <div className="row">
          <a className="button" href={config().BOOK_URL}>
            ← Back to {config().BOOK_NAME}
          </a>
          <a className="button secondary" href="/account">
            Your account
          </a>
        </div>
      </section>
    );
  }
  const insights = await readInsights();
  const { readers, searches, feedback, chapters, success, comments } = insights;
  // Bars are shares of every reader (when that figure is shown), not of the largest bar on the page.
  const everyone = readers.total ?? 0;
  const chapterMax = Math.max(everyone, largest(chapters.map((chapter) => chapter.readers_started)));

  return (
    <>
      <section className="card">
        <h1>Insights for authors</h1>
        <p className="lead">How the book works for readers of each background, in aggregates only.</p>
        <p className={styles.release}>
          Figures are released {schedule(config().INSIGHTS_RELEASE_HOURS)} with random noise (ε = {insights.epsilon} for each group of figures per release) so
          that no figure reveals one reader; this release is from {when(insights.released_at)} and the next is due at {when(insights.next_release_at)}. A figure
          under {minimumCount} after the noise shows as &ldquo;hidden&rdquo; (a hatched bar), so that no small group of readers can be singled out, and a search
          appears once enough different readers made it.
        </p>
        <div className={styles.stats}>
          <Stat
            label="Readers"
            value={readers.total === null ? null : readers.total.toLocaleString("en")}
            hint="accounts"
            hiddenHint={fewerThanMinimum("accounts")}
          />
          <Stat
            label="Sign-up time"
            value={success.signup_seconds_median === null ? null : `${Math.round(success.signup_seconds_median)} s`}
            hint="median, page to account"
            hiddenHint={fewerThanMinimum("sign-ups timed")}
          />
          <Stat
            label="First sign-in"
            value={share(success.first_signin_success_rate)}
            hint="succeeded at the first try"
            hiddenHint={fewerThanMinimum("first sign-ins")}
          />
          <Stat
            label="Background"
            value={share(success.background_completion_rate)}
            hint="answered all three questions"
            hiddenHint={fewerThanMinimum("readers")}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="answers">
        <h2 id="answers">Readers by answer</h2>
        {(Object.keys(readers.by_answer) as (keyof typeof readers.by_answer)[]).map((question) => {
          const counts = readers.by_answer[question] as Record<string, number | null>;
          const total = Math.max(
            everyone,
            Object.values(counts).reduce<number>((sum, value) => sum + (value ?? 0), 0),
          );
          return (
            <div key={question}>
              <h3 className={styles.question}>{backgroundQuestions[question].question}</h3>
              {Object.entries(counts).map(([answer, value]) => (
                <BarRow key={answer} label={answerName(answer)} value={value} total={total} />
              ))}
            </div>
          );
        })}
      </section>

      <section className="card" aria-labelledby="searches">
        <h2 id="searches">Searches that found little</h2>
        <p className="lead">
          <Count value={searches.total} /> searches by readers. Below: queries with fewer than 3 results on average, most searched first, and who asked them.
        </p>
        {searches.weak.length === 0 ? (
          <p className={styles.empty}>No query with little to show has been asked by enough readers for this release.</p>
        ) : (
          <>
            <LevelLegend restNote={`the rest of the query's readers: levels hidden (${fewerThanMinimum("readers")}) and readers without a background`} />
            {searches.weak.map((query) => (
              <div key={query.query} className={styles.item}>
                <h3>&ldquo;{query.query}&rdquo;</h3>
                <p className={styles.meta}>
                  <Count value={query.searches} /> searches by <Count value={query.readers} /> readers,{" "}
                  {query.avg_results === 1 ? "1 result" : `${query.avg_results} results`} on average
                </p>
                {trackNames.map((track) => (
                  <LevelSplit key={track} track={track} counts={query.by_background} total={query.readers} />
                ))}
              </div>
            ))}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="feedback">
        <h2 id="feedback">&ldquo;Was this helpful?&rdquo; by section</h2>
        {feedback.length === 0 ? (
          <p className={styles.empty}>Every section has {fewerThanMinimum("answers")} in this release, so none is shown yet.</p>
        ) : (
          <>
            <LevelLegend
              restNote={`the rest of the section's answers: other reasons or none, levels hidden (${fewerThanMinimum("readers")}) and readers without a background`}
            />
            {feedback.map((section) => {
              const helpful = section.helpful ?? 0;
              const notHelpful = section.not_helpful ?? 0;
              const total = helpful + notHelpful;
              // Every answer of the section, when both halves are shown: the known total each reason's bars are drawn to.
              const answers = section.helpful !== null && section.not_helpful !== null ? total : null;
              const reasons = Object.entries(section.reasons).filter(([, counts]) => Object.values(counts).some((value) => value !== null));
              return (
                <div key={section.url} className={styles.item}>
                  <h3>{section.title}</h3>
                  <p className={styles.meta}>
                    {section.url} · helpful <Count value={section.helpful} /> · not helpful <Count value={section.not_helpful} />
                  </p>
                  <div
                    className={styles.verdict}
                    role="img"
                    aria-label={`helpful ${section.helpful ?? "hidden"}, not helpful ${section.not_helpful ?? "hidden"}`}
                  >
                    {helpful > 0 && (
                      <div className={styles.helpful} style={{ width: `${(helpful / total) * 100}%` }}>
                        helpful
                      </div>
                    )}
                    {notHelpful > 0 && (
                      <div className={styles.notHelpful} style={{ width: `${(notHelpful / total) * 100}%` }}>
                        not helpful
                      </div>
                    )}
                  </div>
                  {reasons.length === 0 ? (
                    <p className={styles.meta}>Each reason was given by {fewerThanMinimum("readers")} of one background in this release: hidden.</p>
                  ) : (
                    reasons.map(([reason, counts]) => (
                      <div key={reason}>
                        <p className={styles.reason}>{reasonNames[reason] ?? reason}</p>
                        {trackNames.map((track) => (
                          <LevelSplit key={track} track={track} counts={counts} total={answers} />
                        ))}
                      </div>
                    ))
                  )}
                </div>
              );
            })}
          </>
        )}
      </section>

      <ReaderComments comments={comments} />

      <section className="card" aria-labelledby="chapters">
        <h2 id="chapters">Chapters: started and finished</h2>
        <p className={styles.legend}>
          <span>
            <i className={styles.started} style={{ position: "static" }} /> started
          </span>
          <span>
            <i className={styles.finished} style={{ position: "static" }} /> finished (every section read)
          </span>
        </p>
        {chapters.length === 0 ? (
          <p className={styles.empty}>The book has no indexed chapters yet.</p>
        ) : (
          chapters.map((chapter) => (
            <div key={chapter.chapter} className={styles.barRow}>
              <div className={styles.barLabel}>
                <span>{chapter.chapter}</span>
                <span className={styles.barValue}>
                  <Count value={chapter.readers_started} /> → <Count value={chapter.readers_finished} />
                </span>
              </div>
              <div
                className={styles.funnel}
                role="img"
                aria-label={`${chapter.chapter}: started ${chapter.readers_started ?? "hidden"}, finished ${chapter.readers_finished ?? "hidden"}`}
              >
                {chapter.readers_started === null && <div className={styles.stub} />}
                {chapter.readers_started !== null && chapterMax > 0 && (
                  <div className={styles.started} style={{ width: `${(chapter.readers_started / chapterMax) * 100}%` }} />
                )}
                {chapter.readers_finished !== null && chapterMax > 0 && (
                  <div className={styles.finished} style={{ width: `${(chapter.readers_finished / chapterMax) * 100}%` }} />
                )}
              </div>
            </div>
          ))
        )}
      </section>
    </>
  );
}
