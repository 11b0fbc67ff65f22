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
 * Readers of one track split by target level: one stacked bar. With a known `total` (the readers
 * behind the figure) the hidden levels' share is drawn hatched, so the shown levels keep their size.
 */
export function LevelSplit({ track, counts, total }: { track: string; counts: Record<string, number | null>; total?: number | null }) {
  const levels = levelNames.map((level) => ({ level, value: counts[`${track}:${level}`] ?? null }));
  const shown = levels.reduce((sum, { value }) => sum + (value ?? 0), 0);
  const hiddenLevels = levels.filter(({ value }) => value === null).map(({ level }) => level);
  const whole = Math.max(total ?? 0, shown);
  const hiddenShare = hiddenLevels.length > 0 ? whole - shown : 0;
  const summary = levels.map(({ level, value }) => `${level} ${value ?? "hidden"}`).join(", ");
  return (
    <div className={styles.split}>
      <span className={styles.splitTrack}>{track}</span>
      <div className={styles.stack} role="img" aria-label={`${track}: ${summary}`}>
        {whole === 0 ? (
          <div className={styles.stub} />
        ) : (
          <>
            {levels.map(({ level, value }) =>
              value === null ? null : (
                <div key={level} className={styles[level]} style={{ width: `${(value / whole) * 100}%` }} title={`${level}: ${value}`}>
                  {value}
                </div>
              ),
            )}
            {hiddenShare > 0 ? <div className={styles.hiddenShare} style={{ width: `${(hiddenShare / whole) * 100}%` }} title="hidden" /> : null}
          </>
        )}
      </div>
      {hiddenLevels.length > 0 && <span className={styles.splitNote}>{hiddenLevels.join(", ")}: hidden</span>}
    </div>
  );
}

/** The levels' colours, and the hatching of hidden shares with the hiding rule in words (`hiddenNote`). */
export function LevelLegend({ hiddenNote }: { hiddenNote: string }) {
  return (
    <p className={styles.legend}>
      {levelNames.map((level) => (
        <span key={level}>
          <i className={styles[level]} /> {level}
        </span>
      ))}
      <span>
        <i className={styles.hiddenShare} /> hidden ({hiddenNote})
      </span>
    </p>
  );
}
