import { auditMessages } from './messages/audit.ts';
import { casesMessages } from './messages/cases.ts';
import { contactsImportMessages } from './messages/contacts-import.ts';
import { contactsMessages } from './messages/contacts.ts';
import { dashboardMessages } from './messages/dashboard.ts';
import { investigationsMessages } from './messages/investigations.ts';
import { outbreaksMessages } from './messages/outbreaks.ts';
import { placesMessages } from './messages/places.ts';
import { quarantineMessages } from './messages/quarantine.ts';
import { reportsMessages } from './messages/reports.ts';
import { samplesMessages } from './messages/samples.ts';
import { shellMessages } from './messages/shell.ts';
import { tasksMessages } from './messages/tasks.ts';
import { trajectoryMessages } from './messages/trajectory.ts';
import { usersMessages } from './messages/users.ts';

/**
 * Every UI string, in Chinese (default) and English: one table per screen under messages/, composed here. A
 * screen adds its table to this list.
 */
export const tables = [
  shellMessages,
  usersMessages,
  auditMessages,
  outbreaksMessages,
  casesMessages,
  investigationsMessages,
  trajectoryMessages,
  reportsMessages,
  tasksMessages,
  placesMessages,
  samplesMessages,
  contactsMessages,
  contactsImportMessages,
  quarantineMessages,
  dashboardMessages,
] as const;

type Table = (typeof tables)[number];
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

export type MessageKey = keyof UnionToIntersection<Table['zh']>;
export type Language = 'zh-CN' | 'en';

function compose(language: 'zh' | 'en'): Record<MessageKey, string> {
  const merged: Record<string, string> = {};
  for (const table of tables) {
    Object.assign(merged, table[language]);
  }
  // Each table is typed by its keys, so the union of them covers MessageKey exactly.
  return merged as Record<MessageKey, string>;
}

export const messages: Record<Language, Record<MessageKey, string>> = {
  'zh-CN': compose('zh'),
  en: compose('en'),
};
