import type { CodeBlock } from "./chunking";

/**
 * What a doc's text says about its level besides its title: whom its prose addresses, what it
 * takes for granted, how specialised its vocabulary is, and how hard its code is. Each finder
 * returns the words it found, so a reason can quote them. ADR-0031 gives the reasoning.
 */

/** Prose written for someone new: it says so, or walks them through setting up. */
export const beginnerAddress = [
  "you don't need any",
  "you do not need any",
  "no prior",
  "no experience",
  "no previous experience",
  "new to",
  "for beginners",
  "first time",
  "getting started",
  "get started",
  "your first",
  "step by step",
  "don't worry",
  "install",
  "download",
  "hello, world",
  "hello world",
];

/**
 * Prose written for someone who knows the ground already. Not "advanced" or "performance": reference pages of every
 * level say them in passing ("advanced options", "for performance"), so they told nothing on the public books.
 */
export const expertAddress = [
  "assumes familiarity",
  "assume familiarity",
  "we assume you",
  "assumes you",
  "familiar with",
  "under the hood",
  "internals",
  "in depth",
  "in-depth",
  "deep dive",
  "low-level",
  "low level",
  "trade-off",
  "tradeoff",
  "pitfall",
  "edge case",
];

/**
 * Specialised terms: few readers meet them early. Counted per 100 words, so a page that is
 * dense with them reads as advanced while one mention in passing does not.
 */
export const specialisedTerms = [
  // programming and systems
  "generic",
  "lifetime",
  "borrow checker",
  "unsafe",
  "pointer arithmetic",
  "raw pointer",
  "undefined behavio",
  "memory layout",
  "allocator",
  "vtable",
  "monomorphi",
  "comptime",
  "simd",
  "vectoriz",
  "vectoris",
  "intrinsic",
  "abi",
  "ffi",
  "calling convention",
  "inline assembly",
  "linker",
  "syscall",
  "atomic",
  "memory order",
  "lock-free",
  "race condition",
  "deadlock",
  "mutex",
  "reentran",
  "volatile",
  "cache line",
  "branch predict",
  "big-o",
  "amortized",
  // control, estimation and signals
  "jacobian",
  "covariance",
  "eigen",
  "kalman",
  "transfer function",
  "laplace",
  "bode",
  "nyquist",
  "state-space",
  "state space",
  "closed-form",
  "convex",
  "stochastic",
  "quadratic program",
  "linearis",
  "lineariz",
  "field-oriented",
  // electronics
  "impedance",
  "dma",
  "interrupt latency",
  "register map",
  "bit-bang",
  "timing diagram",
  "signal integrity",
];

/** One kind of hard code, found by its syntax in any language the books use. */
const codeComplexity: { words: string; pattern: RegExp }[] = [
  { words: "generics", pattern: /\b(template\s*<|impl\s*<|fn\s+\w+\s*<|<\s*[A-Z]\w*\s*(:|extends)\s*\w+|anytype|where\s+[A-Z]\w*\s*:)/ },
  { words: "unsafe code", pattern: /\bunsafe\b/ },
  // `int *p = …`, not a product compared with `===`.
  { words: "pointers", pattern: /(\*\s*(mut|const)\b|\[\*\]|\b\w+\s*\*\s*\w+\s*=(?!=)|->\w+|@ptrCast|@intToPtr|@ptrFromInt|\bmalloc\(|\bfree\()/ },
  {
    words: "concurrency",
    // Threads, locks and channels; not `await`, which JavaScript and Python use for every network call.
    pattern: /\b(thread::spawn|std::thread|pthread_|Mutex|RwLock|atomic|Atomic|async\s+fn|go\s+func|goroutine|chan\s+\w+|Semaphore|spinlock)/,
  },
  // Rust's `const fn name(`, not JavaScript's `const fn = jest.fn()`.
  { words: "comptime", pattern: /\bcomptime\b|\bconstexpr\b|\bconst\s+fn\s+\w+\s*[<(]/ },
  { words: "SIMD", pattern: /@Vector|\b_mm\d*_|\bsimd\b|std::simd|\bneon\b|__m128|__m256/i },
  { words: "ABI/FFI", pattern: /extern\s+"C"|callconv|#\[repr\(C\)\]|\bctypes\b|\bcffi\b|@cImport|\bextern\s+fn\b/ },
  { words: "inline assembly", pattern: /\basm!|__asm__|\basm\s+volatile|\basm\s*\(/ },
  { words: "volatile registers", pattern: /\bvolatile\b|\b[A-Z]{2,}\d?->\w+\s*[|&^]?=|\bREG_\w+/ },
  { words: "allocators", pattern: /\b(Allocator|allocator|arena|GeneralPurposeAllocator|Box::new|alloc::)/ },
];

/** The kinds of hard code in a doc's code blocks ("generics", "unsafe code"…). */
export function hardCodeKinds(code: CodeBlock[]): string[] {
  const source = code.map((block) => block.source ?? "").join("\n");
  if (!source.trim()) return [];
  return codeComplexity.filter((kind) => kind.pattern.test(source)).map((kind) => kind.words);
}

const escaped = (cue: string) => cue.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
/** A cue as a pattern: it starts a word; a short one ("abi", "dma") must also end it (plural allowed), so "ability" is not "abi". */
const cuePattern = (cue: string, flags = "") => new RegExp(`[^a-z]${escaped(cue)}${cue.length <= 4 ? "s?(?![a-z])" : ""}`, flags);

/** The cues found in a text, each once, as whole words (a cue may end a word early: "install" finds "installing"). */
export function cuesIn(text: string, cues: readonly string[]): string[] {
  const lower = ` ${text.toLowerCase().replace(/[’‘]/g, "'")} `;
  return cues.filter((cue) => cuePattern(cue).test(lower));
}

/** How often specialised terms occur, per 100 words, and the ones that occur. */
export function specialisedDensity(prose: string, words: number): { perHundred: number; terms: string[] } {
  const lower = ` ${prose.toLowerCase()} `;
  let count = 0;
  const terms: string[] = [];
  for (const term of specialisedTerms) {
    const hits = lower.match(cuePattern(term, "g"))?.length ?? 0;
    if (hits) {
      count += hits;
      terms.push(term);
    }
  }
  return { perHundred: (count / Math.max(words, 50)) * 100, terms };
}
