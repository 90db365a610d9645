// A webhook receiver that checks every request with SignalWire's own validateRequest
// (@signalwire/web-api) against the URL as it arrived, and the SHA256 header with node's HMAC
// (the official validator has no SHA256 check). GET /results answers what it saw.
const http = require("node:http");
const crypto = require("node:crypto");
const { validateRequest } = require("@signalwire/web-api");

const key = process.argv[2];
const hits = [];
const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/results") {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(hits));
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const url = `http://${req.headers.host}${req.url}`;
    const sha1 = req.headers["x-signalwire-signature"];
    const sha256 = req.headers["x-signalwire-sha256-signature"];
    const expected256 = crypto.createHmac("sha256", key).update(url + body).digest("hex");
    hits.push({
      url,
      sha1: sha1 ?? null,
      sha256: sha256 ?? null,
      sha1Valid: sha1 ? validateRequest(key, sha1, url, body) : null,
      sha256Valid: sha256 ? sha256 === expected256 : null,
      body: JSON.parse(body),
    });
    res.statusCode = 204;
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
