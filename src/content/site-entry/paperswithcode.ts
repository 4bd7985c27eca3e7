/** Content-script entry registered for paperswithcode once its origins are granted (background/other-sites/scripts.ts). */
import { followSite } from '../sites/follow';
import { paperswithcodeEntries } from '../sites/paperswithcode';
import { takeOver } from '../single-instance';

followSite(paperswithcodeEntries, takeOver('paper-pulse:start-site').signal);
