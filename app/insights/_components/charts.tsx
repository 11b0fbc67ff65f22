import styles from "../insights.module.css";

/** A count as the page shows it: the number, or "hidden" where the hiding rule hid it (under 5 after the noise). */
export function Count({ value }: { value: number | null }) {
  return value === null ? <span className={styles.hidden}>hidden</span> : <>{value.toLocaleString("en")}</>;
}

const percent = (value: number, max: number) => `${max > 0 ? Math.max((value / max) * 100, 1.5) : 0}%`;

/** One labelled horizontal bar; a hidden count draws a hatched stub instead of a length. */
export function BarRow({ label, value, max, detail }: { label: string; value: number | null; max: number; detail?: React.ReactNode }) {
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
        {value === null ? <div className={styles.stub} /> : <div className={styles.bar} style={{ width: percent(value, max) }} />}
      </div>
    </div>
  );
}

export const levelNames = ["beginner", "intermediate", "advanced"] as const;
export const trackNames = ["software", "programming", "hardware"] as const;

/** Readers of one track split by target level: one stacked bar, hidden levels named below it. */
export function LevelSplit({ track, counts }: { track: string; counts: Record<string, number | null> }) {
  const levels = levelNames.map((level) => ({ level, value: counts[`${track}:${level}`] ?? null }));
  const total = levels.reduce((sum, { value }) => sum + (value ?? 0), 0);
  const summary = levels.map(({ level, value }) => `${level} ${value ?? "hidden"}`).join(", ");
  return (
    <div className={styles.split}>
      <span className={styles.splitTrack}>{track}</span>
      <div className={styles.stack} role="img" aria-label={`${track}: ${summary}`}>
        {total === 0 ? (
          <div className={styles.stub} />
        ) : (
          levels.map(({ level, value }) =>
            value === null ? null : (
              <div key={level} className={styles[level]} style={{ width: `${(value / total) * 100}%` }} title={`${level}: ${value}`}>
                {value}
              </div>
            ),
          )
        )}
      </div>
      {levels.some(({ value }) => value === null) && (
        <span className={styles.splitNote}>
          {levels
            .filter(({ value }) => value === null)
            .map(({ level }) => level)
            .join(", ")}
          : hidden
        </span>
      )}
    </div>
  );
}

export function LevelLegend() {
  return (
    <p className={styles.legend}>
      {levelNames.map((level) => (
        <span key={level}>
          <i className={styles[level]} /> {level}
        </span>
      ))}
    </p>
  );
}
