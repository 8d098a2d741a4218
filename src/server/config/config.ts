import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error.ts';

/** Every setting saolei reads, with its environment variable and its default. */
const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  timeZone: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  sessionIdleMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  sessionMaxHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  lockoutThreshold: z.coerce.number().int().min(1).max(100).default(5),
  lockoutMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  rateLimitPerMinute: z.coerce.number().int().min(1).default(1200),
  loginRateLimitPerMinute: z.coerce.number().int().min(1).default(30),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Set behind a TLS-terminating proxy so that cookies get the Secure flag. */
  secureCookies: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .transform((value) => value),
  trustProxy: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  slaDispatchMinutes: z.coerce.number().int().min(1).default(15),
  slaCoreInfoHours: z.coerce.number().int().min(1).default(4),
  slaReportHours: z.coerce.number().int().min(1).default(24),
  /** Hours an open task may be past due before it is escalated to the leads (DESIGN §3.11). */
  taskEscalateHours: z.coerce.number().positive().max(720).default(2),
  webDist: z.string().default('dist/web'),
  /** Who a 流调报告 is submitted to unless the submitter names others; comma-separated in the environment. */
  reportRecipients: z
    .string()
    .default('市疾控中心,区卫健局')
    .transform((value) =>
      value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    )
    .refine((names) => names.length > 0, 'must name at least one recipient'),
  /** Follow-ups expected per contact per day, unless the outbreak's preset sets its own frequency. */
  followUpsPerDay: z.coerce.number().int().min(1).max(6).default(1),
  /** Samples a pooled tube (混采) may hold. */
  poolMax: z.coerce.number().int().min(1).max(50).default(10),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variable name for each setting. */
export const configEnv = {
  port: 'SAOLEI_PORT',
  host: 'SAOLEI_HOST',
  dataDir: 'SAOLEI_DATA',
  databaseUrl: 'SAOLEI_DATABASE_URL',
  timeZone: 'SAOLEI_TZ',
  logLevel: 'SAOLEI_LOG_LEVEL',
  sessionIdleMinutes: 'SAOLEI_SESSION_IDLE_MINUTES',
  sessionMaxHours: 'SAOLEI_SESSION_MAX_HOURS',
  lockoutThreshold: 'SAOLEI_LOCKOUT_THRESHOLD',
  lockoutMinutes: 'SAOLEI_LOCKOUT_MINUTES',
  rateLimitPerMinute: 'SAOLEI_RATE_LIMIT_PER_MINUTE',
  loginRateLimitPerMinute: 'SAOLEI_LOGIN_RATE_LIMIT_PER_MINUTE',
  bodyLimitBytes: 'SAOLEI_BODY_LIMIT_BYTES',
  secureCookies: 'SAOLEI_SECURE_COOKIES',
  trustProxy: 'SAOLEI_TRUST_PROXY',
  slaDispatchMinutes: 'SAOLEI_SLA_DISPATCH_MINUTES',
  slaCoreInfoHours: 'SAOLEI_SLA_CORE_INFO_HOURS',
  slaReportHours: 'SAOLEI_SLA_REPORT_HOURS',
  taskEscalateHours: 'SAOLEI_TASK_ESCALATE_HOURS',
  webDist: 'SAOLEI_WEB_DIST',
  reportRecipients: 'SAOLEI_REPORT_RECIPIENTS',
  followUpsPerDay: 'SAOLEI_FOLLOW_UPS_PER_DAY',
  poolMax: 'SAOLEI_POOL_MAX',
} satisfies Record<keyof Config, string>;

/**
 * Reads the configuration once: environment variables first, then explicit overrides (CLI flags).
 * A bad value throws a ConfigError naming the variable, so that start-up stops with a clear message.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ConfigInput> = {},
): Config {
  const input: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(configEnv)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      input[key] = value;
    }
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) {
      input[key] = value;
    }
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const name = key in configEnv ? configEnv[key as keyof Config] : key;
      return `${name}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
