/**
 * Content-script entry on huggingface.co's Papers pages (manifest matches): only the Save toggles and saved marks of
 * features/hf-papers.ts. A bundle of its own, so the arXiv pages' script carries none of it (and this none of theirs).
 */
import { followHfPapers } from './features/hf-papers';
import { takeOver } from './single-instance';

followHfPapers(takeOver('paper-pulse:start-hf').signal);
