/** Content-script entry registered for alphaxiv once its origins are granted (background/other-sites/scripts.ts). */
import { followSite } from '../sites/follow';
import { alphaxivEntries } from '../sites/alphaxiv';
import { takeOver } from '../single-instance';

followSite(alphaxivEntries, takeOver('paper-pulse:start-site').signal);
