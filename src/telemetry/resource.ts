/**
 * The OTLP resource of both signals and the instrumentation scope (pure). The resource is the
 * repository and the workflow (low cardinality, as the CICD resource conventions ask of metrics);
 * the run, the ref and the commit are attributes of the step's span. OTEL_RESOURCE_ATTRIBUTES wins
 * over what the action derives, OTEL_SERVICE_NAME over both.
 */
import type { Attributes, Scope } from './model.js';
import { repositoryFacts, type RunSource } from './source.js';

export const SCOPE_NAME = 'setup-go-enforced';

export function scopeOf(actionVersion: string): Scope {
  return { name: SCOPE_NAME, version: actionVersion };
}

/**
 * The service name as the GitHub receiver derives it from a repository when nothing configures
 * one: the repository's name, lowercase, `_` as `-`.
 */
export function receiverServiceName(repositoryName: string): string {
  return repositoryName.toLowerCase().replace(/_/g, '-');
}

/** Attributes without the undefined ones, in order. */
export function attrs(entries: Record<string, string | number | boolean | undefined>): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export function resourceOf(source: RunSource, user: Attributes, serviceName: string | undefined): Attributes {
  const repo = repositoryFacts(source);
  const derived = attrs({
    'service.name': repo.name ? receiverServiceName(repo.name) : 'unknown_service',
    'vcs.provider.name': source.origin === 'runner' && repo.name ? 'github' : undefined,
    'vcs.owner.name': repo.owner,
    'vcs.repository.name': repo.name,
    'vcs.repository.url.full': repo.url,
    'cicd.pipeline.name': source.workflow
  });
  const out: Attributes = { ...derived, ...user };
  if (serviceName) out['service.name'] = serviceName;
  return out;
}
