import { contentTracks, type ContentLevel, type ContentTrack } from "./front-matter";
import type { CodeBlock } from "./chunking";
import { beginnerAddress, cuesIn, expertAddress, hardCodeKinds, specialisedDensity } from "./level-signals";

/**
 * Level and tracks for docs whose authors wrote neither, inferred at index time from the text
 * alone: deterministic, no network, no model. Each inference keeps the signals that decided it,
 * in words, so a reader sees why ("inferred hardware: actuators, torque, joints") and an author
 * can check and override it in front matter. ADR-0020 gives the reasoning and the measured accuracy.
 */

/** What the inference reads from one doc. */
export type DocEvidence = {
  title: string;
  /** Section headings in order. */
  headings: string[];
  /** The doc's text, code blocks included. */
  text: string;
  /** The same without code blocks. */
  prose: string;
  code: CodeBlock[];
  /** Place in its chapter (0-based) and how many docs the chapter has, in the sidebar's order. */
  order: { index: number; of: number };
  /** The name of its chapter as the sidebar shows it ("Getting Started", "Basics"), when it is in one. */
  chapter?: string;
  /** Links it makes to other sites (http/https), when known. */
  externalLinks?: number;
  /** What the book around it says, read in the book's order (absent: the doc is read alone). */
  book?: BookContext;
};

/**
 * What a doc assumes of the rest of the book, from a pass over the whole book in its order: the book's own
 * vocabulary it uses (words several docs share, not words every doc uses), how much of that earlier docs
 * already used, and the links it makes to earlier and later docs.
 */
export type BookContext = {
  /** 0 first .. 1 last, in the sidebar's order. */
  place: number;
  /** Distinct words of the book's own vocabulary the doc uses, and how many of them earlier docs used first. */
  terms: number;
  termsFromEarlier: number;
  /** Words most of the book's docs use: the book's subject ("test" in a testing guide), no evidence of a track for one doc. */
  commonWords?: ReadonlySet<string>;
  /** Distinct other docs of the book it links to, before and after it. */
  linksBack: number;
  linksAhead: number;
};

export type TrackInference = { track: ContentTrack; score: number; signals: string[] };
export type LevelInference = { level: ContentLevel; score: number; confidence: number; signals: string[] };
export type DocInference = {
  level: LevelInference;
  /** Chosen tracks, strongest first. */
  tracks: TrackInference[];
  /** Every track's evidence, chosen or not (for `--report`). */
  candidates: TrackInference[];
  /** 0..1: how clearly the chosen tracks stand out from the others. */
  tracksConfidence: number;
};

/**
 * Each track's vocabulary: word stems (a token counts when it starts with the stem; stems of
 * three letters or fewer must match whole), weighted by how telling they are.
 */
