// Automated accessibility scan (issue 11, issue 13 item 3) at 800×480, standing in for a 480 px high
// iframe: axe-core's default run over every view, failing on any "serious" or "critical" violation.
// The views, the other sizes (the other axe*.spec.mjs) and why the context bypasses the page's CSP:
// tests/e2e/axe.mjs.
import { SIZES, axeSuite } from "../axe.mjs";

axeSuite([SIZES[3]]);
