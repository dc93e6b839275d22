// A loopback proxy for the MCP conformance suite, which has no way to send a bearer key: it forwards every
// request unchanged (Host and Origin included, so the server's DNS-rebinding check still sees what the suite
// sent) and adds `Authorization: Bearer $MEM0_API_KEY`.
//   node key-proxy.mjs <listen-port> <target-port>
import http from 'node:http';

const [listen, target] = process.argv.slice(2).map(Number);
const key = process.env.MEM0_API_KEY;
if (!listen || !target || !key) {
  console.error('usage: MEM0_API_KEY=... node key-proxy.mjs <listen-port> <target-port>');
  process.exit(64);
}

http.createServer((req, res) => {
  const headers = { ...req.headers, authorization: `Bearer ${key}` };
  const upstream = http.request({ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers }, up => {
    res.writeHead(up.statusCode, up.headers);
    up.pipe(res);
  });
  upstream.on('error', err => { res.writeHead(502); res.end(String(err)); });
  req.pipe(upstream);
}).listen(listen, '127.0.0.1');