const trackVocabulary: Record<ContentTrack, Record<string, number>> = {
  hardware: {
    actuat: 2,
    motor: 2,
    servo: 2,
    stepper: 2,
    torque: 2,
    gear: 1.5,
    gearbox: 2,
    joint: 1,
    sensor: 1,
    encoder: 1.5,
    imu: 1.5,
    lidar: 1,
    camera: 0.5,
    circuit: 2,
    voltage: 2,
    volt: 2,
    amp: 1,
    battery: 1.5,
    wire: 1.5,
    wiring: 2,
    solder: 2,
    pcb: 2,
    microcontroller: 2,
    arduino: 1.5,
    breadboard: 2,
    resistor: 2,
    capacitor: 2,
    transistor: 2,
    pwm: 1.5,
    electr: 1.5,
    magnet: 1.5,
    mechani: 1.5,
    chassis: 1.5,
    wheel: 1,
    friction: 1,
    inertia: 1,
    mass: 0.5,
    force: 1,
    accelerometer: 1.5,
    gyroscope: 1.5,
    bearing: 1.5,
    power: 0.5,
    hardware: 1.5,
    limb: 1,
    leg: 0.5,
    foot: 0.5,
    feet: 0.5,
    balance: 1,
    stiffness: 1.5,
    compliance: 1,
    load: 0.5,
    thermal: 1,
    heat: 1,
    jetson: 1,
    gpu: 1,
    board: 0.5,
    switch: 0.5,
    drive: 0.5,
    driver: 0.5,
    current: 0.5,
    // Electronics and embedded boards: pins, buses, parts and the instruments that measure them.
    pin: 1,
    pinout: 2,
    pinmode: 2,
    gpio: 2,
    digitalwrite: 2,
    digitalread: 2,
    analogread: 2,
    analogwrite: 2,
    i2c: 2,
    spi: 2,
    uart: 2,
    baud: 2,
    serial: 0.5,
    bus: 0.5,
    led: 1,
    ohm: 2,
    resistance: 1.5,
    capacitance: 2,
    ampere: 2,
    milliamp: 2,
    oscilloscope: 2,
    multimeter: 2,
    schematic: 2,
    datasheet: 1.5,
    analog: 1,
    adc: 2,
    dac: 2,
    gnd: 2,
    vcc: 2,
    ground: 0.5,
    relay: 1.5,
    mosfet: 2,
    diode: 2,
    mcu: 2,
    esp32: 2,
    stm32: 2,
    raspberry: 1.5,
    firmware: 1,
    peripheral: 1.5,
    regulator: 1.5,
    lipo: 2,
    antenna: 1.5,
    oscillator: 1.5,
    jumper: 1,
    signal: 0.5,
    register: 0.5,
    clock: 0.3,
    port: 0.3,
    header: 0.3,
    winding: 2,
    rotor: 2,
    stator: 2,
    physics: 0.5,
    body: 0.3,
    // Computers are hardware too: the machines a book asks its readers to buy and wire up.
    cpu: 1,
    ram: 1,
    ssd: 1,
    usb: 1.5,
    nvidia: 1,
    rtx: 1,
    processor: 1.5,
    chip: 1,
    cable: 1.5,
    connector: 1.5,
    realsense: 1.5,
    workstation: 1,
    // Radios, displays and the chips on a board: what the hardware readers look for.
    bluetooth: 1.5,
    ble: 1.5,
    radio: 2,
    wireless: 1.5,
    display: 0.5,
    oled: 2,
    lcd: 2,
    epaper: 2,
    soc: 1.5,
    bootloader: 1.5,
    nrf5: 2,
    rp20: 2,
    rp23: 2,
    samd: 2,
    atmega: 2,
    attiny: 2,
    charging: 1,
    charger: 1.5,
    mah: 2,
    backlight: 1.5,
    flash: 0.5,
    reset: 0.5,
  },
  programming: {
    code: 1.5,
    function: 1.5,
    variable: 2,
    loop: 1.5,
    class: 1,
    object: 0.5,
    method: 1,
    python: 2,
    "c++": 2,
    cpp: 2,
    rust: 1.5,
    javascript: 2,
    script: 1.5,
    program: 1.5,
    api: 1.5,
    library: 1,
    librar: 1,
    callback: 2,
    thread: 1.5,
    compile: 2,
    compiler: 2,
    syntax: 2,
    debug: 1,
    algorithm: 1.5,
    implement: 1,
    implementation: 1,
    array: 1.5,
    integer: 1.5,
    float: 1,
    string: 1,
    return: 1,
    import: 0.5,
    rclpy: 2,
    rclcpp: 2,
    allocat: 2,
    pointer: 2,
    mutex: 2,
    // Data structures ("Stacks" is programming, not a software stack).
    stack: 1,
    push: 0.5,
    pop: 1,
    queue: 1,
    heap: 1,
    lifo: 2,
    fifo: 1,
    hashmap: 2,
    switch: 0.5,
    generic: 1.5,
    struct: 1.5,
    enum: 1.5,
    lock: 1,
    buffer: 1,
    solver: 1,
    optimis: 1,
    optimiz: 1,
    numpy: 2,
    matrix: 0.5,
    subscriber: 1,
    publisher: 1,
    timer: 1,
    node: 0.5,
    instruction: 1,
    command: 0.5,
    write: 0.3,
    controller: 0.5,
    pid: 1,
    tune: 0.5,
    tuning: 0.5,
    gain: 0.5,
    derivative: 0.5,
    integral: 0.5,
    filter: 0.5,
    kalman: 1,
    latency: 0.5,
    deadline: 1,
    cycle: 0.5,
    jitter: 1,
    scheduler: 1,
    quadratic: 1,
    linearis: 1,
    lineariz: 1,
    formulat: 0.5,
    policy: 0.5,
    training: 0.5,
    learn: 0.3,
  },
  software: {
    software: 2,
    architecture: 2,
    stack: 1.5,
    layer: 1.5,
    middleware: 2,
    framework: 1.5,
    tool: 1,
    toolchain: 2,
    deploy: 2,
    deployment: 2,
    docker: 2,
    container: 2,
    kubernetes: 2,
    cloud: 1.5,
    server: 1,
    service: 1,
    pipeline: 1.5,
    simulat: 1.5,
    simulator: 1.5,
    gazebo: 1.5,
    isaac: 1.5,
    unity: 1,
    ros: 1.5,
    package: 1,
    install: 1.5,
    linux: 1.5,
    ubuntu: 1.5,
    terminal: 1,
    system: 1,
    interface: 1,
    module: 1,
    component: 1.5,
    design: 1,
    maintain: 1.5,
    logging: 1.5,
    log: 1,
    record: 0.5,
    replay: 1.5,
    test: 1,
    testing: 1,
    version: 1,
    dependenc: 1,
    configur: 1,
    launch: 1,
    topic: 1,
    message: 1,
    network: 1,
    platform: 1,
    data: 0.5,
    dataset: 1,
    model: 0.5,
    perception: 1,
    planning: 1,
    planner: 1,
    ai: 1,
    intelligence: 1,
    learning: 0.5,
    reproduc: 1.5,
    process: 0.5,
    boundar: 1,
    state: 0.5,
    machine: 0.3,
    reality: 0.5,
    world: 0.3,
  },
};

