package io.kmigrate.localstack;

import io.temporal.testserver.TestServer;

/**
 * The embedded default: Temporal's Java in-memory server on a real gRPC port, in real time (time
 * skipping off), so the CLI, the UI-less `temporal` tool and other SDKs can talk to it.
 */
public final class LocalTemporal implements AutoCloseable {
  public static final int DEFAULT_PORT = 7233;

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private LocalTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static LocalTemporal start(int port) {
    int chosen = Ports.requireFree(port, "the embedded Temporal server");
    return new LocalTemporal(TestServer.createPortBoundServer(chosen), chosen);
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.close();
  }
}
