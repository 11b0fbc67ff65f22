import Translate, { translate } from "@docusaurus/Translate";
import type { Level, Track } from "@lectern/client";
import { levelName, trackName, useReader, withLecternRoot } from "@lectern/theme";
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

const capitalized = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * A block of the doc written for one level of one track. A signed-in reader sees the blocks at
 * their level open and the others folded to one line saying what they hold and why they are
 * folded; one click opens one, "Show every level" opens them all (and sticks). Guests, crawlers
 * and the server render get every block open, so the static page is the whole book.
 */
function ForLevel({ track, level, title, children }: Props) {
  const { levels, showEveryLevel, setShowEveryLevel } = useReader();
  const [opened, setOpened] = useState(false);
  const contentId = useId();
  const known = levels.status === "levels" ? levels.levels : null;
  const readerLevel = known && track ? known[track] : null;
  const atLevel = !known || (track ? readerLevel === level : Object.values(known).includes(level));
  const folded = !atLevel && !showEveryLevel && !opened;
  const kind = track
    ? translate({ id: "lectern.forLevel.kind", message: "{level} {track}" }, { level: levelName(level), track: trackName(track) })
    : levelName(level);
  const what = title
    ? translate({ id: "lectern.forLevel.asideOn", message: "{kind} aside on {title}" }, { kind, title })
    : translate({ id: "lectern.forLevel.aside", message: "{kind} aside" }, { kind });
  const why =
    track && readerLevel
      ? translate(
          { id: "lectern.forLevel.whyTrack", message: "your {track} background is {readerLevel}" },
          { track: trackName(track), readerLevel: levelName(readerLevel) },
        )
      : translate({ id: "lectern.forLevel.whyLevel", message: "it is not at your level" });

  const everyLevelSwitch = known && (
    <label className={styles.switch}>
      <input type="checkbox" checked={showEveryLevel} onChange={(event) => setShowEveryLevel(event.target.checked)} data-testid="show-every-level" />
      <Translate id="lectern.forLevel.showEveryLevel">Show every level</Translate>
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
              {capitalized(translate({ id: "lectern.forLevel.folded", message: "{what}, folded because {why}." }, { what, why }))}{" "}
              <span className={styles.open}>
                <Translate id="lectern.forLevel.open">Open</Translate>
              </span>
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
            <Translate id="lectern.forLevel.fold">Fold</Translate>
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

export default withLecternRoot(ForLevel);
