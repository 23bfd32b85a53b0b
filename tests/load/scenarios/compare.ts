import { describe, comparisonTable } from '../report';
import { type LoadResult, type LoadSpec, runLoad } from '../runLoad';
import type { ServerKind } from '../servers/serverProcess';
import { Target } from '../servers/target';
import type { RunOptions } from './options';

/** Starts a fresh target of one kind, runs one load on it, and disposes of it. */
export async function measure(
  kind: ServerKind,
  spec: LoadSpec,
  options: RunOptions,
  instances = 1,
): Promise<LoadResult> {
  const env = kind === 'reference' ? {} : options.oursEnv;
  const target = await Target.start({
    kind,
    instances,
    env,
    participants: options.participants ?? false,
  });
  try {
    return await runLoad(target, spec);
  } finally {
    await target.close();
  }
}

/** The same load against each server kind in turn; a side-by-side table with ratios. */
export async function compare(title: string, spec: LoadSpec, options: RunOptions): Promise<string> {
  const results: LoadResult[] = [];
  for (const kind of options.kinds) results.push(await measure(kind, spec, options));
  const first = results[0];
  return [`### ${title}`, '', first ? describe(first) : '', '', comparisonTable(results)].join(
    '\n',
  );
}
