import type { Level, Track } from "@lectern/client";
import { useReader } from "@lectern/theme";
import { useId, useState, type ReactNode } from "react";
import styles from "./styles.module.css";

export type Props = {
  /** The background this block is written for: software, programming or hardware. */
  track?: Track;
  level: Level;
  /** What the block holds, for its folded line ("motor current control"). */
  title?: string;
  children?: ReactNode;
};

const article = (level: Level) => (level === "advanced" || level === "intermediate" ? "An" : "A");

/**
 * A block of the doc written for one level of one track. A signed-in reader sees the blocks at
 * their level open and the others folded to one line saying what they hold and why they are
 * folded; one click opens one, "Show every level" opens them all (and sticks). Guests, crawlers
 * and the server render get every block open, so the static page is the whole book.
 */
export default function ForLevel({ track, level, title, children }: Props) {
  const { levels, showEveryLevel, setShowEveryLevel } = useReader();
  const [opened, setOpened] = useState(false);
  const contentId = useId();
  const known = levels.status === "levels" ? levels.levels : null;
  const readerLevel = known && track ? known[track] : null;
  const atLevel = !known || (track ? readerLevel === level : Object.values(known).includes(level));
  const folded = !atLevel && !showEveryLevel && !opened;
  const kind = `${level}${track ? ` ${track}` : ""}`;
  const why = track ? `your ${track} background is ${readerLevel}` : "it is not at your level";

  const everyLevelSwitch = known && (
    <label className={styles.switch}>
      <input type="checkbox" checked={showEveryLevel} onChange={(event) => setShowEveryLevel(event.target.checked)} data-testid="show-every-level" />
      Show every level
    </label>
  );

  if (folded) {
    return (
      <div className={styles.block} data-level={level} data-track={track} data-state="folded" data-testid="for-level">
        <div className={styles.bar}>
          <button type="button" className={styles.unfold} aria-expanded="false" aria-controls={contentId} onClick={() => setOpened(true)}>
            <span className={styles.chevron} aria-hidden="true">
              ▸
            </span>
            <span>
              {article(level)} {kind} aside{title ? ` on ${title}` : ""}, folded because {why}. <span className={styles.open}>Open</span>
            </span>
          </button>
          {everyLevelSwitch}
        </div>
      </div>
    );
  }

  return (
    <div className={styles.block} data-level={level} data-track={track} data-state="open" data-testid="for-level">
      <div className={styles.bar}>
        <span className={styles.label}>
          <span className={styles.badge}>{kind}</span>
          {title && <span className={styles.title}>{title}</span>}
        </span>
        {!atLevel && !showEveryLevel && (
          <button type="button" className={styles.fold} onClick={() => setOpened(false)}>
            Fold
          </button>
        )}
        {!atLevel && everyLevelSwitch}
      </div>
      <div id={contentId} className={styles.content}>
        {children}
      </div>
    </div>
  );
}
