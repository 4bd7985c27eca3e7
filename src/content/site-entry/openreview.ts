/** Content-script entry registered for openreview once its origins are granted (background/other-sites/scripts.ts). */
import { followSiteUntilOff } from '../sites/follow';
import { openReviewEntries } from '../sites/openreview';
import { takeOver } from '../single-instance';

followSiteUntilOff('openreview', openReviewEntries, takeOver('paper-pulse:start-site'));
