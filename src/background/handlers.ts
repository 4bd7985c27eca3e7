/** Every message the worker answers, in one object: a missing or mistyped key fails the build. */
import type { Handlers } from '../shared/messages';
import { getPapersBulk } from './bulk';
import { getList } from './lists';
import { getPaper } from './papers';

export const handlers: Handlers = {
  getPaper: async (_sender, id) => getPaper(id),
  getList: async (_sender, kind) => getList(kind),
  getPapersBulk: async (_sender, ids) => getPapersBulk(ids),
};
