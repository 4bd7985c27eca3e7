/** Content-script entry registered for scholar once its origins are granted (background/other-sites/scripts.ts). */
import { followSite } from '../sites/follow';
import { scholarEntries } from '../sites/scholar';
import { takeOver } from '../single-instance';

followSite(scholarEntries, takeOver('paper-pulse:start-site').signal);
