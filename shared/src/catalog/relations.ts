import relationsJson from './data/control-relations.json';
import type { ControlId, RelationChain } from './types';

export const RELATIONS_PROVENANCE = relationsJson.about;

export const RELATION_CHAINS: readonly RelationChain[] = relationsJson.chains.map((chain) => ({
  ...chain,
  links: chain.links.map((pair) => [String(pair[0]), String(pair[1])] as const),
}));

export interface RelatedControl {
  id: ControlId;
  /** "next": this control builds on the given one; "previous": the given one builds on it. */
  direction: 'next' | 'previous' | 'related';
  chainId: string;
  chainName_ja: string;
  chainName_en: string;
}

/**
 * Controls related to `id` by the sourced chains: direct successors first (5.12 → 5.13),
 * then predecessors, then other members of the same chain. Each control appears once.
 */
export function relatedControls(id: string): RelatedControl[] {
  const found = new Map<string, RelatedControl>();
  const rank = { next: 0, previous: 1, related: 2 } as const;
  const add = (target: string, direction: RelatedControl['direction'], chain: RelationChain) => {
    if (target === id) return;
    const existing = found.get(target);
    if (existing && rank[existing.direction] <= rank[direction]) return;
    found.set(target, {
      id: target,
      direction,
      chainId: chain.id,
      chainName_ja: chain.name_ja,
      chainName_en: chain.name_en,
    });
  };
  for (const chain of RELATION_CHAINS) {
    const members = new Set<string>();
    for (const [from, to] of chain.links) {
      members.add(from);
      members.add(to);
      if (from === id) add(to, 'next', chain);
      if (to === id) add(from, 'previous', chain);
    }
    chain.related.forEach((member) => members.add(member));
    if (!members.has(id)) continue;
    for (const member of members) add(member, 'related', chain);
  }
  return [...found.values()].sort((a, b) => rank[a.direction] - rank[b.direction]);
}

/** True when the chains say `from` feeds `to` directly (used to suggest link labels). */
export function isSourcedLink(from: string, to: string): boolean {
  return RELATION_CHAINS.some((chain) => chain.links.some(([a, b]) => a === from && b === to));
}