/**
 * False friends: words that belong to a track only in its company ("switch" the statement or the
 * part, "stack" of layers or of plates, a "bus" of wires or of messages, an "LED" or "led to").
 * They count for a track only when the doc also uses at least two of its unambiguous words.
 */
const needsCompany: Record<ContentTrack, ReadonlySet<string>> = {
  hardware: new Set([
    "switch",
    "board",
    "drive",
    "driver",
    "current",
    "serial",
    "bus",
    "led",
    "pin",
    "ground",
    "signal",
    "register",
    "clock",
    "port",
    "header",
    "power",
    "load",
    "body",
    "mass",
    "leg",
    "foot",
    "feet",
    "camera",
    "joint",
    "force",
    "physics",
    "wheel",
    "balance",
    "gpu",
    "chip",
    "display",
    "flash",
    "reset",
  ]),
  programming: new Set([
    "stack",
    "push",
    "pop",
    "queue",
    "heap",
    "switch",
    "node",
    "command",
    "write",
    "learn",
    "training",
    "policy",
    "filter",
    "gain",
    "cycle",
    "lock",
    "buffer",
    "return",
    "import",
    "string",
    "float",
    "object",
    "class",
  ]),
  software: new Set(["stack", "layer", "system", "process", "state", "data", "model", "machine", "world", "reality", "record", "learning", "boundar"]),
};
/** How many distinct unambiguous words of a track let its false friends count. */
const companyNeeded = 2;

/** Code languages and what they say about a doc: source code is programming, shells and config are software tooling. */
const codeLanguageTrack: Record<string, ContentTrack> = {
  python: "programming",
  py: "programming",
  cpp: "programming",
  "c++": "programming",
  c: "programming",
  rust: "programming",
  js: "programming",
  javascript: "programming",
  ts: "programming",
  typescript: "programming",
  java: "programming",
  go: "programming",
  matlab: "programming",
  julia: "programming",
  zig: "programming",
  tsx: "programming",
  jsx: "programming",
  sql: "programming",
  // Devicetree is source an embedded programmer writes (keymaps, a board's pins): code, whatever it describes.
  dts: "programming",
  devicetree: "programming",
  kconfig: "software",
  ino: "programming",
  arduino: "programming",
  bash: "software",
  sh: "software",
  shell: "software",
  console: "software",
  powershell: "software",
  yaml: "software",
  yml: "software",
  dockerfile: "software",
  docker: "software",
  toml: "software",
  json: "software",
  ini: "software",
  cmake: "software",
  xml: "hardware",
  urdf: "hardware",
  sdf: "hardware",
};

