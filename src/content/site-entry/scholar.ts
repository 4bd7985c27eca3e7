/** Content-script entry registered for scholar once its origins are granted (background/other-sites/scripts.ts). */
import { followSiteUntilOff } from '../sites/follow';
import { scholarEntries } from '../sites/scholar';
import { takeOver } from '../single-instance';

followSiteUntilOff('scholar', scholarEntries, takeOver('paper-pulse:start-site'));
