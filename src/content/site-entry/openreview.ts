/** Content-script entry registered for openreview once its origins are granted (background/other-sites/scripts.ts). */
import { followSite } from '../sites/follow';
import { openReviewEntries } from '../sites/openreview';
import { takeOver } from '../single-instance';

followSite(openReviewEntries, takeOver('paper-pulse:start-site').signal);
