import { sql, type RawBuilder } from 'kysely';

/** `column LIKE '%text%'` with the user's text escaped, the same on SQLite and PostgreSQL. */
export function likeContains(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
