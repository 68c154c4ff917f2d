import net from 'node:net';
// closedPort returns a loopback port nothing listens on (bound by the OS, then released).
export function closedPort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