/** Words in titles and headings that say who a doc is for. */
const beginnerCues = [
  "introduction",
  "intro",
  "basics",
  "basic",
  "beginner",
  "beginners",
  "first",
  "getting started",
  "what is",
  "what are",
  "overview",
  "intuition",
  "intuitively",
  "fundamentals",
  "primer",
  "simple",
  "101",
  "welcome",
  "quick start",
  "quickstart",
  "hello",
  "install",
  "installation",
  "installing",
  "setting up",
  "set up",
  "setup",
  "your first",
  "tour",
];
const advancedCues = [
  "advanced",
  "internals",
  "deep dive",
  "under the hood",
  "optimal",
  "optimisation",
  "optimization",
  "real-time",
  "performance",
  "production",
  "designing",
  "scaling",
  "formal",
  "derivation",
  "research",
  "unsafe",
  "simd",
  "comptime",
  "abi",
  "ffi",
  "interop",
  "concurrency",
  "atomics",
  "memory model",
  "allocator",
  "assembly",
  "low-level",
  // What extends the tool or how it is built, not how to use it: a reader who builds on the tool.
  "plugin",
  "plugins",
  "architecture",
];
/** Words in the body that explain gently, or assume a lot. */
const gentleCues = [
  "imagine",
  "think of",
  "like a",
  "just like",
  "everyday",
  "simply",
  "don't worry",
  "you will",
  "let's",
  "for example",
  "in other words",
  "in plain words",
  "step by step",
];
const expertCues = [
  "subject to",
  "constraint",
  "jacobian",
  "covariance",
  "eigen",
  "quadratic",
  "optimal",
  "lock-free",
  "allocation",
  "latency",
  "deterministic",
  "closed-form",
  "convex",
  "stochastic",
  "linearise",
  "linearize",
  "dynamics",
  "trade-off",
  "formulat",
  "transform",
  "torque control",
  "bandwidth",
];

const levelsInOrder: ContentLevel[] = ["beginner", "intermediate", "advanced"];

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z0-9_+]*/g) ?? [];
}

const countCues = cuesIn;

/** The longest stem of a track's vocabulary that a word starts with (short stems must be the whole word, or its plural). */
function stemOf(word: string, stems: string[]): string | undefined {
  let found: string | undefined;
  for (const candidate of stems) {
    const fits = candidate.length <= 3 ? word === candidate || word === `${candidate}s` : word.startsWith(candidate);
    if (fits && (!found || candidate.length > found.length)) found = candidate;
  }
  return found;
}

/**
 * Weighted vocabulary hits of one track per 100 words, the words that hit most (as written),
 * and how many distinct unambiguous stems hit (false friends count only in their track's company).
 */
function vocabularyScore(words: string[], track: ContentTrack, common?: ReadonlySet<string>): { score: number; top: string[]; distinct: number } {
  const vocabulary = trackVocabulary[track];
  const stems = Object.keys(vocabulary);
  const found = words.flatMap((word) => {
    if (common?.has(word)) return [];
    const stem = stemOf(word, stems);
    return stem ? [{ word, stem }] : [];
  });
  const unambiguous = new Set(found.filter(({ stem }) => !needsCompany[track].has(stem) && vocabulary[stem]! >= 1).map(({ stem }) => stem));
  const inCompany = unambiguous.size >= companyNeeded;
  const hits = new Map<string, { weight: number; count: number }>();
  let total = 0;
  for (const { word, stem } of found) {
    if (needsCompany[track].has(stem) && !inCompany) continue;
    const weight = vocabulary[stem]!;
    total += weight;
    const seen = hits.get(word) ?? { weight, count: 0 };
    seen.count++;
    hits.set(word, seen);
  }
  const top = [...hits.entries()]
    .sort((a, b) => Number(b[1].weight >= 1) - Number(a[1].weight >= 1) || b[1].weight * b[1].count - a[1].weight * a[1].count || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([word]) => word);
  return { score: (total / Math.max(words.length, 50)) * 100, top, distinct: unambiguous.size };
}

