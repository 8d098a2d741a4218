export function hugePagesWanted(env?: NodeJS.ProcessEnv): boolean;
export function rerunWithHugePages(): Promise<never>;
