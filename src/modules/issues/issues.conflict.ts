import type { IssueEventKind, IssueStatus } from '../shared/enums.ts';
import { RuleViolationError } from '../shared/errors.ts';
import type { IssueRow, IssuesWriter } from './issues.write-repo.ts';

// No lost updates. A person's write (a form, a CSV row, a mutation with `version`) names the
// version of the problem it was based on; when the problem has moved on since, the write is
// refused and the caller is told what happened meanwhile, so they can decide again.

/** One write that happened after the caller's version. */
export interface IssueChangeSince {
  version: number;
  kind: IssueEventKind;
  at: string;
  statusBefore: IssueStatus | null;
  statusAfter: IssueStatus;
  progress: number | null;
  dueDateAfter: string | null;
  publicNote: string | null;
  organizationId: number | null;
}

export class IssueConflictError extends RuleViolationError {
  override name = 'IssueConflictError';
  constructor(
    readonly issueId: number,
    readonly expectedVersion: number,
    readonly currentVersion: number,
    readonly changes: IssueChangeSince[],
  ) {
    super(
      'issue/conflict',
      `Problem ${issueId} changed since you loaded it (your version ${expectedVersion}, now ${currentVersion}): ` +
        (changes.length
          ? changes.map((c) => `${c.kind} → ${c.statusAfter}${c.progress !== null ? ` ${c.progress}%` : ''} at ${c.at}`).join('; ')
          : 'it was changed') +
        '. Nothing was written; look at it again and repeat your change.',
    );
  }
}

/** Throws issue/conflict when `expected` is given and is not the problem's version. */
export function requireVersion(writer: IssuesWriter, issue: IssueRow, expected: number | undefined): void {
  if (expected === undefined || expected === issue.version) return;
  const changes = expected < issue.version ? writer.updatesSince(issue.id, expected) : [];
  throw new IssueConflictError(
    issue.id,
    expected,
    issue.version,
    changes.map((u) => ({
      version: u.version ?? 0,
      kind: u.kind,
      at: u.at,
      statusBefore: u.statusBefore,
      statusAfter: u.statusAfter,
      progress: u.progress,
      dueDateAfter: u.dueDateAfter,
      publicNote: u.publicNote,
      organizationId: u.organizationId,
    })),
  );
}
