// The shape of one message. Both languages are required properties, so an entry (or a hint)
// that lacks one fails to compile in its area's `satisfies Record<string, Entry>`.
export type Lang = 'en' | 'fr';

/** one text in every language */
export type Translated = { [L in Lang]: string };

export interface Entry extends Translated {
  /** what to do next, shown on the line after an error */
  hint?: Translated;
}
