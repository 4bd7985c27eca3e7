/** Content-script entry registered for alphaxiv once its origins are granted (background/other-sites/scripts.ts). */
import { followSiteUntilOff } from '../sites/follow';
import { alphaxivEntries } from '../sites/alphaxiv';
import { takeOver } from '../single-instance';

followSiteUntilOff('alphaxiv', alphaxivEntries, takeOver('paper-pulse:start-site'));
