// The RACI webview laid out by a real browser engine (Debian's headless Chromium, installed by .ci/run): in a panel beside the
// editor of a 1280 px window (640 px), every column of a wide matrix is inside the panel, none pushed out of sight.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderRaciHtml } from '../src/raciView';

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

test('every column of a wide RACI matrix fits a 640 px panel', () => {
  assert.ok(chromium, "Debian's chromium is needed for this test: apt-get install chromium (.ci/run installs it)");
  const roles = ['ChiefInformationSecurityOfficer', 'ServiceDeliveryManager', 'SecurityOperationsLead', 'IdentityAndAccessManager',
    'RegulatoryComplianceOfficer', 'NearshoreSquadLead', 'ExitManagementCoordinator', 'DataProtectionOfficer'];
  const matrix = {
    roles,
    rows: [
      { activity: 'IdentityLifecycleManagementAndRecertification', title: 'Joiner, mover, leaver processes across every plant', cells: ['A', 'R', 'C', 'R', 'I', 'C', '-', 'I'] },
      { activity: 'Patching', title: null, cells: ['I', 'A', 'R', '-', 'C', 'R', '-', '-'] },
    ],
  };
  // The page as the webview shows it, plus a probe (the test lifts the page's CSP to run it) that writes what it measured.
  const html = renderRaciHtml(matrix, 'wide.sla', 'vscode-resource:')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    .replace('</body>', `<script>
      const table = document.querySelector('table');
      const cells = [...document.querySelectorAll('thead th')].map((c) => c.getBoundingClientRect());
      document.body.setAttribute('data-probe', JSON.stringify({ viewport: document.documentElement.clientWidth, table: table.getBoundingClientRect().right, scroll: document.documentElement.scrollWidth, rights: cells.map((r) => r.right) }));
    </script></body>`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-raci-'));
  const page = path.join(dir, 'raci.html');
  fs.writeFileSync(page, html);
  const dom = execFileSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${path.join(dir, 'profile')}`,
    '--window-size=640,800', '--dump-dom', `file://${page}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 });
  const probe = JSON.parse(dom.match(/data-probe="([^"]*)"/)![1].replace(/&quot;/g, '"')) as { viewport: number; table: number; scroll: number; rights: number[] };
  assert.equal(probe.rights.length, roles.length + 1);
  assert.ok(probe.scroll <= probe.viewport, `the page scrolls sideways: ${probe.scroll} > ${probe.viewport}`);
  for (const right of probe.rights) {
    assert.ok(right <= probe.viewport, `a column ends at ${right} px, outside the ${probe.viewport} px panel`);
  }
});
