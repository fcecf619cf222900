// The console's behaviour, loaded as one module on every page. Each part enhances server-
// rendered HTML that already works without it (forms post, links navigate); no inline code is
// needed anywhere, which is what the Content-Security-Policy demands.
import { localiseTimes } from './time.js';
import { installCsrf } from './csrf.js';
import { installDialogs } from './dialogs.js';
import { installSelection } from './selection.js';
import { installDisclosure } from './disclosure.js';
import { installMenu } from './menu.js';
import { installCopy } from './copy.js';
import { installStateAnnouncements } from './state-changes.js';
import { installScrollRegions, mark as markScrollRegions } from './scroll-regions.js';

function enhance(root) {
  localiseTimes(root);
  markScrollRegions(root);
}

installCsrf();
installDialogs();
installSelection();
installDisclosure();
installMenu();
installCopy();
installStateAnnouncements();
installScrollRegions();
enhance(document);
// htmx fires htmx:load for every piece of content it swaps in.
document.addEventListener('htmx:load', (event) => enhance(event.target));
