/**
 * Content-script entry on huggingface.co's Papers pages (manifest matches): the Save toggles and saved marks of
 * features/hf-papers.ts and the daily list's "New" marks (features/hf-new-since.ts). A bundle of its own, so the arXiv pages' script carries none of it (and this none of theirs).
 */
import { followHfNewSince } from './features/hf-new-since';
import { followHfPapers } from './features/hf-papers';
import { takeOver } from './single-instance';

const { signal } = takeOver('paper-pulse:start-hf');
followHfPapers(signal);
followHfNewSince(signal);
