// SPDX-License-Identifier: GPL-3.0-or-later
// Node's http module (its strict llhttp parser) and the npm eventsource package against a
// running smollama: node client.mjs <port> <token>. Driven by test_node_client.py, which
// starts smollama and restarts it when this prints "RESTART" (then writes "GO").
import http from 'node:http';
import readline from 'node:readline';
import { EventSource } from 'eventsource';

const [port, token] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;

function fail(message) {
    console.log(`FAIL: ${message}`);
    process.exit(1);
}

// One request on the kept-alive agent: resolves with status, headers, body and whether the
// socket was reused.
function request(agent, method, path, body, headers = {}) {
    return new Promise((resolve, reject) => {
        const req = http.request(`${base}${path}`, { method, agent, headers }, (res) => {
            const parts = [];
            res.on('data', (d) => parts.push(d));
            res.on('end', () => resolve({
                status: res.statusCode,
                headers: res.headers,
                body: Buffer.concat(parts).toString('utf8'),
                reused: req.reusedSocket,
            }));
            res.on('error', reject);
        });
        req.on('error', reject); // HPE_INVALID_CONSTANT and friends land here
        if (body !== undefined) {
            req.write(body);
        }
        req.end();
    });
}

async function keptAlive() {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const steps = [
        ['GET', '/api/health', 200],
        ['HEAD', '/api/readings', 200],
        ['HEAD', '/api/nope', 404],
        ['HEAD', '/api/tools/read_source', 405],
        ['GET', '/api/readings', 200],
        ['HEAD', '/api/events', 200],
        ['POST', '/api/tools/read_source', 200, JSON.stringify({ source: 'probe:temp' }),
            { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }],
        ['HEAD', '/api/readings/probe:temp/history', 200],
        ['GET', '/api/plugins', 200],
        ['GET', '/api/nope', 404],
        ['HEAD', '/api/health', 200],
        ['GET', '/api/tools', 200],
    ];
    let index = 0;
    for (const [method, path, expected, body, headers] of steps) {
        const r = await request(agent, method, path, body, headers);
        if (r.status !== expected) {
            fail(`${method} ${path}: ${r.status}, expected ${expected}: ${r.body.slice(0, 200)}`);
        }
        if (method === 'HEAD' && r.body !== '') {
            fail(`${method} ${path} has a body`);
        }
        if (method === 'HEAD' && path !== '/api/events' && r.status === 200 &&
            !r.headers['content-length']) {
            fail(`${method} ${path} has no Content-Length`);
        }
        if (index > 0 && !r.reused) {
            fail(`${method} ${path} did not reuse the kept-alive connection`);
        }
        ++index;
    }
    agent.destroy();
    console.log('PASS: keep-alive connection with GET, HEAD, errors and POST');
}

async function eventSourceAcrossRestart() {
    const events = new EventSource(`${base}/api/events`);
    const readings = [];
    let gap = null;
    let lastBeforeGap = null;
    let readingsBeforeGap = 0;
    let waiting = null;
    const wake = () => { if (waiting) { const w = waiting; waiting = null; w(); } };
    events.addEventListener('reading', (e) => { readings.push(e); wake(); });
    events.addEventListener('gap', (e) => {
        gap = e;
        lastBeforeGap = readings.length ? readings[readings.length - 1].lastEventId : null;
        readingsBeforeGap = readings.length;
        wake();
    });
    const until = (test, seconds, what) => new Promise((resolve) => {
        const timer = setTimeout(() => fail(`timed out waiting for ${what}`), seconds * 1000);
        const check = () => {
            if (test()) { clearTimeout(timer); resolve(); } else { waiting = check; }
        };
        check();
    });

    await until(() => readings.length >= 3, 15, 'three readings');
    const ids = readings.map((e) => Number(e.lastEventId.split('-').pop()));
    for (let i = 1; i < ids.length; ++i) {
        if (ids[i] !== ids[i - 1] + 1) {
            fail(`event ids are not consecutive: ${ids}`);
        }
    }
    const last = readings[readings.length - 1].lastEventId;

    // smollama restarts; EventSource reconnects by itself with Last-Event-ID.
    console.log('RESTART');
    const input = readline.createInterface({ input: process.stdin });
    await new Promise((resolve) => input.once('line', resolve));
    input.close();
    await until(() => gap !== null && readings.length > readingsBeforeGap, 30,
        'the gap event and a live reading after the restart');
    // Readings go on until smollama stops, so the last one the client saw may have come after
    // it printed RESTART: the gap names that one, of the old run.
    const data = JSON.parse(gap.data);
    if (data.reason !== 'restarted' || data.last_event_id !== lastBeforeGap ||
        lastBeforeGap.split('-')[0] !== last.split('-')[0]) {
        fail(`gap event ${gap.data} (expected reason restarted after ${lastBeforeGap}, of the ` +
             `run of ${last})`);
    }
    const after = readings[readings.length - 1].lastEventId;
    if (after.split('-')[0] === last.split('-')[0]) {
        fail(`ids after the restart are of the old run: ${after}`);
    }
    if (events.readyState !== EventSource.OPEN) {
        fail(`the EventSource is not open (readyState ${events.readyState})`);
    }
    events.close();
    console.log('PASS: EventSource resumes across a restart with a gap event');
}

try {
    await keptAlive();
    await eventSourceAcrossRestart();
    process.exit(0);
} catch (e) {
    fail(`${e.code || ''} ${e.message}`);
}
