/**
 * The "Changes" view: what changed on saved papers according to arXiv (new version, journal ref, DOI, title,
 * withdrawal), newest first, from → to and when; the last pass and its outcome; "Check now" under the same limits as
 * the daily pass. Showing it marks the changes seen (their part of the toolbar count). Remote text renders as text.
 */
import { useEffect } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import { timeAgo } from '../../shared/format';
import type { ChangeKind, WatchView } from '../../shared/watch-types';
import { useWatch } from './use-watch';
import { Loading } from './loading';

const KIND_LABELS: Record<ChangeKind, string> = {
  version: 'New version', journal: 'Journal reference', doi: 'DOI', title: 'Title changed', withdrawn: 'Withdrawn',
};

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
  const canCheck = view.active && !view.running && Date.now() >= view.nextPassAt;
  const failed = view.pass?.outcome?.state === 'error';
  return (
    <section aria-labelledby="changes-heading" data-testid="changes">
      <h2 id="changes-heading">Changes on saved papers</h2>
      <div class="watch-status">
        <p class={failed ? 'explain error' : 'explain'} role="status" data-testid="watch-status">{passLine(view)}</p>
        <button type="button" disabled={!canCheck} onClick={() => take(sendMessage('watchCheckNow'))}
          title={canCheck ? 'Ask arXiv about your saved papers now' : 'arXiv asks for one check a day; the next one is scheduled'}>
          {view.running ? 'Checking…' : 'Check now'}
        </button>
      </div>
      {view.changes.length === 0 ? (
        <p class="state" role="status">No changes yet. New versions, journal references, DOIs, title changes and withdrawals of your saved papers show up here.</p>
      ) : (
        <ol class="changes" aria-label="Changes, newest first">
          {view.changes.map((c) => (
            <li key={c.key} data-arxiv-id={c.paperId} data-kind={c.kind}>
              <a class="ptitle" href={`https://arxiv.org/abs/${c.paperId}`} target="_blank" rel="noopener noreferrer">{c.title || `arXiv:${c.paperId}`}</a>
              <span class="change"><strong>{KIND_LABELS[c.kind]}</strong>: {c.from ? <><span class="from">{c.from}</span> → </> : null}<span class="to">{c.to}</span></span>
              <span class="pmeta">arXiv:{c.paperId} · {timeAgo(c.at)}{c.seen ? '' : ' · new'}</span>
            </li>
          ))}
        </ol>
      )}
      <p class="explain attribution">Thank you to arXiv for use of its open access interoperability.</p>
    </section>
  );
}
