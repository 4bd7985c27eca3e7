/** A cached paper as a popup list row shows it (related papers, search results): the record's displayable fields only. */
import type { PaperItem, PaperRecord } from './types';

export const paperItem = (p: PaperRecord): PaperItem => ({
  id: p.id,
  title: p.title,
  authors: p.authors,
  upvotes: p.upvotes,
  ...(p.numComments !== undefined ? { numComments: p.numComments } : {}),
  ...(p.githubStars !== undefined ? { githubStars: p.githubStars } : {}),
  ...(p.dailyDate !== undefined ? { date: p.dailyDate } : {}),
});
