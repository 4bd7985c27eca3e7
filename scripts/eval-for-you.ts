/**
 * `npm run eval:for-you`: how well the "For you" digest (src/shared/for-you.ts) ranks a week of Daily Papers for a
 * reading list, on the real corpus (../shared/fixtures/hf-api/real/corpus.json.gz, 9,877 papers).
 *
 * Protocol: 100 simulated readers (fixed seed). Each gets a week W (7 consecutive Daily Papers days from 2025 on) and
 * a reading list of 8 papers featured BEFORE W: a random anchor paper and the 7 closest to it by the relevance proxy
 * (so a coherent interest, as a real list is). Candidates: every paper of W. Graded relevance of a candidate = the
 * largest IDF-weighted cosine between its ai_keywords words and a saved paper's; the ranker never sees ai_keywords
 * (hidden on both sides, as in eval-related). Metrics over the 5 picks: nDCG@5, and ILS@5 = mean pairwise proxy
 * similarity of the picks (lower = more diverse). Rankers: random, the top of the week by upvotes, For-you without
 * diversity or top-of-the-day mixing, and the shipped For-you.
 */
import { loadCorpus, rng, type CorpusRecord } from './eval-corpus';
import { rankForYou, type ForYouCandidate, type SavedPaper } from '../src/shared/for-you';
import { buildIndex } from '../src/shared/related';
import { intraListSimilarity, ndcgAt, weightedCosine } from './ranking-metrics';

const USERS = 100;
const SAVED = 8;
const K = 5;
const SEED = 20261201;

const corpus = loadCorpus();

const words = (r: CorpusRecord) => new Set((r.ai_keywords ?? []).flatMap((k) => k.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, ' ').split(/\s+/)).filter(Boolean));
const judged = corpus.filter((r) => r.ai_keywords?.length);
const kw = new Map(judged.map((r) => [r.id, words(r)]));
const df = new Map<string, number>();
for (const set of kw.values()) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
const idf = (w: string) => Math.log(judged.length / (df.get(w) ?? 1));
const proxy = (a: string, b: string) => {
  const x = kw.get(a);
  const y = kw.get(b);
  return x && y ? weightedCosine(x, y, idf) : 0;
};

const days = [...new Set(corpus.map((r) => r.dailyDate))].sort();
const index = buildIndex(corpus.map((r) => ({ id: r.id, title: r.title, summary: r.summary, upvotes: r.upvotes, date: r.dailyDate })));
const candidate = (r: CorpusRecord): ForYouCandidate => ({ id: r.id, title: r.title, summary: r.summary, upvotes: r.upvotes });

interface User { saved: CorpusRecord[]; week: CorpusRecord[]; now: number }
const random = rng(SEED);
const users: User[] = [];
const weekStarts = days.filter((d) => d >= '2025-01-01');
while (users.length < USERS) {
  const start = weekStarts[Math.floor(random() * (weekStarts.length - 7))]!;
  const end = days[days.indexOf(start) + 6]!;
  const week = corpus.filter((r) => r.dailyDate >= start && r.dailyDate <= end && kw.has(r.id));
  const before = judged.filter((r) => r.dailyDate < start);
  if (week.length < 20 || before.length < 100) continue;
  const anchor = before[Math.floor(random() * before.length)]!;
  const saved = [anchor, ...before.filter((r) => r.id !== anchor.id).map((r) => ({ r, s: proxy(anchor.id, r.id) })).sort((a, b) => b.s - a.s).slice(0, SAVED - 1).map((x) => x.r)];
  users.push({ saved, week, now: Date.parse(`${start}T09:00:00Z`) });
}

type Ranker = (u: User) => string[];
const gain = (u: User, id: string) => Math.max(...u.saved.map((s) => proxy(s.id, id)));
const asSaved = (u: User): SavedPaper[] => u.saved.map((r, i) => ({ id: r.id, title: r.title, summary: r.summary, addedAt: u.now - (i + 1) * 5 * 86_400_000, read: false }));

const rankers: [string, Ranker][] = [
  ['random', (() => { const r = rng(SEED + 1); return (u: User) => [...u.week].sort(() => r() - 0.5).slice(0, K).map((p) => p.id); })()],
  ['top of the week by upvotes', (u) => [...u.week].sort((a, b) => b.upvotes - a.upvotes).slice(0, K).map((p) => p.id)],
  ['For you, no diversity, no top-of-day mix', (u) => rankForYou(index, u.week.map(candidate), asSaved(u), { count: K, now: u.now, diversity: 0, topEvery: Infinity }).map((p) => p.id)],
  ['For you (shipped: diversity + every 3rd pick the top of the week)', (u) => rankForYou(index, u.week.map(candidate), asSaved(u), { count: K, now: u.now }).map((p) => p.id)],
];

console.log(`For-you eval: ${users.length} simulated readers (seed ${SEED}), ${SAVED} saved papers each, candidates = one week of Daily Papers (median ${users.map((u) => u.week.length).sort((a, b) => a - b)[USERS >> 1]})`);
console.log('graded relevance = max IDF-weighted cosine of ai_keywords words to a saved paper (hidden from the ranker)\n');
console.log(`| ranker | nDCG@${K} | ILS@${K} (lower = more diverse) | ms per reader |`);
console.log('|---|---|---|---|');
const figures: Record<string, { ndcg: number; ils: number }> = {};
for (const [name, rank] of rankers) {
  let ndcg = 0;
  let ils = 0;
  const t = performance.now();
  for (const u of users) {
    const picks = rank(u);
    ndcg += ndcgAt(picks.map((id) => gain(u, id)), u.week.map((p) => gain(u, p.id)), K);
    ils += intraListSimilarity(picks, proxy);
  }
  const ms = (performance.now() - t) / users.length;
  figures[name] = { ndcg: ndcg / users.length, ils: ils / users.length };
  console.log(`| ${name} | ${(ndcg / users.length).toFixed(3)} | ${(ils / users.length).toFixed(3)} | ${ms.toFixed(1)} |`);
}
console.log(`\n${JSON.stringify(figures)}`);
