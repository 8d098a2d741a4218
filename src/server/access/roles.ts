/** The roles of DESIGN §2. */
export const roles = [
  'admin',
  'commander',
  'lead',
  'investigator',
  'tracer',
  'site_staff',
  'sampler',
  'lab',
  'disinfector',
] as const;

export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * Role → allowed actions. This table is the whole of role-based authorization: a route names one
 * permission, and a permission no role holds is refused to everyone (fail closed).
 */
const grants = {
  'users:read': ['admin'],
  'users:write': ['admin'],
  'jurisdictions:read': roles,
  /** The protocol presets are public rules; every role plans with them. */
  'protocols:read': roles,
  'jurisdictions:write': ['admin'],
  'audit:read': ['admin', 'commander', 'lead'],
  'audit:verify': ['admin'],
  'records:read': [
    'commander',
    'lead',
    'investigator',
    'tracer',
    'site_staff',
    'sampler',
    'lab',
    'disinfector',
  ],
  /** Unmasked personal data of records inside the user's jurisdiction. */
  'personal:read': ['lead', 'investigator', 'tracer', 'site_staff', 'sampler'],
  /** Break-the-glass reveal of one record's personal data, with a written reason. */
  'personal:reveal': ['commander', 'lead', 'investigator', 'tracer'],
  'persons:read': [
    'commander',
    'lead',
    'investigator',
    'tracer',
    'site_staff',
    'sampler',
    'lab',
    'disinfector',
  ],
  'persons:write': ['lead', 'investigator', 'tracer'],
  'outbreaks:read': [
    'commander',
    'lead',
    'investigator',
    'tracer',
    'site_staff',
    'sampler',
    'lab',
    'disinfector',
  ],
  'outbreaks:write': ['lead'],
  'cases:read': [
    'commander',
    'lead',
    'investigator',
    'tracer',
    'site_staff',
    'sampler',
    'lab',
    'disinfector',
  ],
  'cases:write': ['lead', 'investigator'],
  'investigations:read': ['commander', 'lead', 'investigator', 'tracer'],
  'investigations:write': ['lead', 'investigator'],
  'trajectories:write': ['lead', 'investigator'],
  /** The 流调报告 is written for the health bureau and the command office, so commanders read it. */
  'reports:read': ['commander', 'lead', 'investigator'],
  'reports:write': ['lead', 'investigator'],
  /** Investigators submit too: at night the investigator on duty files the 24-hour report. */
  'reports:submit': ['lead', 'investigator'],
  'tasks:read': [
    'commander',
    'lead',
    'investigator',
    'tracer',
    'site_staff',
    'sampler',
    'lab',
    'disinfector',
  ],
  'tasks:write': ['lead', 'investigator', 'tracer', 'site_staff', 'sampler', 'lab', 'disinfector'],
  'places:read': [
    'commander',
    'lead',
    'investigator',
    'tracer',
    'site_staff',
    'sampler',
    'lab',
    'disinfector',
  ],
  'places:write': ['lead', 'investigator'],
  /** Visit logs (venue scans, payments, transit, telecom) and their reference files. */
  'visits:import': ['lead', 'investigator'],
  'discovery:run': ['lead', 'investigator'],
  /** Confirming a candidate creates a contact, so the roles that write contacts decide. */
  'discovery:decide': ['lead', 'investigator', 'tracer'],
  'measures:write': ['lead', 'investigator', 'disinfector'],
  /** A suspension of business is approved by the command office or the team lead (DESIGN §2). */
  'measures:approve': ['commander', 'lead'],
  /** Sampling plans, day lists, samples and results (DESIGN §2: samplers and the lab; the teams that act on them read). */
  'samples:read': ['commander', 'lead', 'investigator', 'tracer', 'site_staff', 'sampler', 'lab'],
  'samples:write': ['lead', 'investigator', 'sampler', 'lab'],
  'lab-results:write': ['lead', 'lab'],
  /** Acting on a lab suggestion (exclude, discharge, dismiss); converting a contact also needs contacts:convert. */
  'suggestions:decide': ['lead', 'investigator'],
  'discharges:write': ['lead', 'investigator'],
  /** Contacts, exposures, plans and lists (DESIGN §2: tracers and investigators; site staff and the command read). */
  'contacts:read': ['commander', 'lead', 'investigator', 'tracer', 'site_staff'],
  'contacts:write': ['lead', 'investigator', 'tracer'],
  /** Converting a contact into a case reports a case; the tracer who follows the contact does it (issue 4). */
  'contacts:convert': ['lead', 'investigator', 'tracer'],
  'tracing:write': ['lead', 'investigator', 'tracer'],
  /** Recording the result of a planned contact test until the samples feature records lab results. */
  'contact-tests:write': ['lead', 'investigator', 'sampler', 'lab'],
  'sites:read': ['commander', 'lead', 'investigator', 'tracer', 'site_staff'],
  'sites:write': ['lead', 'investigator'],
  /** Tracers place the contacts they find and watch them (DESIGN §2: contacts, phone tracing, follow-ups). */
  'placements:write': ['lead', 'investigator', 'tracer', 'site_staff'],
  'follow-ups:write': ['lead', 'investigator', 'tracer', 'site_staff'],
  'alerts:write': ['lead', 'investigator', 'tracer', 'site_staff'],
  /** Names and colours of transmission clusters. */
  'clusters:write': ['commander', 'lead', 'investigator'],
  /** The 疫情日报 goes to the command office, so commanders read it; the team lead's staff write it. */
  'daily-reports:read': ['commander', 'lead', 'investigator'],
  'daily-reports:write': ['lead', 'investigator'],
  'daily-reports:submit': ['lead', 'investigator'],
  /** Case and contact line lists as .xlsx; personal fields stay masked for roles without personal:read. */
  'exports:write': ['commander', 'lead', 'investigator', 'tracer'],
} satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof grants;

export function can(role: Role, permission: Permission): boolean {
  const allowed: readonly Role[] = grants[permission];
  return allowed.includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(grants) as Permission[]).filter((p) => can(role, p));
}
