/**
 * One screen's words in both languages. The English table must name exactly the Chinese table's keys, so a
 * missing translation is a type error rather than a blank label.
 */
export function defineMessages<const Zh extends Record<string, string>>(
  zh: Zh,
  en: { [K in keyof Zh]: string },
): { zh: Zh; en: { [K in keyof Zh]: string } } {
  return { zh, en };
}
