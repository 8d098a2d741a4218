/** A bad configuration value: start-up stops with one line naming the variable. */
export class ConfigError extends Error {}