/** The strongest track is chosen when it has any real evidence; others when they are not far behind it. */
const trackMinimum = 3;
const trackShareOfBest = 0.6;
/** Distinct unambiguous words a track's vocabulary needs to be chosen beside code. */
const distinctWordsToHoldUp = 2;

function inferTracks(evidence: DocEvidence): Pick<DocInference, "tracks" | "candidates" | "tracksConfidence"> {
  // Titles and headings say what a doc is about: they count three times.
  const prose = [evidence.title, evidence.title, evidence.title, ...evidence.headings, ...evidence.headings, evidence.text].join("\n");
  const words = tokens(prose);
  const codeLines = evidence.code.reduce((sum, block) => sum + block.lines, 0);
  const textLines = Math.max(evidence.text.split("\n").length, 1);

  const vocabularies = new Map<ContentTrack, { score: number; distinct: number }>();
  const candidates = contentTracks.map((track): TrackInference => {
    const { score, top, distinct } = vocabularyScore(words, track, evidence.book?.commonWords);
    vocabularies.set(track, { score, distinct });
    const signals = top.length ? [top.join(", ")] : [];
    let total = score;
    const languages = [
      ...new Set(
        evidence.code.filter((block) => block.lang && codeLanguageTrack[block.lang.toLowerCase()] === track).map((block) => block.lang!.toLowerCase()),
      ),
    ];
    if (languages.length) {
      const blocks = evidence.code.filter((block) => block.lang && languages.includes(block.lang.toLowerCase())).length;
      total += 4 + 3 * Math.min(blocks, 4);
      signals.push(`${blocks} ${languages.join("/")} code block${blocks > 1 ? "s" : ""}`);
    }
    if (track === "programming" && codeLines > 0) {
      // Code density: share of the doc's lines that are code.
      const share = codeLines / textLines;
      total += Math.min(share * 20, 8);
      if (!languages.length) signals.push(`${evidence.code.length} code block${evidence.code.length > 1 ? "s" : ""}`);
    }
    return { track, score: Math.round(total * 10) / 10, signals };
  });
  const best = Math.max(...candidates.map((candidate) => candidate.score));
  // Code lifts programming far above any vocabulary: a track whose own words are as strong as the
  // strongest vocabulary (a circuit tutorial with a sketch in it) is chosen too, so code counts for both.
  const bestWords = Math.max(...[...vocabularies.values()].map((vocabulary) => vocabulary.score));
  const wordsHoldUp = (track: ContentTrack) => {
    const own = vocabularies.get(track)!;
    return own.distinct >= distinctWordsToHoldUp && own.score >= trackMinimum && own.score >= bestWords * trackShareOfBest;
  };
  // Source code in a doc chosen for its hardware or software words is programming as well.
  const hasSource = evidence.code.some((block) => block.lang && codeLanguageTrack[block.lang.toLowerCase()] === "programming");
  const chosen = candidates
    .filter(
      (candidate) =>
        best >= trackMinimum &&
        (candidate.score >= best * trackShareOfBest ||
          wordsHoldUp(candidate.track) ||
          (candidate.track === "programming" && hasSource && candidate.score >= trackMinimum)),
    )
    .sort((a, b) => b.score - a.score);
  const rest = candidates.filter((candidate) => !chosen.includes(candidate));
  const weakestChosen = Math.min(...chosen.map((candidate) => candidate.score));
  const strongestRest = Math.max(0, ...rest.map((candidate) => candidate.score));
  const tracksConfidence = chosen.length ? Math.min(1, (weakestChosen - strongestRest) / Math.max(weakestChosen, 1) + 0.3) : 0;
  return { tracks: chosen, candidates, tracksConfidence: Math.round(Math.max(tracksConfidence, 0) * 100) / 100 };
}

