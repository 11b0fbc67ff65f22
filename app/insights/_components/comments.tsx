import type { InsightsComments } from "@/lib/contract";
import styles from "../insights.module.css";

/**
 * Readers' answers to "Anything else the authors should know?" (ADR-0038): by section, newest
 * first, each with its day and its randomized level, and the rules that shaped them said once.
 */
export function ReaderComments({ comments }: { comments: InsightsComments }) {
  return (
    <section className="card" aria-labelledby="comments">
      <h2 id="comments">What readers told you</h2>
      <p className="lead">
        Answers to &ldquo;Anything else the authors should know?&rdquo;, by section, newest first. A comment shows once it is {comments.minimum_age_hours} hours
        old, without emails, links or phone numbers, and leaves this page when its reader replaces the answer or deletes the account. The level beside it is the
        reader&apos;s for the section&apos;s track {Math.round(comments.level_true_chance * 100)}% of the time, and one of the others otherwise, so that no
        comment reveals its reader&apos;s background; only many comments together show a trend.
      </p>
      {comments.sections.length === 0 ? (
        <p className={styles.empty}>No reader has left a comment old enough for this release.</p>
      ) : (
        comments.sections.map((section) => (
          <div key={section.url} className={styles.item}>
            <h3>{section.title}</h3>
            <p className={styles.meta}>
              {section.chapter} · {section.url}
            </p>
            <ul className={styles.comments}>
              {section.comments.map((comment, index) => {
                const [track, level] = comment.level?.split(":") ?? [];
                return (
                  <li key={index}>
                    <blockquote>{comment.text}</blockquote>
                    <small className={styles.meta}>
                      <time dateTime={comment.written_on}>{comment.written_on}</time>
                      {level ? (
                        <>
                          {" · "}
                          <i className={styles[level]} aria-hidden="true" /> {track} {level} (randomized)
                        </>
                      ) : (
                        " · no background given"
                      )}
                    </small>
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
