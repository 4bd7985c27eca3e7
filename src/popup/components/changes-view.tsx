/**
 * The "Changes" view: what changed on saved papers according to arXiv (new version, journal ref, DOI, title,
 * withdrawal) and Hugging Face (an HF page, code released, linked models / datasets / Spaces, comments, an upvote
 * milestone), newest first, from → to and when; each side's last check and its outcome; "Check now" under the same
 * limits as the daily pass; each change can be dismissed. Showing it marks the changes seen (their part of the
 * toolbar count). Remote text renders as text; a repo link only when it is http(s).
 */
import { useEffect } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import { timeAgo } from '../../shared/format';
import { safeHref } from '../../shared/safe-href';
import type { ChangeKind, WatchChange, WatchView } from '../../shared/watch-types';
import { useWatch } from './use-watch';
import { Loading } from './loading';

const KIND_LABELS: Record<ChangeKind, string> = {
  version: 'New version', journal: 'Journal reference', doi: 'DOI', title: 'Title changed', withdrawn: 'Withdrawn',
  'hf-page': 'On Hugging Face', code: 'Code released', models: 'Linked models', datasets: 'Linked datasets',
  spaces: 'Linked Spaces', comments: 'Comments on HF', upvotes: 'Upvote milestone',
};
const HF_KINDS: ReadonlySet<ChangeKind> = new Set(['hf-page', 'code', 'models', 'datasets', 'spaces', 'comments', 'upvotes']);

/** One line on the HF side: where its data came from, how many asks, what is left for the next hour. */
export function hfLine(view: WatchView, now = Date.now()): string {
  if (!view.hf.active) return 'Hugging Face: off (Options → Watch saved papers on Hugging Face).';
  const step = view.hf.step;
  const mode = view.hf.replicaOnly ? ' Privacy mode: from the local copy only, no requests.' : '';
  if (!step) return `Hugging Face: not checked yet.${mode}`;
  const left = step.remaining ? `; ${step.remaining} more in the next hours` : '';
  const outcome = step.error ? ` Stopped: ${step.error}; it goes on within the hour.` : '';
  return `Hugging Face: ${step.watched} saved paper${step.watched === 1 ? '' : 's'} looked at ${timeAgo(step.at, now)}: ${step.fromReplica} updated from the local copy, ${step.requests} asked${left}.${outcome}${mode}`;
}

const shortRepo = (url: string) => url.replace(/^https?:\/\/(?:www\.)?/, '').replace(/\/+$/, '');

/** Changes of one paper found together (the list is newest first) under one title: "per paper, what changed". */
export function groupChanges(changes: readonly WatchChange[]): { paperId: string; title: string; changes: WatchChange[] }[] {
  const groups: { paperId: string; title: string; changes: WatchChange[] }[] = [];
  for (const change of changes) {
    const last = groups.at(-1);
    if (last?.paperId === change.paperId) last.changes.push(change);
    else groups.push({ paperId: change.paperId, title: change.title, changes: [change] });
  }
  return groups;
}

function ChangeTo({ change }: { change: WatchChange }) {
  const href = change.kind === 'code' ? safeHref(change.to) : undefined;
  return href
    ? <a class="to" href={href} target="_blank" rel="noopener noreferrer">{shortRepo(change.to)}</a>
    : <span class="to">{change.to}</span>;
}

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One line on the last pass: when, and how it went; why the watch is off if it is. */
export function passLine(view: WatchView, now = Date.now()): string {
  if (view.inactiveReason === 'off') return 'The watch is off (Options → Watch saved papers on arXiv).';
  if (view.inactiveReason === 'privacy') return 'Privacy mode is on: saved ids are not sent to arXiv, so the watch is paused.';
  if (view.running) return 'Checking your saved papers on arXiv…';
  const pass = view.pass;
  if (!pass) return 'Not checked yet: the first check runs a few minutes after start-up, then once a day.';
  const next = view.nextPassAt > now ? ` Next check after ${clock(view.nextPassAt)}.` : '';
  const outcome = pass.outcome;
  if (!outcome) return `The last check (${timeAgo(pass.startedAt, now)}) was cut short; it resumes with the rest.${next}`;
  if (outcome.state === 'error') return `Last check ${timeAgo(pass.startedAt, now)} failed: ${outcome.message}. Nothing was lost.${next}`;
  const missing = outcome.missing ? `, ${outcome.missing} not found on arXiv` : '';
  return `Last checked ${timeAgo(pass.startedAt, now)}: ${outcome.checked} paper${outcome.checked === 1 ? '' : 's'}${missing}, ${outcome.changes} change${outcome.changes === 1 ? '' : 's'}.${next}`;
}

