declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated SQLite file that each test file copies. */
    sqliteTemplate: string;
    /** Admin URL of the throwaway PostgreSQL cluster, and the migrated template database in it. */
    pgAdminUrl: string;
    pgTemplate: string;
    /** Folder of the built web app for the browser tests. */
    webDist: string;
  }
}

export {};
