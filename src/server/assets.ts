// The page's own assets: its style sheet and its compiled script. They hold no data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let script: string | null = null;
/** The compiled page script (src/server/client/app.ts, built by `npm run build`). */
export function appScript(): string {
  script ??= readFileSync(join(__dirname, 'client', 'app.js'), 'utf8');
  return script;
}

export const STYLE = `
:root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; font-family: system-ui, sans-serif; }
body { margin: 0; color: #1f2328; background: #fff; }
header { display: flex; justify-content: space-between; align-items: center; padding: .6rem 1.2rem; background: #24292f; color: #fff; }
header h1 { margin: 0; font-size: 1.2rem; }
header a { color: #fff; }
main { padding: 1rem 1.2rem; max-width: 1200px; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 .5rem; }
.meta { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: .8rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .7rem .9rem; }
.card h3 { margin: 0 0 .3rem; font-size: 1rem; }
.current-version { font-size: 1.4rem; font-weight: 600; font-family: ui-monospace, monospace; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: .8rem; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; background: var(--bg); }
.tile .value { font-size: 1.5rem; font-weight: 600; }
.tile .sub { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); }
code, .mono { font-family: ui-monospace, monospace; }
.ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: .8rem; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .5rem; }
figcaption { font-size: .9rem; margin-bottom: .3rem; }
svg { width: 100%; height: auto; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg text { font-size: 10px; fill: var(--muted); }
svg .band { fill: #dafbe1; }
svg .p-deploy { fill: #0969da; } svg .p-rollback { fill: #8250df; } svg .p-emergency { fill: var(--bad); }
svg .p-failed { stroke: var(--bad); stroke-width: 2; }
svg .series { fill: none; stroke-width: 1.5; }
svg .s0 { stroke: #0969da; } svg .s1 { stroke: #bf8700; } svg .s2 { stroke: #1a7f37; } svg .s3 { stroke: #8250df; }
figure .legend { font-size: .8rem; color: var(--muted); margin: .2rem 0 0; padding: 0; list-style: none; }
figure .legend li::before { content: "●"; margin-right: .3rem; }
figure .legend .p-s0::before { color: #0969da; } figure .legend .p-s1::before { color: #bf8700; } figure .legend .p-s2::before { color: #1a7f37; } figure .legend .p-s3::before { color: #8250df; }
svg .p-s0 { fill: #0969da; } svg .p-s1 { fill: #bf8700; } svg .p-s2 { fill: #1a7f37; } svg .p-s3 { fill: #8250df; }
#rollback-panel { border: 2px solid var(--warn); border-radius: 6px; padding: .7rem .9rem; margin-top: .8rem; }
#message.error, .error { color: var(--bad); }
button { font: inherit; padding: .25rem .7rem; cursor: pointer; }
form.inline { display: inline; }
nav#env-tabs button[aria-pressed="true"] { font-weight: 700; }
.login form { display: flex; flex-direction: column; gap: .5rem; max-width: 360px; }
`;