/** Per-signal contributions to the level score: below −threshold is beginner, above +threshold advanced. */
const levelThreshold = 1;
/**
 * The chapter's order says little on its own (real books end chapters with reference pages and
 * product pages): it tips a doc only where the text already leans that way.
 */
const positionWeight = 0.75;
/**
 * How sure a level the text decided is: 0.5 in the middle, rising with the evidence to at most 0.8. Measured on the eval's
 * public books (docs/evaluation.md), text-decided beginner and advanced levels were right about 60% of the time at every
 * score, so a stronger score earns only a little more confidence (it was 0.2 a step up to 0.95: overconfident).
 */
const textConfidence = { perStep: 0.1, most: 0.8 } as const;
/** How sure a level is when the book's order tipped it, or when nothing in the text spoke: a guess. */
const guessConfidence = { position: 0.35, nothing: 0.3 } as const;

/** A doc introduces its terms when fewer than this share of them appeared earlier in the book (and it has enough to tell). */
const newTermsShare = 0.6;
const minimumBookTerms = 10;
/**
 * Prose aimed at experts needs two different cues: one "familiar with" or "pitfall" in passing is common in any
 * reference page ("advanced" and "performance" are no cue at all); the newcomer cues ("no prior", "new to") say it outright.
 */
const expertCuesNeeded = 2;
/** A chapter named for beginners or experts speaks for every doc in it, as a title does (a title weighs 1.5). */
const chapterWeight = 1;
/** A signpost page links out this often (at least this many links, and per 100 words of prose). */
const signpostLinks = 3;
const signpostLinksPerHundred = 2;
/**
 * Beginner words that, as a heading, name a part of the page ("Basic Physical Layout", "Simple Include", "Overview") rather than
 * whom it is for: on the public books they sat in two advanced and four intermediate docs, and in one beginner doc its title made so.
 */
const namesAPartOfThePage: ReadonlySet<string> = new Set(["basic", "basics", "simple", "overview"]);
/** Links to this many distinct earlier docs say a doc builds on them. */
const linksBackToBuildOn = 2;
/**
 * A chapter for the people who develop the tool itself, named so ("Development", "Contributing", "Developer guide"): its readers
 * build the tool rather than use it, so installing and setting up there is a developer's set-up, not a newcomer's first steps.
 * The whole name must say it: "Web development" is a subject, not the tool's own development.
 */
const setUpWords = /^(install|installation|installing|setting up|set up|setup|getting started|get started|quick ?start|first time|download|step by step)$/;
const developerChapter = /^\s*(development|developers?|developer guide|developing|contributing|contributors?|contributor guide|hacking)\s*$/i;

type LevelSignal = { weight: number; words: string; position?: boolean };

/** Up to `cap`, `each` per distinct cue found. */
const perCue = (found: string[], each: number, cap: number) => Math.min(found.length * each, cap);
const quoted = (found: string[], count = 2) => `"${found.slice(0, count).join('", "')}"`;

