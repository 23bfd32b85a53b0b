/**
 * Phrase-aware Japanese line breaking. Japanese has no spaces, so a browser may break a line
 * between any two characters: 「セキュ/リティ」, 「資/産に追加」. Chromium (119+) breaks
 * only between phrases with CSS `word-break: auto-phrase` (global.css), using the BudouX
 * model compiled into the browser, at no cost to us. Browsers without it (Safari — most
 * Japanese phones —, Firefox) get the same model as JavaScript: BudouX is downloaded lazily,
 * only there, and <Phrases> puts <wbr> between its phrases under `word-break: keep-all`.
 */
export interface PhraseParser {
  /** Splits a sentence into phrases whose concatenation is the sentence. */
  parse(sentence: string): string[];
}

/** Whether this browser breaks Japanese between phrases itself (CSS Text 4 auto-phrase). */
export function supportsAutoPhrase(): boolean {
  return typeof CSS !== 'undefined' && CSS.supports('word-break', 'auto-phrase');
}

let parser: PhraseParser | null = null;
let requested = false;
const listeners = new Set<() => void>();

/** Starts loading BudouX once, when this browser needs it; a failed load keeps plain breaking. */
function requestParser(): void {
  if (requested || supportsAutoPhrase()) return;
  requested = true;
  import('budoux')
    .then(({ Parser, jaModel }) => {
      parser = new Parser(jaModel);
      for (const listener of listeners) listener();
    })
    .catch(() => undefined);
}

/** For useSyncExternalStore: notified once, when the fallback parser has loaded. */
export function subscribeParser(listener: () => void): () => void {
  requestParser();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentParser(): PhraseParser | null {
  return parser;
}

/**
 * The phrases of `text` to render with a break opportunity between them, or null when the
 * text needs none (no parser, a single phrase). Line breaks inside the text are kept: each
 * line is split on its own.
 */
export function phrasesOf(phraseParser: PhraseParser | null, text: string): string[] | null {
  if (!phraseParser || text.length < 2) return null;
  const phrases = text.split('\n').flatMap((line, index) => {
    const parts = line ? phraseParser.parse(line) : [];
    return index === 0 ? parts : ['\n', ...parts];
  });
  return phrases.length > 1 ? phrases : null;
}
