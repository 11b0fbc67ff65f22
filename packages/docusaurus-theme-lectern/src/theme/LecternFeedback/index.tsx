import type { FeedbackReason, StoredFeedback } from "@lectern/client";
import { useLecternClient, useLecternSession } from "@lectern/client/react";
import Translate, { translate } from "@docusaurus/Translate";
import { useCurrentPageUrl, withLecternRoot } from "@lectern/theme";
import { useEffect, useState, type FormEvent } from "react";
import styles from "./styles.module.css";

/** Each reason with its words (translated when the page renders: `translate()` reads the locale then). */
const reasonLabels = (): { value: FeedbackReason; label: string }[] => [
  { value: "too_hard", label: translate({ id: "lectern.feedback.reason.tooHard", message: "Too hard for me" }) },
  { value: "too_easy", label: translate({ id: "lectern.feedback.reason.tooEasy", message: "Too easy for me" }) },
  { value: "unclear", label: translate({ id: "lectern.feedback.reason.unclear", message: "Unclear" }) },
  { value: "outdated", label: translate({ id: "lectern.feedback.reason.outdated", message: "Out of date" }) },
  { value: "other", label: translate({ id: "lectern.feedback.reason.other", message: "Something else" }) },
];
const maxComment = 1000;

type Step = { name: "ask" } | { name: "why" } | { name: "sending" } | { name: "answered"; answer: StoredFeedback } | { name: "failed"; message: string };

/** The reader's last answer for this page, so the control shows it on the next visit. */
const answerKey = (readerId: string, url: string) => `lectern.feedback:${readerId}:${url}`;

function describe(answer: StoredFeedback): string {
  if (answer.helpful) return translate({ id: "lectern.feedback.answered.helpful", message: "You found this page helpful." });
  const label = reasonLabels().find((item) => item.value === answer.reason)?.label;
  // Mid-sentence: "You told the authors: too hard for me."
  const reason = label && label.charAt(0).toLocaleLowerCase() + label.slice(1);
  return reason
    ? translate({ id: "lectern.feedback.answered.reason", message: "You told the authors: {reason}." }, { reason })
    : translate({ id: "lectern.feedback.answered.notHelpful", message: "You told the authors this page was not helpful." });
}

/**
 * "Was this helpful?" at the end of a doc: yes, or no and then one reason and an optional
 * comment. One answer per reader and page; answering again replaces it. Guests are asked to sign in.
 */
