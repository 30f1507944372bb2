/**
 * What a refusal's code means for a Spanish or Chinese reader, kept by the context that refuses
 * with it (`<context>RefusalWords` in its messages.ts, registered by its index.ts) next to the
 * platform's own codes (`problemDetailTranslations`). A function then carries the words of the
 * contexts it uses, not the ~30 KB of every context's: a bundle that reaches a context's code at
 * all enters it through its index.ts.
 */
export type RefusalWords = Readonly<Record<'es' | 'zh-CN', Readonly<Record<string, string>>>>;

const registered: RefusalWords[] = [];

/** Called once by a context's index.ts. */
export function registerRefusalWords(words: RefusalWords): void {
  if (!registered.includes(words)) registered.push(words);
}

/** The registered words for `code`, if a context gave some. */
export function registeredRefusalWords(language: 'es' | 'zh-CN', code: string): string | undefined {
  for (const words of registered) {
    const said = words[language][code];
    if (said) return said;
  }
  return undefined;
}
