/** Popup entry: renders the app for the active tab (or the tab named by `?tab=`) into popup.html. */
import { render } from 'preact';
import { App } from './app';
import { isPhone } from './phone';

const params = new URLSearchParams(location.search);
// `?tab=<id>` describes that tab (tests, and the full-page view); otherwise the active tab.
const tabParam = params.get('tab');
if (params.has('full')) document.body.classList.add('full');
if (isPhone()) document.body.classList.add('phone');
render(<App tabId={tabParam ? Number(tabParam) : undefined} initialView={params.get('view') ?? undefined} />, document.getElementById('app')!);