function LecternFeedback({ url }: { url: string }) {
  const client = useLecternClient();
  const session = useLecternSession();
  const here = useCurrentPageUrl();
  const readerId = session.status === "signed-in" ? session.session.reader.id : null;
  const [step, setStep] = useState<Step>({ name: "ask" });
  const [reason, setReason] = useState<FeedbackReason | null>(null);
  const [comment, setComment] = useState("");

  useEffect(() => {
    if (!readerId) return;
    try {
      const kept = window.localStorage.getItem(answerKey(readerId, url));
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the reader is known only once the session settles
      setStep(kept ? { name: "answered", answer: JSON.parse(kept) as StoredFeedback } : { name: "ask" });
    } catch {
      setStep({ name: "ask" });
    }
  }, [readerId, url]);

  if (session.status === "loading" || session.status === "unavailable") return null;

  async function send(helpful: boolean) {
    if (!readerId) return;
    setStep({ name: "sending" });
    try {
      const answer = await client.sendFeedback({
        url,
        helpful,
        ...(!helpful && reason ? { reason } : {}),
        ...(!helpful && comment.trim() ? { comment: comment.trim() } : {}),
      });
      try {
        window.localStorage.setItem(answerKey(readerId, url), JSON.stringify(answer));
      } catch {
        // The answer is stored on Lectern; remembering it here is a convenience.
      }
      setStep({ name: "answered", answer });
    } catch (error) {
      setStep({
        name: "failed",
        message: error instanceof Error ? error.message : translate({ id: "lectern.feedback.noAnswer", message: "Lectern did not answer." }),
      });
    }
  }

  function sendWhy(event: FormEvent) {
    event.preventDefault();
    void send(false);
  }

  return (
    <section className={styles.feedback} aria-labelledby="lectern-feedback-heading" data-testid="feedback">
      <h2 id="lectern-feedback-heading" className={styles.heading}>
        <Translate id="lectern.feedback.question">Was this helpful?</Translate>
      </h2>
      {!readerId && (
        <p className={styles.note}>
          <Translate
            id="lectern.feedback.signInToAnswer"
            values={{
              signIn: (
                <a href={client.signInUrl(here)}>
                  <Translate id="lectern.feedback.signIn">Sign in</Translate>
                </a>
              ),
            }}
          >
            {"{signIn} to tell the authors, so they can improve this page for readers like you."}
          </Translate>
        </p>
      )}
      {readerId && step.name === "ask" && (
        <div className={styles.choices}>
          {/* The theme's own classes, not Infima's buttons: a book's CSS often recolours .button--primary's text (issue 26). */}
          <button type="button" className={styles.answer} onClick={() => void send(true)} data-testid="feedback-yes">
            <Translate id="lectern.feedback.yes">Yes</Translate>
          </button>
          <button type="button" className={styles.answer} onClick={() => setStep({ name: "why" })} data-testid="feedback-no">
            <Translate id="lectern.feedback.no">No</Translate>
          </button>
        </div>
      )}
      {readerId && step.name === "why" && (
        <form className={styles.why} onSubmit={sendWhy} data-testid="feedback-why">
          <fieldset className={styles.reasons}>
            <legend className={styles.legend}>
              <Translate id="lectern.feedback.whatWasWrong">What was wrong?</Translate>
            </legend>
            {reasonLabels().map((item) => (
              <label key={item.value} className={styles.reason}>
                <input type="radio" name="lectern-feedback-reason" value={item.value} checked={reason === item.value} onChange={() => setReason(item.value)} />
                {item.label}
              </label>
            ))}
          </fieldset>
          <label className={styles.commentLabel} htmlFor="lectern-feedback-comment">
            <Translate id="lectern.feedback.comment">Anything else the authors should know?</Translate>{" "}
            <span className={styles.optional}>
              <Translate id="lectern.feedback.optional">(optional)</Translate>
            </span>
          </label>
          <textarea
            id="lectern-feedback-comment"
            className={styles.comment}
            rows={3}
            maxLength={maxComment}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            aria-describedby="lectern-feedback-comment-hint"
          />
          <p id="lectern-feedback-comment-hint" className={styles.optional}>
            <Translate id="lectern.feedback.commentHint">
              The authors read this, but not who wrote it. Leave out contact details: emails, links and phone numbers are removed.
            </Translate>
          </p>
          <div className={styles.choices}>
            <button type="submit" className={`${styles.answer} ${styles.send}`} disabled={!reason}>
              <Translate id="lectern.feedback.send">Send</Translate>
            </button>
            <button type="button" className={styles.change} onClick={() => setStep({ name: "ask" })}>
              <Translate id="lectern.feedback.cancel">Cancel</Translate>
            </button>
          </div>
        </form>
      )}
      {step.name === "sending" && (
        <p className={styles.note}>
          <Translate id="lectern.feedback.sending">Sending…</Translate>
        </p>
      )}
      {readerId && step.name === "answered" && (
        <p className={styles.note} data-testid="feedback-answered">
          <Translate id="lectern.feedback.thanks">Thank you.</Translate> {describe(step.answer)}{" "}
          <button type="button" className={styles.change} onClick={() => setStep({ name: "ask" })}>
            <Translate id="lectern.feedback.change">Change your answer</Translate>
          </button>
        </p>
      )}
      {step.name === "failed" && (
        <p className={styles.note} role="alert">
          <Translate id="lectern.feedback.failed" values={{ reason: step.message }}>
            {"Your answer could not be sent ({reason})."}
          </Translate>{" "}
          <button type="button" className={styles.change} onClick={() => setStep({ name: "ask" })}>
            <Translate id="lectern.feedback.retry">Try again</Translate>
          </button>
        </p>
      )}
    </section>
  );
}

export default withLecternRoot(LecternFeedback);
