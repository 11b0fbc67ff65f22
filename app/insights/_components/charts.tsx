import styles from "../insights.module.css";

/** A count as the page shows it: the number, or "hidden" where the hiding rule hid it (under minimumCount after the noise). */
export function Count({ value }: { value: number | null }) {
  return value === null ? <span className={styles.hidden}>hidden</span> : <>{value.toLocaleString("en")}</>;
}

const percent = (value: number, total: number) => `${total > 0 ? Math.min(Math.max((value / total) * 100, 1.5), 100) : 0}%`;

/**
 * One labelled horizontal bar, as a share of `total` (all readers, not the largest bar shown), so a
 * bar is as long as its share; a hidden count draws a hatched stub instead of a length.
 */
export function BarRow({ label, value, total, detail }: { label: string; value: number | null; total: number; detail?: React.ReactNode }) {
  return (
    <div className={styles.barRow}>
      <div className={styles.barLabel}>
        <span>{label}</span>
        <span className={styles.barValue}>
          <Count value={value} />
          {detail}
        </span>
      </div>
      <div className={styles.track} role="img" aria-label={`${label}: ${value ?? "hidden"}`}>
        {value === null ? <div className={styles.stub} /> : <div className={styles.bar} style={{ width: percent(value, total) }} />}
      </div>
    </div>
  );
}

export const levelNames = ["beginner", "intermediate", "advanced"] as const;
export const trackNames = ["software", "programming", "hardware"] as const;

/**
 * Readers of one track split by target level: one stacked bar, drawn to a known `total` (the readers
 * behind the figure: a query's readers, or all of a section's answers for a reason), so every
 * level's bar is its share of that total and the rest of the bar stays blank: hidden levels, other
 * answers and readers without a background. Hidden levels are named. Without a known total there is
 * no honest length, so the levels show as numbers only and the row says why (issue 26, point 7).
 */
export function LevelSplit({ track, counts, total }: { track: string; counts: Record<string, number | null>; total: number | null }) {
  const levels = levelNames.map((level) => ({ level, value: counts[`${track}:${level}`] ?? null }));
  const shown = levels.reduce((sum, { value }) => sum + (value ?? 0), 0);
  const hiddenLevels = levels.filter(({ value }) => value === null).map(({ level }) => level);
  // Noise can put the shown levels above the total: the bar is then as long as they are, never longer than the row.
  const whole = total === null ? 0 : Math.max(total, shown);
  const summary = levels.map(({ level, value }) => `${level} ${value ?? "hidden"}`).join(", ");
  return (
    <div className={styles.split}>
      <span className={styles.splitTrack}>{track}</span>
      {whole === 0 ? (
        <p className={styles.splitNumbers} aria-label={`${track}: ${summary}`}>
          {levels.map(({ level, value }) => (
            <span key={level}>
              <i className={styles[level]} aria-hidden="true" /> {level} {value ?? <span className={styles.hidden}>hidden</span>}
            </span>
          ))}
        </p>
      ) : (
        <div className={styles.stack} role="img" aria-label={`${track}: ${summary}, of ${whole}`}>
          {levels.map(({ level, value }) =>
            value === null || value === 0 ? null : (
              <div key={level} className={styles[level]} style={{ width: `${(value / whole) * 100}%` }} title={`${level}: ${value} of ${whole}`}>
                {value}
              </div>
            ),
          )}
        </div>
      )}
      {(hiddenLevels.length > 0 || whole === 0) && (
        <span className={styles.splitNote}>
          {whole === 0 ? "no bar: the total it is a share of is hidden in this release" : `${hiddenLevels.join(", ")}: hidden`}
        </span>
      )}
    </div>
  );
}

/** The levels' colours, and what the blank rest of a bar is (`restNote`: of which total, and what else it holds). */
export function LevelLegend({ restNote }: { restNote: string }) {
  return (
    <p className={styles.legend}>
      {levelNames.map((level) => (
        <span key={level}>
          <i className={styles[level]} /> {level}
        </span>
      ))}
      <span>
        <i className={styles.rest} /> {restNote}
      </span>
    </p>
  );
}
