/** Content-script entry registered for paperswithcode once its origins are granted (background/other-sites/scripts.ts). */
import { followSiteUntilOff } from '../sites/follow';
import { paperswithcodeEntries } from '../sites/paperswithcode';
import { takeOver } from '../single-instance';

followSiteUntilOff('paperswithcode', paperswithcodeEntries, takeOver('paper-pulse:start-site'));
