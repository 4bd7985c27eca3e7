/** Content-script entry registered for semantic-scholar once its origins are granted (background/other-sites/scripts.ts). */
import { followSiteUntilOff } from '../sites/follow';
import { semanticScholarEntries } from '../sites/semantic-scholar';
import { takeOver } from '../single-instance';

followSiteUntilOff('semantic-scholar', semanticScholarEntries, takeOver('paper-pulse:start-site'));