export function ChangesView() {
  const [view, error, take] = useWatch();
  const unseen = view?.changes.some((c) => !c.seen) ?? false;
  useEffect(() => {
    if (unseen) void sendMessage('markChangesSeen').catch(() => undefined);
  }, [unseen]);
  if (error) return <p class="state error" role="alert">{error} <button type="button" onClick={() => take(sendMessage('watchView'))}>Retry</button></p>;
  if (!view) return <Loading />;
  // The daily arXiv limit decides; the HF side takes its slice with every check and each hour anyway.
  const canCheck = view.active && !view.running && Date.now() >= view.nextPassAt;
  const dismiss = (keys: string[]) => take(sendMessage('dismissChanges', keys).then((changes) => ({ ...view, changes })));
  const failed = view.pass?.outcome?.state === 'error';
  return (
    <section aria-labelledby="changes-heading" data-testid="changes">
      <h2 id="changes-heading">Changes on saved papers</h2>
      <div class="watch-status">
        <p class={failed ? 'explain error' : 'explain'} role="status" data-testid="watch-status">{passLine(view)}</p>
        <button type="button" disabled={!canCheck} onClick={() => take(sendMessage('watchCheckNow'))}
          title={canCheck ? 'Ask arXiv and Hugging Face about your saved papers now' : 'arXiv asks for one check a day; the next one is scheduled'}>
          {view.running ? 'Checking…' : 'Check now'}
        </button>
      </div>
      <p class={view.hf.step?.error ? 'explain error' : 'explain'} data-testid="watch-hf-status">{hfLine(view)}</p>
      {view.changes.length === 0 ? (
        <p class="state" role="status">No changes yet. New versions, journal references, DOIs, title changes and withdrawals of your saved papers show up here, and from Hugging Face: released code, linked models, datasets and Spaces, comments and upvote milestones.</p>
      ) : (
        <>
          <ol class="changes" aria-label="Changes, newest first">
            {groupChanges(view.changes).map((group) => (
              <li key={group.changes[0]!.key} data-arxiv-id={group.paperId}>
                <a class="ptitle" href={`https://arxiv.org/abs/${group.paperId}`} target="_blank" rel="noopener noreferrer">{group.title || `arXiv:${group.paperId}`}</a>
                {group.changes.map((c) => (
                  <div key={c.key} class="change-row" data-kind={c.kind}>
                    <span class="change"><strong>{KIND_LABELS[c.kind]}</strong>: {c.from ? <><span class="from">{c.from}</span> → </> : null}<ChangeTo change={c} /></span>
                    <button type="button" class="dismiss" aria-label={`Dismiss: ${KIND_LABELS[c.kind]} on ${c.title || c.paperId}`} title="Dismiss" onClick={() => dismiss([c.key])}>×</button>
                  </div>
                ))}
                <span class="pmeta">
                  {group.changes.some((c) => HF_KINDS.has(c.kind)) && <><a href={`https://huggingface.co/papers/${group.paperId}`} target="_blank" rel="noopener noreferrer">on HF</a> · </>}
                  arXiv:{group.paperId} · {timeAgo(group.changes[0]!.at)}{group.changes.some((c) => !c.seen) ? ' · new' : ''}
                </span>
              </li>
            ))}
          </ol>
          <p class="changes-foot"><button type="button" onClick={() => dismiss(view.changes.map((c) => c.key))}>Dismiss all</button></p>
        </>
      )}
      <p class="explain attribution">Thank you to arXiv for use of its open access interoperability. Hugging Face data from its public Papers API.</p>
    </section>
  );
}
