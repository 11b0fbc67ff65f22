import type { FeedbackReason, StoredFeedback } from "@lectern/client";
import { useLecternClient, useLecternSession } from "@lectern/client/react";
import { useCurrentPageUrl } from "@lectern/theme";
import { useEffect, useState, type FormEvent } from "react";
import styles from "./styles.module.css";

const reasons: { value: FeedbackReason; label: string }[] = [
  { value: "too_hard", label: "Too hard for me" },
  { value: "too_easy", label: "Too easy for me" },
  { value: "unclear", label: "Unclear" },
  { value: "outdated", label: "Out of date" },
  { value: "other", label: "Something else" },
];
const maxComment = 1000;

type Step = { name: "ask" } | { name: "why" } | { name: "sending" } | { name: "answered"; answer: StoredFeedback } | { name: "failed"; message: string };

/** The reader's last answer for this page, so the control shows it on the next visit. */
const answerKey = (readerId: string, url: string) => `lectern.feedback:${readerId}:${url}`;

function describe(answer: StoredFeedback): string {
  if (answer.helpful) return "You found this page helpful.";
  const reason = reasons.find((item) => item.value === answer.reason)?.label.toLowerCase();
  return reason ? `You told the authors: ${reason}.` : "You told the authors this page was not helpful.";
}

/**
 * "Was this helpful?" at the end of a doc: yes, or no and then one reason and an optional
 * comment. One answer per reader and page; answering again replaces it. Guests are asked to sign in.
 */
export default function LecternFeedback({ url }: { url: string }) {
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
      setStep({ name: "failed", message: error instanceof Error ? error.message : "Lectern did not answer." });
    }
  }

  function sendWhy(event: FormEvent) {
    event.preventDefault();
    void send(false);
  }

  return (
    <section className={styles.feedback} aria-labelledby="lectern-feedback-heading" data-testid="feedback">
      <h2 id="lectern-feedback-heading" className={styles.heading}>
        Was this helpful?
      </h2>
      {!readerId && (
        <p className={styles.note}>
          <a href={client.signInUrl(here)}>Sign in</a> to tell the authors, so they can improve this page for readers like you.
        </p>
      )}
      {readerId && step.name === "ask" && (
        <div className={styles.choices}>
          <button type="button" className="button button--outline button--primary button--sm" onClick={() => void send(true)}>
            Yes
          </button>
          <button type="button" className="button button--outline button--secondary button--sm" onClick={() => setStep({ name: "why" })}>
            No
          </button>
        </div>
      )}
      {readerId && step.name === "why" && (
        <form className={styles.why} onSubmit={sendWhy} data-testid="feedback-why">
          <fieldset className={styles.reasons}>
            <legend className={styles.legend}>What was wrong?</legend>
            {reasons.map((item) => (
              <label key={item.value} className={styles.reason}>
                <input type="radio" name="lectern-feedback-reason" value={item.value} checked={reason === item.value} onChange={() => setReason(item.value)} />
                {item.label}
              </label>
            ))}
          </fieldset>
          <label className={styles.commentLabel} htmlFor="lectern-feedback-comment">
            Anything else the authors should know? <span className={styles.optional}>(optional)</span>
          </label>
          <textarea
            id="lectern-feedback-comment"
            className={styles.comment}
            rows={3}
            maxLength={maxComment}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className={styles.choices}>
            <button type="submit" className="button button--primary button--sm" disabled={!reason}>
              Send
            </button>
            <button type="button" className="button button--link button--sm" onClick={() => setStep({ name: "ask" })}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {step.name === "sending" && <p className={styles.note}>Sending…</p>}
      {readerId && step.name === "answered" && (
        <p className={styles.note} data-testid="feedback-answered">
          Thank you. {describe(step.answer)}{" "}
          <button type="button" className={styles.change} onClick={() => setStep({ name: "ask" })}>
            Change your answer
          </button>
        </p>
      )}
      {step.name === "failed" && (
        <p className={styles.note} role="alert">
          Your answer could not be sent ({step.message}).{" "}
          <button type="button" className={styles.change} onClick={() => setStep({ name: "ask" })}>
            Try again
          </button>
        </p>
      )}
    </section>
  );
}
