/** Options page entry: renders the options form into options.html. */
import { render } from 'preact';
import { Options } from './options-page';

render(<Options />, document.getElementById('app')!);