function levelSignals(evidence: DocEvidence): LevelSignal[] {
  const signals: LevelSignal[] = [];
  // In a chapter for the tool's developers, words for newcomers ("getting started", "install", "setup") address a developer.
  const forDevelopers = developerChapter.test(evidence.chapter ?? "");
  const newcomerCues = (found: string[]) => (forDevelopers ? found.filter((cue) => !setUpWords.test(cue)) : found);
  const beginnerTitle = newcomerCues(countCues(evidence.title, beginnerCues));
  const advancedTitle = countCues(evidence.title, advancedCues);
  if (beginnerTitle.length) signals.push({ weight: -1.5, words: `titled "${beginnerTitle[0]}"` });
  if (advancedTitle.length) signals.push({ weight: 1.5, words: `titled "${advancedTitle[0]}"` });
  // The chapter's name says whom all its docs are for ("Getting Started", "Basics" / "Advanced", "Internals").
  if (evidence.chapter) {
    const beginnerChapter = newcomerCues(countCues(evidence.chapter, beginnerCues)).filter((cue) => !beginnerTitle.includes(cue));
    const advancedChapter = countCues(evidence.chapter, advancedCues).filter((cue) => !advancedTitle.includes(cue));
    if (beginnerChapter.length) signals.push({ weight: -chapterWeight, words: `in the chapter "${evidence.chapter}"` });
    if (advancedChapter.length) signals.push({ weight: chapterWeight, words: `in the chapter "${evidence.chapter}"` });
  }
  // A heading such as "Getting started" or "Installation" leans beginner. "Advanced usage" as a heading does not lean
  // advanced: it marks the part beyond the doc's basics, so the rest of the doc is not (on the public books it never sat
  // in an advanced doc). Likewise "Basic …", "Simple …" and "Overview" headings name the plain part of a page, not its reader.
  const beginnerHeadings = newcomerCues(countCues(evidence.headings.join("\n"), beginnerCues)).filter(
    (cue) => !beginnerTitle.includes(cue) && !namesAPartOfThePage.has(cue),
  );
  if (beginnerHeadings.length) signals.push({ weight: -0.5, words: `headings say "${beginnerHeadings[0]}"` });

  const words = Math.max(tokens(evidence.prose).length, 50);
  const gentle = countCues(evidence.prose, gentleCues);
  const expert = countCues(evidence.prose, expertCues);
  const explanation = ((gentle.length - expert.length) / words) * 100;
  if (gentle.length > expert.length && explanation >= 1) signals.push({ weight: -Math.min(explanation, 2) / 2, words: `explains with ${quoted(gentle)}` });
  if (expert.length > gentle.length && explanation <= -1) signals.push({ weight: Math.min(-explanation, 3) / 2, words: `assumes ${quoted(expert, 3)}` });

  // Whom the prose addresses, in its own words.
  const forNewcomers = newcomerCues(cuesIn(evidence.prose, beginnerAddress));
  const forExperts = cuesIn(evidence.prose, expertAddress);
  if (forNewcomers.length) signals.push({ weight: -perCue(forNewcomers, 0.5, 1.5), words: `written for newcomers: ${quoted(forNewcomers)}` });
  if (forExperts.length >= expertCuesNeeded)
    signals.push({ weight: perCue(forExperts, 0.5, 1.5), words: `written for readers who know the ground: ${quoted(forExperts)}` });
  // What it builds on is read from its links back to earlier docs (below), not from "as we saw" or "in the previous" in its
  // prose: on the public books those fired on one beginner, four intermediate and three advanced docs, so they told nothing.
  const specialised = specialisedDensity(evidence.prose, words);
  if (specialised.terms.length >= 2 && specialised.perHundred >= 0.5) {
    signals.push({ weight: Math.min(specialised.perHundred, 1.5), words: `specialised terms: ${specialised.terms.slice(0, 3).join(", ")}` });
  }

  // `$…$` is maths when it holds an operator or a command; not two `$name` placeholders of a code table.
  const math = (evidence.prose.match(/\$(?=[^$\n]*[\\^_=+])[^$\n]+\$|\\(frac|sum|int|partial|mathbf|begin\{)|[≤≥∑∫∂∇≈]/g) ?? []).length;
  if (math >= 3) signals.push({ weight: Math.min(math / 6, 1.5), words: `${math} pieces of mathematics` });
  // Notation a reader must already read fluently: two or more memory addresses or register values written in hex.
  const hex = [...new Set(evidence.prose.match(/\b0x[0-9a-f]{2,}\b/gi) ?? [])];
  if (hex.length >= 2) signals.push({ weight: 0.5, words: `notation: ${hex.slice(0, 2).join(", ")}` });
  // A page of links out with no code (community, further reading, other tools) is a signpost: it asks nothing of its reader.
  const linksOut = evidence.externalLinks ?? 0;
  if (!evidence.code.length && linksOut >= signpostLinks && (linksOut / words) * 100 >= signpostLinksPerHundred) {
    signals.push({ weight: -1, words: `a signpost: ${linksOut} links to other sites, no code` });
  }
  const hardCode = hardCodeKinds(evidence.code);
  if (hardCode.length) signals.push({ weight: perCue(hardCode, 0.5, 1.5), words: `code with ${hardCode.slice(0, 3).join(", ")}` });
  const codeLines = evidence.code.reduce((sum, block) => sum + block.lines, 0);
  if (codeLines >= 25) signals.push({ weight: 0.5, words: `${codeLines} lines of code` });

  // What it assumes of the book so far: a doc that brings in most of the book's vocabulary it uses, and
  // links back to nothing, starts from scratch; one that links back to several earlier docs builds on them.
  if (evidence.book) {
    const { terms, termsFromEarlier, linksBack } = evidence.book;
    const fromEarlier = terms ? termsFromEarlier / terms : 0;
    if (terms >= minimumBookTerms && fromEarlier < newTermsShare && linksBack === 0) {
      signals.push({ weight: -0.5, words: `introduces its terms (${terms - termsFromEarlier} of ${terms} new to the book)` });
    }
    if (linksBack >= linksBackToBuildOn) signals.push({ weight: 0.5, words: `links back to ${linksBack} earlier pages` });
  }

  // Book order: a chapter usually starts gently and ends with its hardest doc.
  const { index, of } = evidence.order;
  if (of >= 2) {
    const place = index / (of - 1);
    if (place === 0) signals.push({ weight: -positionWeight, words: "first in its chapter", position: true });
    else if (place === 1) signals.push({ weight: positionWeight, words: "last in its chapter", position: true });
  }
  return signals;
}

const levelOf = (score: number): ContentLevel => (score <= -levelThreshold ? "beginner" : score >= levelThreshold ? "advanced" : "intermediate");

/**
 * The level, and how sure it is (0..1): what the text says decides it; the book's order only
 * tips a doc the text already leans towards, and a level the order tipped, or that nothing
 * spoke for, is a guess (≤ 0.4) that moves the doc little in a ranking.
 */
function inferLevel(evidence: DocEvidence): LevelInference {
  const signals = levelSignals(evidence);
  const score = signals.reduce((sum, signal) => sum + signal.weight, 0);
  const textSignals = signals.filter((signal) => !signal.position);
  const textScore = textSignals.reduce((sum, signal) => sum + signal.weight, 0);
  const level = levelOf(score);
  let confidence: number;
  if (!textSignals.length) confidence = level === "intermediate" ? guessConfidence.nothing : guessConfidence.position;
  else if (levelOf(textScore) !== level) confidence = guessConfidence.position;
  else if (level === "intermediate") confidence = 0.5;
  else confidence = Math.min(textConfidence.most, 0.5 + textConfidence.perStep * (Math.abs(textScore) - levelThreshold + 1));
  const direction = level === "beginner" ? -1 : level === "advanced" ? 1 : 0;
  const telling = signals
    .filter((signal) => (direction === 0 ? true : Math.sign(signal.weight) === direction))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 3)
    .map((signal) => signal.words);
  return {
    level,
    score: Math.round(score * 100) / 100,
    confidence: Math.round(confidence * 100) / 100,
    signals: telling.length ? telling : ["no strong signal: the middle level"],
  };
}

export function inferDoc(evidence: DocEvidence): DocInference {
  return { level: inferLevel(evidence), ...inferTracks(evidence) };
}

/** Below this a level is a guess (the book's order tipped it, or nothing spoke): its reason says so. */
export const guessBelow = 0.5;

/** The reasons results carry ("inferred hardware: pins, voltage, led"): each names what it rests on, never nothing. */
export function inferenceReasons(inference: DocInference, what: { level: boolean; tracks: boolean }): string[] {
  const reasons: string[] = [];
  const { level } = inference;
  if (what.level) reasons.push(`inferred ${level.level}${level.confidence < guessBelow ? " (a guess)" : ""}: ${level.signals.join("; ")}`);
  if (what.tracks) {
    for (const track of inference.tracks) {
      const signals = track.signals.filter((signal) => signal.trim());
      if (signals.length) reasons.push(`inferred ${track.track}: ${signals.join("; ")}`);
    }
  }
  return reasons;
}

export const levelSteps = (a: ContentLevel, b: ContentLevel) => Math.abs(levelsInOrder.indexOf(a) - levelsInOrder.indexOf(b));
