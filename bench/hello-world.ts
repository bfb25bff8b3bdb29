import Fastify from 'fastify';

// The baseline for the load benchmark: a bare Fastify server with one route and no logging, on the
// same Node, machine and loopback as the hub. Pages are reported as a fraction of its rate.
const app = Fastify({ logger: false });
app.get('/', async () => 'hello world');
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
